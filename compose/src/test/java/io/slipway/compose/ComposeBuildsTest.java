package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.engine.ImageBuilder;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the compose file asks the tool to build: tag, labels, and what v1 cannot read rewritten. */
class ComposeBuildsTest {

    @TempDir
    Path dir;

    private static final String SPEC = "services:\n"
            + "  web:\n    build: ./app\n"
            + "  task:\n    image: example/task:1\n    build:\n      context: ./app\n      labels: [tier=back]\n"
            + "      pull: true\n      dockerfile_inline: |\n        FROM scratch\n"
            + "  plain:\n    image: example/plain:1\n";

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(Map<String, Object> doc, String name) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    @Test
    void v1GetsTheTagOurLabelsAndTheInlineDockerfileAsAFile() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\n");
        LaunchSpec spec = LaunchSpec.parse(SPEC, dir, "s.yaml");
        ResolvedSpec resolved = spec.resolve(Inputs.empty());
        ComposeBuilds builds = new ComposeBuilds(resolved, "shop", ComposeTool.Generation.V1, true);
        assertTrue(builds.any());
        assertEquals(Map.of("task", "FROM scratch\n"), builds.dockerfiles());
        Map<String, Object> doc = builds.apply(spec.composeDocument(), s -> Path.of("/work/shop/dockerfiles/" + s));

        Map<String, Object> web = service(doc, "web");
        assertEquals("shop-web", web.get("image"));
        Map<String, Object> webBuild = (Map<String, Object>) web.get("build");
        assertEquals("./app", webBuild.get("context"));
        Map<String, Object> labels = (Map<String, Object>) webBuild.get("labels");
        assertEquals("shop", labels.get("io.slipway.deployment"));
        assertEquals(ImageBuilder.buildHash(resolved.service("web").build()), labels.get(ImageBuilder.BUILD_HASH));

        Map<String, Object> task = service(doc, "task");
        assertEquals("example/task:1", task.get("image"));
        Map<String, Object> taskBuild = (Map<String, Object>) task.get("build");
        assertEquals("/work/shop/dockerfiles/task", taskBuild.get("dockerfile"));
        assertFalse(taskBuild.containsKey("dockerfile_inline"));
        assertFalse(taskBuild.containsKey("pull"), "v1 has no build.pull: it becomes build --pull");
        assertTrue(((List<Object>) taskBuild.get("labels")).contains("tier=back"));

        assertFalse(service(doc, "plain").containsKey("build"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void v2KeepsInlineDockerfileAndPull() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        LaunchSpec spec = LaunchSpec.parse(SPEC.replace("    build: ./app\n", "    build: {context: ./app, dockerfile_inline: 'FROM scratch'}\n"),
                dir, "s.yaml");
        ComposeBuilds builds = new ComposeBuilds(spec.resolve(Inputs.empty()), "shop", ComposeTool.Generation.V2, false);
        assertEquals(Map.of(), builds.dockerfiles());
        Map<String, Object> task = (Map<String, Object>) service(builds.apply(spec.composeDocument(), s -> null), "task")
                .get("build");
        assertEquals("FROM scratch\n", task.get("dockerfile_inline"));
        assertEquals(true, task.get("pull"));
    }

    private static final String BUILDKIT_DOCKERFILE = "# syntax=docker/dockerfile:1.4\nFROM busybox\n"
            + "RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip3 install -r r.txt\nRUN <<EOF\napk add git\nEOF\n";

    @SuppressWarnings("unchecked")
    @Test
    void forTheClassicBuilderALoweredDockerfileIsWrittenAndNamedOnEveryGeneration() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), BUILDKIT_DOCKERFILE);
        String lowered = "# syntax=docker/dockerfile:1.4\nFROM busybox\nRUN pip3 install -r r.txt\n\n"
                + "RUN [\"/bin/sh\",\"-c\",\"apk add git\\n\"]\n\n\n";
        for (ComposeTool.Generation g : ComposeTool.Generation.values()) {
            LaunchSpec spec = LaunchSpec.parse("services:\n  web:\n    build: ./app\n", dir, "s.yaml");
            ComposeBuilds builds = new ComposeBuilds(spec.resolve(Inputs.empty()), "shop", g, true);
            assertEquals(Map.of("web", lowered), builds.dockerfiles(), g.toString());
            Map<String, Object> web = (Map<String, Object>) service(builds.apply(spec.composeDocument(),
                    s -> Path.of("/work/shop/dockerfiles/" + s + ".Dockerfile")), "web").get("build");
            assertEquals("/work/shop/dockerfiles/web.Dockerfile", web.get("dockerfile"));
            assertEquals("./app", web.get("context"));
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void whenTheToolBuildsWithBuildKitTheDockerfileIsItsOwn() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), BUILDKIT_DOCKERFILE);
        LaunchSpec spec = LaunchSpec.parse("services:\n  web:\n    build: ./app\n", dir, "s.yaml");
        ComposeBuilds builds = new ComposeBuilds(spec.resolve(Inputs.empty()), "shop", ComposeTool.Generation.V2, false);
        assertEquals(Map.of(), builds.dockerfiles());
        Map<String, Object> web = (Map<String, Object>) service(builds.apply(spec.composeDocument(), s -> null), "web")
                .get("build");
        assertFalse(web.containsKey("dockerfile"));
    }

    @Test
    void theBuildHashOfALoweredDockerfileIsStable() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), BUILDKIT_DOCKERFILE);
        LaunchSpec spec = LaunchSpec.parse("services:\n  web:\n    build: ./app\n", dir, "s.yaml");
        String hash = ImageBuilder.buildHash(spec.resolve(Inputs.empty()).service("web").build());
        assertEquals(hash, ImageBuilder.buildHash(spec.resolve(Inputs.empty()).service("web").build()));
        Files.writeString(dir.resolve("app/Dockerfile"), BUILDKIT_DOCKERFILE.replace("git", "curl"));
        assertFalse(hash.equals(ImageBuilder.buildHash(spec.resolve(Inputs.empty()).service("web").build())));
    }
}
