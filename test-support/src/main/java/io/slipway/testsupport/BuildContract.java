package io.slipway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose's {@code build} on a real engine, the same on every backend: a context in a temp directory
 * {@code FROM} the local busybox image (nothing is pulled), a re-apply that builds nothing and touches nothing,
 * a changed file that replaces the service, a {@code .dockerignore}d one that does not, a broken Dockerfile and a
 * missing base image that fail the service with the build's words. Every image a test builds is removed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BuildContract {

    private ContainerLauncher launcher;
    private final List<String> deployments = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    @TempDir
    protected Path dir;

    /** The config string of the backend under test. */
    protected abstract String config();

    /** The same backend with {@code pull=never}, or null when it has no pull policy. */
    protected abstract String pullNeverConfig();

    @BeforeAll
    void open() {
        TestImages.busybox();
        launcher = Launchers.open(config());
    }

    @AfterEach
    void cleanUp() {
        deployments.forEach(launcher::delete);
        deployments.forEach(TestEngine::removeDeploymentImages);
        tags.forEach(TestEngine::removeImage);
        deployments.clear();
        tags.clear();
    }

    @AfterAll
    void close() {
        launcher.close();
    }

    /** A fresh deployment name, deleted (with what it built) after the test. */
    protected String deployment() {
        String d = "build-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        return d;
    }

    private LaunchResult apply(ContainerLauncher l, String deployment, String yaml) {
        return l.apply(deployment, LaunchSpec.parse(yaml, dir, "build.yaml"), Inputs.empty());
    }

    /** A context {@code app/}: the Dockerfile COPYs msg.txt and prints it; ignored.txt is in .dockerignore. */
    private Path context(String dockerfile, String message) throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("app"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("msg.txt"), message);
        Files.writeString(ctx.resolve("ignored.txt"), "ignored 1");
        Files.writeString(ctx.resolve(".dockerignore"), "# not sent\nignored.txt\n");
        return ctx;
    }

    private static String copyAndPrint() {
        return "FROM " + TestImages.BUSYBOX + "\nCOPY msg.txt /msg.txt\nCMD [\"cat\", \"/msg.txt\"]\n";
    }

    private static final String TASK = "services:\n  app:\n    build: ./app\n    x-slipway: {oneshot: true}\n";

    private static String imageId(String tag) {
        return TestEngine.client().inspectImageCmd(tag).exec().getId();
    }

    private static boolean exists(String tag) {
        try {
            TestEngine.client().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void buildsTheContextAndRebuildsOnlyWhenWhatIsSentChanged() throws IOException {
        Path ctx = context(copyAndPrint(), "version 1\n");
        String d = deployment();
        LaunchResult first = apply(launcher, d, TASK);
        ServiceResult app = first.service("app");
        assertTrue(first.succeeded(), first.describe());
        assertTrue(app.logs().contains("version 1"), app.logs());
        String image = imageId(d + "-app");

        LaunchResult again = apply(launcher, d, TASK);
        assertTrue(again.succeeded(), again.describe());
        assertEquals(app.containerId(), again.service("app").containerId());
        assertFalse(again.service("app").changed());
        assertEquals(image, imageId(d + "-app"), "rebuilt although nothing changed");

        Files.writeString(ctx.resolve("ignored.txt"), "ignored 2");
        LaunchResult ignored = apply(launcher, d, TASK);
        assertEquals(app.containerId(), ignored.service("app").containerId(), "a .dockerignored file replaced it");
        assertEquals(image, imageId(d + "-app"));

        Files.writeString(ctx.resolve("msg.txt"), "version 2\n");
        LaunchResult changed = apply(launcher, d, TASK);
        assertTrue(changed.succeeded(), changed.describe());
        assertNotEquals(app.containerId(), changed.service("app").containerId());
        assertTrue(changed.service("app").logs().contains("version 2"), changed.service("app").logs());
        assertNotEquals(image, imageId(d + "-app"));

        launcher.delete(d);
        assertFalse(exists(d + "-app"), "delete left the image Slipway tagged");
    }

    @Test
    void longFormWithInlineDockerfileArgsAndTargetBuildsOnceForServicesSharingIt() throws IOException {
        context(copyAndPrint(), "unused\n");
        String tag = "slipway-test/built-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        tags.add(tag);
        String build = "    image: " + tag + "\n    build:\n      context: ./app\n      target: final\n"
                + "      args: {GREETING: hello-arg}\n      labels: {tier: test}\n"
                + "      dockerfile_inline: |\n        FROM " + TestImages.BUSYBOX + " AS base\n        ARG GREETING\n"
                + "        RUN echo \"$$GREETING\" > /greeting\n        FROM base AS final\n"
                + "        CMD [\"cat\", \"/greeting\"]\n        FROM base AS other\n        CMD [\"false\"]\n"
                + "    x-slipway: {oneshot: true}\n";
        String d = deployment();
        LaunchResult r = apply(launcher, d, "services:\n  one:\n" + build + "  two:\n" + build);
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.service("one").logs().contains("hello-arg"), r.service("one").logs());
        assertTrue(r.service("two").logs().contains("hello-arg"), r.service("two").logs());
        assertEquals("test", TestEngine.client().inspectImageCmd(tag).exec().getConfig().getLabels().get("tier"));

        launcher.delete(d);
        assertTrue(exists(tag), "delete removed an image the spec named");
    }

    /**
     * The long form's engine-facing keys reach the build, observed by a {@code RUN} that writes what it saw into the
     * image: {@code dockerfile} (not named Dockerfile), {@code args}, {@code target}, {@code labels} (on the image),
     * {@code network: none} (only {@code lo}), {@code shm_size}, {@code extra_hosts}; {@code pull: false} is accepted.
     * The listener is told the build's lines, the RUN's echo among them, under the service.
     */
    @Test
    void buildKeysReachTheBuildAndItsLinesReachTheListener() throws IOException {
        Path ctx = context(copyAndPrint(), "unused\n");
        String marker = "probe-step-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(ctx.resolve("Dockerfile.probe"), "FROM " + TestImages.BUSYBOX + " AS base\nARG GREETING\n"
                + "RUN echo \"" + marker + " says $GREETING\" && { echo \"greeting=$GREETING\"; "
                + "echo \"nets=$(ls /sys/class/net | tr '\\n' ' ')\"; echo \"shm=$(df -k /dev/shm | awk 'NR==2 {print $2}')\"; "
                + "grep build-host /etc/hosts | awk '{print \"host=\" $1}'; } > /probe\n"
                + "FROM base AS final\nCMD [\"cat\", \"/probe\"]\nFROM base AS other\nCMD [\"false\"]\n");
        String d = deployment();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        LaunchListener listener = new LaunchListener() {
            @Override
            public void building(String service, String line) {
                seen.add(service + ": " + line);
            }
        };
        LaunchResult r = launcher.apply(d, LaunchSpec.parse("services:\n  probe:\n    build:\n      context: ./app\n"
                + "      dockerfile: Dockerfile.probe\n      target: final\n      args: {GREETING: hello-arg}\n"
                + "      labels: {tier: probe}\n      network: none\n      shm_size: 16m\n"
                + "      extra_hosts: [\"build-host:10.1.2.3\"]\n      pull: false\n    x-slipway: {oneshot: true}\n",
                dir, "build.yaml"), Inputs.empty(), listener);
        assertTrue(r.succeeded(), r.describe());
        String logs = r.service("probe").logs();
        for (String expected : List.of("greeting=hello-arg", "nets=lo \n", "shm=16384", "host=10.1.2.3")) {
            assertTrue(logs.contains(expected), expected + " in " + logs);
        }
        assertEquals("probe", TestEngine.client().inspectImageCmd(d + "-probe").exec().getConfig().getLabels()
                .get("tier"));
        assertTrue(seen.stream().anyMatch(l -> l.startsWith("probe: ") && l.contains(marker + " says hello-arg")),
                "the RUN's echo under the service: " + seen);
    }

    @Test
    void aBrokenDockerfileFailsTheServiceWithTheBuildsLastLines() throws IOException {
        String marker = "about to fail " + UUID.randomUUID();
        context("FROM " + TestImages.BUSYBOX + "\nRUN echo " + marker + " && exit 3\nCMD [\"true\"]\n", "x");
        LaunchResult r = apply(launcher, deployment(), TASK);
        ServiceResult app = r.service("app");
        assertEquals(Outcome.FAILED, app.outcome(), r.describe());
        assertTrue(app.reason().contains(marker), app.reason());
        assertTrue(app.reason().contains("exit 3") && app.reason().contains("Step 2/"), app.reason());
        // The classic builder keeps a failed step's container unless told not to: none may be left on the engine.
        assertEquals(List.of(), TestEngine.client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getCommand() != null && c.getCommand().contains(marker)).map(c -> c.getId()).toList(),
                "containers of the failed build step left behind");
    }

    @Test
    void aDockerfileThatNeedsBuildKitFailsBeforeAnythingIsBuiltOrStarted() throws IOException {
        Path ctx = context("FROM " + TestImages.BUSYBOX + "\nRUN --mount=type=cache,target=/c true\n"
                + "RUN --mount=type=secret,id=token true\nCMD [\"true\"]\n", "x");
        String d = deployment();
        LaunchResult r = apply(launcher, d, TASK);
        ServiceResult app = r.service("app");
        assertEquals(Outcome.FAILED, app.outcome(), r.describe());
        for (String part : List.of(ctx.resolve("Dockerfile").toString(), "line 3", "RUN --mount=type=secret",
                "needs BuildKit", "classic builder", "docker buildx build", "image:")) {
            assertTrue(app.reason().contains(part), part + " in: " + app.reason());
        }
        assertFalse(app.reason().contains("Step 1/"), "refused before the build started: " + app.reason());
        assertFalse(launcher.status(d).exists(), "no container was created");
        assertFalse(exists(d + "-app"));
    }

    /**
     * Heredocs, a cache mount, {@code COPY --link} and {@code FROM --platform=$BUILDPLATFORM} are lowered for the classic
     * builder with BuildKit's meaning: the shell reads the heredocs (an unquoted delimiter expands, a quoted one does
     * not, {@code <<-} strips tabs), and a re-apply builds nothing.
     */
    @Test
    void aDockerfileWithBuildKitSyntaxThatCanBeLoweredIsBuiltWithItsMeaning() throws IOException {
        context("# syntax=docker/dockerfile:1.4\nFROM --platform=$BUILDPLATFORM " + TestImages.BUSYBOX + " AS base\n"
                + "ENV WHO=slipway\n"
                + "RUN --mount=type=cache,target=/cache \\\n    echo cached > /cached\n"
                + "RUN <<EOF\necho \"first=$WHO\" > /h\necho second >> /h\nEOF\n"
                + "RUN cat <<'EOT' >> /h\nliteral=$WHO\nEOT\n"
                + "RUN cat <<EOT >> /h && cat <<-EOS >> /h\nexpanded=$WHO\nEOT\n\ttabs=gone\n\tEOS\n"
                + "COPY --link msg.txt /msg.txt\nCMD [\"cat\", \"/h\", \"/msg.txt\", \"/cached\"]\n", "copied\n");
        String d = deployment();
        LaunchResult r = apply(launcher, d, TASK);
        ServiceResult app = r.service("app");
        assertTrue(r.succeeded(), r.describe());
        for (String line : List.of("first=slipway", "second", "literal=$WHO", "expanded=slipway", "tabs=gone",
                "copied", "cached")) {
            assertTrue(app.logs().contains(line), line + " in: " + app.logs());
        }
        assertFalse(app.logs().contains("\ttabs"), app.logs());
        String image = imageId(d + "-app");
        LaunchResult again = apply(launcher, d, TASK);
        assertTrue(again.succeeded(), again.describe());
        assertFalse(again.service("app").changed());
        assertEquals(image, imageId(d + "-app"), "rebuilt although nothing changed");
    }

    /** A runtime the engine lacks fails the service naming it before its image is built (the wasm samples). */
    @Test
    void aRuntimeTheEngineLacksFailsBeforeTheImageIsBuilt() throws IOException {
        context(copyAndPrint(), "never built\n");
        String d = deployment();
        LaunchResult r = apply(launcher, d, "services:\n  app:\n    build: ./app\n    platform: wasi/wasm\n"
                + "    runtime: io.containerd.wasmedge.v1\n    x-slipway: {oneshot: true}\n");
        ServiceResult app = r.service("app");
        assertEquals(Outcome.FAILED, app.outcome(), r.describe());
        assertTrue(app.reason().contains("io.containerd.wasmedge.v1"), app.reason());
        assertFalse(app.reason().contains("Step 1/"), app.reason());
        assertFalse(exists(d + "-app"), "the image was built");
    }

    @Test
    void aSyntaxDirectiveAloneIsBuiltByTheClassicBuilder() throws IOException {
        context("# syntax=docker/dockerfile:1\n" + copyAndPrint(), "built despite the directive\n");
        LaunchResult r = apply(launcher, deployment(), TASK);
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.service("app").logs().contains("built despite the directive"), r.service("app").logs());
    }

    @Test
    void pullNeverFailsOnAMissingBaseImageNamingIt() throws IOException {
        Assumptions.assumeTrue(pullNeverConfig() != null, "the backend has no pull policy");
        String base = "slipway-test/no-such-base-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        context("FROM " + base + "\nCMD [\"true\"]\n", "x");
        try (ContainerLauncher never = Launchers.open(pullNeverConfig())) {
            String d = deployment();
            LaunchResult r = apply(never, d, TASK);
            ServiceResult app = r.service("app");
            assertEquals(Outcome.FAILED, app.outcome(), r.describe());
            assertTrue(app.reason().contains(base) && app.reason().contains("pull=never"), app.reason());
            never.delete(d);
        }
    }
}
