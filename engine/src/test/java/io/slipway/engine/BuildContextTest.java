package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.spec.BuildSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .dockerignore as the Docker CLI reads it, what a build sends and hashes, and the base images of a Dockerfile. */
class BuildContextTest {

    @TempDir
    Path ctx;

    @Test
    void dockerignoreMatchesAsTheCliDoes() {
        DockerIgnore i = DockerIgnore.parse("# comment\n\n/secret.txt\n*.log\n!keep.log\nbuild\n**/tmp\ndocs/*.md\n"
                + "./x/../y\n");
        assertTrue(i.excluded("secret.txt"));
        assertTrue(i.excluded("a.log"));
        assertFalse(i.excluded("keep.log"));
        assertFalse(i.excluded("sub/a.log"), "* stays within one segment");
        assertTrue(i.excluded("build/out/a.class"), "a parent directory's match excludes its files");
        assertTrue(i.excluded("tmp"));
        assertTrue(i.excluded("a/b/tmp/c"));
        assertTrue(i.excluded("docs/readme.md"));
        assertFalse(i.excluded("docs/sub/readme.md"));
        assertTrue(i.excluded("y"));
        assertFalse(i.excluded("Dockerfile"));
        assertEquals("a/c", DockerIgnore.clean("./a//b/../c/"));
    }

    private BuildSpec spec(String dockerfile, Map<String, String> args) {
        return new BuildSpec(ctx, dockerfile, dockerfile == null ? "FROM scratch\n" : null, args, null, Map.of(), null,
                null, List.of(), null);
    }

    @Test
    void sendsWhatIsNotIgnoredAndHashesContentNotTimes() throws IOException {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
        Files.writeString(ctx.resolve(".dockerignore"), "*.tmp\nDockerfile\n");
        Files.createDirectories(ctx.resolve("src"));
        Files.writeString(ctx.resolve("src/a.txt"), "a");
        Files.writeString(ctx.resolve("junk.tmp"), "junk");
        BuildContext c = BuildContext.of(spec("Dockerfile", Map.of()));
        // the Dockerfile and .dockerignore are sent even when ignored, as by the CLI
        assertEquals(List.of(".dockerignore", "Dockerfile", "src", "src/a.txt"), c.entries());
        String hash = c.hash();

        Files.writeString(ctx.resolve("junk.tmp"), "other junk");
        Files.setLastModifiedTime(ctx.resolve("src/a.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(hash, BuildContext.of(spec("Dockerfile", Map.of())).hash());
        assertNotEquals(hash, BuildContext.of(spec("Dockerfile", Map.of("A", "1"))).hash(), "args");
        Files.writeString(ctx.resolve("src/a.txt"), "b");
        assertNotEquals(hash, BuildContext.of(spec("Dockerfile", Map.of())).hash(), "content");
    }

    @Test
    void anInlineDockerfileIsAddedUnderItsOwnName() throws IOException {
        BuildContext c = BuildContext.of(spec(null, Map.of()));
        assertTrue(c.generated());
        assertEquals(BuildContext.GENERATED_DOCKERFILE, c.dockerfileName());
        assertEquals("FROM scratch\n", c.dockerfileText());
    }

    @Test
    void aLoweredDockerfileIsSentUnderItsOwnNameBesideTheOriginalWithAStableHash() throws IOException {
        String original = "FROM scratch\nCOPY --link a.txt /a.txt\n";
        Files.writeString(ctx.resolve("Dockerfile"), original);
        Files.writeString(ctx.resolve("a.txt"), "a");
        BuildContext c = BuildContext.of(spec("Dockerfile", Map.of()));
        assertTrue(c.generated());
        assertEquals(BuildContext.GENERATED_DOCKERFILE, c.dockerfileName());
        assertEquals("FROM scratch\nCOPY a.txt /a.txt\n", c.dockerfileText());
        assertEquals(List.of("Dockerfile", "a.txt"), c.entries(), "the original is sent too, as it would be");
        assertEquals(List.of(new io.slipway.spec.BuildKitFeatures.Use(2, "COPY --link")), c.lowering().lowered());
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        c.writeTar(tar);
        String sent = tar.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(sent.contains(BuildContext.GENERATED_DOCKERFILE + "\n.dockerignore\n"), "ignored by the engine");
        assertTrue(sent.contains("FROM scratch\nCOPY a.txt /a.txt\n"), "the lowered text is sent");
        assertEquals(c.hash(), BuildContext.of(spec("Dockerfile", Map.of())).hash(), "an unchanged Dockerfile");
        Files.writeString(ctx.resolve("Dockerfile"), original + "CMD [\"x\"]\n");
        assertNotEquals(c.hash(), BuildContext.of(spec("Dockerfile", Map.of())).hash());
    }

    @Test
    void aDockerfileThatNeedsNoLoweringIsSentAsItIs() throws IOException {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\n");
        BuildContext c = BuildContext.of(spec("Dockerfile", Map.of()));
        assertFalse(c.generated());
        assertEquals("Dockerfile", c.dockerfileName());
        assertFalse(c.lowering().changed());
    }

    @Test
    void baseImagesLeaveOutScratchAndStagesAndSubstituteArgs() {
        String dockerfile = "ARG BASE=debian:12\nARG TAG\nFROM --platform=linux/amd64 ${BASE} AS build\n"
                + "FROM scratch\nFROM build AS again\nFROM example/$TAG\nFROM \\\n  busybox:1\nFROM $UNKNOWN\n";
        assertEquals(List.of("debian:12", "example/", "busybox:1"), ImageBuilder.BaseImages.of(dockerfile, Map.of()));
        assertEquals(List.of("alpine:3", "example/v2", "busybox:1"),
                ImageBuilder.BaseImages.of(dockerfile, Map.of("BASE", "alpine:3", "TAG", "v2")));
    }
}
