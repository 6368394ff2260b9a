package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.spec.BuildKitFeatures.Use;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit-only syntax rewritten to what the classic builder builds with the same result, line numbers kept, and what
 * has no such rewrite named on its line.
 */
class DockerfileLoweringTest {

    private static final String FROM = "FROM busybox\n";

    private static DockerfileLowering.Result lower(String text) {
        DockerfileLowering.Result r = DockerfileLowering.lower(text);
        if (r.refused().isEmpty()) {
            // Whatever was lowered, nothing BuildKit-only is left, and no line moved.
            assertEquals(List.of(), BuildKitFeatures.unsupported(r.text()), r.text());
            assertEquals(text.split("\n", -1).length, r.text().split("\n", -1).length, "line count");
        }
        return r;
    }

    @Test
    void aDockerfileWithoutBuildKitSyntaxIsReturnedAsItIs() {
        String text = FROM + "RUN echo \"<<EOF\" && echo $((1<<4))\nCOPY --from=b --chown=1:1 /a /a\n";
        DockerfileLowering.Result r = lower(text);
        assertSame(text, r.text());
        assertFalse(r.changed());
        assertEquals(List.of(), r.refused());
    }

    @Test
    void aHeredocThatIsTheWholeCommandRunsItsTextWithTheShell() {
        DockerfileLowering.Result r = lower(FROM + "RUN <<EOF\napk update\napk add git\nEOF\nCMD [\"x\"]\n");
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"apk update\\napk add git\\n\"]\n\n\n\nCMD [\"x\"]\n", r.text());
        assertEquals(List.of(new Use(2, "RUN heredoc <<EOF")), r.lowered());
        assertTrue(r.changed());
    }

    @Test
    void aChompedHeredocLosesItsLeadingTabsAndItsTerminatorMayBeIndentedWithTabs() {
        DockerfileLowering.Result r = lower(FROM + "RUN <<-EOT\n\techo a\n\t\techo b\n\tEOT\n");
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"echo a\\necho b\\n\"]\n\n\n\n", r.text());
    }

    @Test
    void quotedDelimitersEndTheHeredocByTheirUnquotedName() {
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"echo $HOME\\n\"]\n\n\n",
                lower(FROM + "RUN <<'EOF'\necho $HOME\nEOF\n").text());
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"echo \\\"$HOME\\\"\\n\"]\n\n\n",
                lower(FROM + "RUN <<\"EOF\"\necho \"$HOME\"\nEOF\n").text());
    }

    @Test
    void aCommandAroundTheHeredocGetsItsLinesAndDelimiterForTheShellToRead() {
        // As BuildKit: the command line, then each heredoc's lines and delimiter; the shell expands or not.
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"<<EOT bash\\n    set -ex\\n    apt-get update\\nEOT\"]\n\n\n\n",
                lower(FROM + "RUN <<EOT bash\n    set -ex\n    apt-get update\nEOT\n").text());
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"python3 <<'EOF' > /hello\\nprint(\\\"$x\\\")\\nEOF\"]\n\n\n",
                lower(FROM + "RUN python3 <<'EOF' > /hello\nprint(\"$x\")\nEOF\n").text());
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"cat <<-A > /a\\n\\tx\\nA\"]\n\n\n",
                lower(FROM + "RUN cat <<-A > /a\n\tx\n\tA\n").text(), "the shell strips the tabs of <<-");
    }

    @Test
    void severalHeredocsFollowEachOtherInOrder() {
        DockerfileLowering.Result r = lower(FROM + "RUN <<A cat > /a && <<B cat > /b\n1\nA\n2\nB\nRUN true\n");
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"<<A cat > /a && <<B cat > /b\\n1\\nA\\n2\\nB\"]\n\n\n\n\nRUN true\n",
                r.text());
        assertEquals(List.of(new Use(2, "RUN heredoc <<A"), new Use(2, "RUN heredoc <<B")), r.lowered());
    }

    @Test
    void theStageShellRunsTheHeredocAndAStageFromAnotherInheritsIt() {
        String text = "FROM debian AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                + "FROM base AS next\nRUN <<EOF\necho $BASH\nEOF\nFROM debian\nRUN <<EOF\necho\nEOF\n";
        String[] out = lower(text).text().split("\n", -1);
        assertEquals("RUN [\"/bin/bash\",\"-o\",\"pipefail\",\"-c\",\"echo $BASH\\n\"]", out[3]);
        assertEquals("RUN [\"/bin/sh\",\"-c\",\"echo\\n\"]", out[7]);
    }

    @Test
    void controlCharactersAndBackslashesAreJsonEscaped() {
        String out = lower(FROM + "RUN <<EOF\nprintf 'a\\tb\\\\n' \"\u00e9\"\nEOF\n").text();
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"printf 'a\\\\tb\\\\\\\\n' \\\"\u00e9\\\"\\n\"]\n\n\n", out);
    }

    @Test
    void linesAfterALoweredInstructionKeepTheirNumbers() {
        String text = "# syntax=docker/dockerfile:1.4\n" + FROM + "RUN --mount=type=cache,target=/root/.cache/pip \\\n"
                + "    # a comment\n    pip3 install -r requirements.txt\nRUN <<EOF\na\nEOF\nCOPY --chmod=755 a /a\n";
        DockerfileLowering.Result r = DockerfileLowering.lower(text);
        assertEquals(List.of(new Use(3, "RUN --mount=type=cache"), new Use(6, "RUN heredoc <<EOF")), r.lowered());
        assertEquals(List.of(new Use(9, "COPY --chmod")), r.refused());
        assertEquals("COPY --chmod=755 a /a", r.text().split("\n")[8]);
        assertEquals("RUN pip3 install -r requirements.txt", r.text().split("\n")[2]);
    }

    @Test
    void cacheMountsAreDroppedAndTheCommandIsKeptAsDockerJoinsIt() {
        DockerfileLowering.Result r = lower(FROM + "RUN --mount=type=cache,target=/go/pkg/mod/cache \\\n"
                + "    --mount=type=cache,target=/go-build \\\n    go build -o bin/backend main.go\n");
        assertEquals(FROM + "RUN go build -o bin/backend main.go\n\n\n", r.text());
        assertEquals(List.of(new Use(2, "RUN --mount=type=cache"), new Use(3, "RUN --mount=type=cache")), r.lowered());
        assertEquals("line 2 RUN --mount=type=cache, line 3 RUN --mount=type=cache", r.summary());
    }

    @Test
    void aCacheMountAndAHeredocInOneRun() {
        assertEquals(FROM + "RUN [\"/bin/sh\",\"-c\",\"pip install x\\n\"]\n\n\n",
                lower(FROM + "RUN --mount=type=cache,target=/c <<EOF\npip install x\nEOF\n").text());
    }

    @Test
    void linkIsDroppedAndTheFlagsTheClassicBuilderKnowsStay() {
        DockerfileLowering.Result r = lower(FROM + "COPY --link --from=build --chown=1:1 /src/a.wasm /a.wasm\n"
                + "ADD --link=true x.tar /x/\nRUN --network=default --security=sandbox true\n");
        assertEquals(FROM + "COPY --from=build --chown=1:1 /src/a.wasm /a.wasm\nADD x.tar /x/\nRUN true\n", r.text());
        assertEquals(List.of("COPY --link", "ADD --link", "RUN --network=default", "RUN --security=sandbox"),
                r.lowered().stream().map(Use::feature).toList());
    }

    @Test
    void platformArgsOfBuildKitAreDroppedFromFrom() {
        DockerfileLowering.Result r = lower("FROM --platform=$BUILDPLATFORM python:3.10-alpine AS builder\n"
                + "FROM --platform=${TARGETPLATFORM} busybox\nFROM --platform=linux/amd64 busybox\n");
        assertEquals("FROM python:3.10-alpine AS builder\nFROM busybox\nFROM --platform=linux/amd64 busybox\n", r.text());
        assertEquals(List.of(new Use(1, "FROM --platform=$BUILDPLATFORM"), new Use(2, "FROM --platform=${TARGETPLATFORM}")),
                r.lowered());
    }

    @Test
    void aPlatformArgGivenAValueIsTheDockerfilesOwn() {
        String text = "ARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM busybox\n";
        DockerfileLowering.Result r = lower(text);
        assertSame(text, r.text());
        assertEquals(List.of(), r.refused());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("RUN --mount=type=secret,id=x cat /run/secrets/x\n", "RUN --mount=type=secret"),
                Arguments.of("RUN --mount=target=/src make\n", "RUN --mount=type=bind"),
                Arguments.of("RUN --mount=type=ssh git clone x\n", "RUN --mount=type=ssh"),
                Arguments.of("RUN --mount=type=tmpfs,target=/t true\n", "RUN --mount=type=tmpfs"),
                Arguments.of("RUN --network=none true\n", "RUN --network=none"),
                Arguments.of("RUN --security=insecure true\n", "RUN --security=insecure"),
                Arguments.of("COPY --chmod=755 a /a\n", "COPY --chmod"),
                Arguments.of("ADD --checksum=sha256:abc https://x/y /y\n", "ADD --checksum"),
                Arguments.of("ADD --keep-git-dir=true https://github.com/a/b.git /b\n", "ADD --keep-git-dir"),
                Arguments.of("COPY <<EOF /etc/conf\nk=v\nEOF\n", "COPY heredoc <<EOF"),
                Arguments.of("ADD <<EOF /a\nx\nEOF\n", "ADD heredoc <<EOF"),
                Arguments.of("RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n", "RUN heredoc <<EOF that is a #! script"),
                Arguments.of("RUN [\"sh\"] <<EOF\necho\nEOF\n", "RUN heredoc in exec form (JSON)"),
                Arguments.of("RUN <<EOF\necho\n", "RUN heredoc <<EOF without its delimiter line"),
                Arguments.of("ONBUILD RUN --mount=type=cache,target=/x true\n", "ONBUILD RUN --mount=type=cache"),
                Arguments.of("FROM --platform=linux/$TARGETARCH busybox\n",
                        "FROM --platform=linux/$TARGETARCH (an automatic platform ARG of BuildKit's)"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void whatCannotBeLoweredIsNamedOnItsLineAndLeftAsWritten(String instruction, String feature) {
        String text = FROM + "WORKDIR /w\n" + instruction;
        DockerfileLowering.Result r = DockerfileLowering.lower(text);
        assertEquals(List.of(new Use(3, feature)), r.refused());
        assertEquals(text, r.text());
    }

    @Test
    void aRefusedFeatureKeepsItsInstructionWhileOthersAreLowered() {
        DockerfileLowering.Result r = DockerfileLowering.lower(FROM
                + "RUN --mount=type=cache,target=/c --mount=type=secret,id=s make\nCOPY --link a /a\n");
        assertEquals(List.of(new Use(2, "RUN --mount=type=secret")), r.refused());
        assertEquals(FROM + "RUN --mount=type=cache,target=/c --mount=type=secret,id=s make\nCOPY a /a\n", r.text());
        assertEquals(r.firstRefused().orElseThrow(), new Use(2, "RUN --mount=type=secret"));
    }

    @Test
    void theScanGoesOnAfterAHeredocBodyThatLooksLikeInstructions() {
        DockerfileLowering.Result r = lower(FROM + "RUN <<EOF\nRUN --mount=type=secret,id=x true\nCOPY <<X /y\nEOF\n"
                + "COPY --link a /a\n");
        assertEquals(List.of(), r.refused());
        assertEquals(List.of(new Use(2, "RUN heredoc <<EOF"), new Use(6, "COPY --link")), r.lowered());
    }

    @Test
    void theEscapeDirectiveDecidesContinuations() {
        DockerfileLowering.Result r = lower("# escape=`\nFROM busybox\nRUN --mount=type=cache,target=/c `\n  echo \\\n");
        assertEquals("# escape=`\nFROM busybox\nRUN echo \\\n\n", r.text());
    }

    @Test
    void lowercaseInstructionsAndCrLfLinesAreRead() {
        assertEquals("from busybox\nrun [\"/bin/sh\",\"-c\",\"echo\\n\"]\n\n\n",
                lower("from busybox\r\nrun <<EOF\r\necho\r\nEOF\r\n").text());
    }

    @Test
    void theSameTextLowersToTheSameText() {
        String text = FROM + "RUN --mount=type=cache,target=/c <<EOF\nx\nEOF\nCOPY --link a /a\n";
        assertEquals(DockerfileLowering.lower(text).text(), DockerfileLowering.lower(text).text());
        DockerfileLowering.Result again = DockerfileLowering.lower(DockerfileLowering.lower(text).text());
        assertFalse(again.changed(), "a lowered Dockerfile needs nothing more");
    }
}
