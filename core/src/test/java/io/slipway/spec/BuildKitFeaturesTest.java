package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The BuildKit-only syntax of a Dockerfile, found as Docker reads the text, and what merely looks like it. */
class BuildKitFeaturesTest {

    private static final String FROM = "FROM busybox\n";

    static Stream<Arguments> features() {
        return Stream.of(
                Arguments.of("RUN --mount=type=cache,target=/x true\n", "RUN --mount"),
                Arguments.of("RUN --network=none wget x\n", "RUN --network"),
                Arguments.of("RUN --security=insecure true\n", "RUN --security"),
                Arguments.of("COPY --link a /a\n", "COPY --link"),
                Arguments.of("COPY --chmod=755 a /a\n", "COPY --chmod"),
                Arguments.of("ADD --chmod=644 a /a\n", "ADD --chmod"),
                Arguments.of("ADD --checksum=sha256:abc https://x/y /y\n", "ADD --checksum"),
                Arguments.of("ADD --keep-git-dir=true https://github.com/a/b.git /b\n", "ADD --keep-git-dir"),
                Arguments.of("ADD --link a /a\n", "ADD --link"),
                Arguments.of("RUN <<EOF\necho hi\nEOF\n", "RUN heredoc <<EOF"),
                Arguments.of("RUN <<-EOT sh\n\techo hi\nEOT\n", "RUN heredoc <<-EOT"),
                Arguments.of("RUN cat <<'EOF' > /f\nx\nEOF\n", "RUN heredoc <<'EOF'"),
                Arguments.of("RUN python3 3<<EOF\nx\nEOF\n", "RUN heredoc <<EOF"),
                Arguments.of("COPY <<EOF /etc/conf\nk=v\nEOF\n", "COPY heredoc <<EOF"),
                Arguments.of("ADD <<EOF /a\nx\nEOF\n", "ADD heredoc <<EOF"),
                Arguments.of("run --mount=type=secret,id=x true\n", "RUN --mount"),
                Arguments.of("ONBUILD RUN --mount=type=cache,target=/x true\n", "RUN --mount"),
                Arguments.of("COPY --from=build --chown=1:1 --chmod=700 /a /a\n", "COPY --chmod"),
                Arguments.of("RUN --mount=type=cache,target=/x [\"sh\", \"-c\", \"true\"]\n", "RUN --mount"));
    }

    @ParameterizedTest
    @MethodSource("features")
    void eachFeatureIsFoundOnItsLine(String instruction, String feature) {
        Optional<BuildKitFeatures.Use> use = BuildKitFeatures.firstUnsupported(FROM + "WORKDIR /w\n" + instruction);
        assertEquals(Optional.of(new BuildKitFeatures.Use(3, feature)), use);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "RUN echo --mount=type=cache\n",
        "RUN echo \"--mount\" && true\n",
        "RUN sh -c 'cp --link a b'\n",
        "COPY --chown=1:1 --from=build /a /a\n",
        "ADD --chown=1:1 a /a\n",
        "RUN echo \"<<EOF\"\n",
        "RUN echo '<<EOF'\n",
        "RUN echo $((1<<4))\n",
        "RUN cat <<< hello\n",
        "RUN a=1 b=2 c<<EOF\n",
        "# RUN --mount=type=cache,target=/x true\n",
        "  # COPY <<EOF /x\n",
        "CMD [\"--mount\"]\n",
        "ENTRYPOINT --mount\n",
        "ENV A=--mount\n",
        "LABEL x=\"RUN --mount=1\"\n",
        "HEALTHCHECK --interval=5s CMD true\n",
        "RUN echo one \\\n  --mount=type=cache two\n",
        "RUN echo a \\\n# RUN --mount=x\n  b\n",
        "EXPOSE 80\nUSER nobody\n",
    })
    void whatMerelyLooksLikeAFeatureIsNone(String instruction) {
        assertEquals(List.of(), BuildKitFeatures.unsupported(FROM + instruction), instruction);
    }

    @Test
    void aContinuedInstructionReportsTheLineOfTheFlag() {
        String text = FROM + "RUN \\\n    --mount=type=cache,target=/root/.cache \\\n    pip install x\n";
        assertEquals(Optional.of(new BuildKitFeatures.Use(3, "RUN --mount")), BuildKitFeatures.firstUnsupported(text));
        String withComment = FROM + "RUN \\\n# a comment inside\n\n    --network=host \\\n    true\n";
        assertEquals(Optional.of(new BuildKitFeatures.Use(5, "RUN --network")),
                BuildKitFeatures.firstUnsupported(withComment));
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        String text = "# escape=`\nFROM busybox\nRUN echo a `\n    --mount=x\nRUN `\n  --mount=type=cache,target=/x true\n";
        assertEquals(List.of(new BuildKitFeatures.Use(6, "RUN --mount")), BuildKitFeatures.unsupported(text));
        // With the default escape, a backtick continues nothing: the next line is an instruction of its own.
        assertEquals(List.of(), BuildKitFeatures.unsupported(FROM + "RUN echo `\nRUN true\n"));
    }

    @Test
    void theSyntaxDirectiveIsReportedApartAndOnlyAtTheTop() {
        String text = "# syntax=docker/dockerfile:1.4\n# escape=\\\nFROM busybox\nRUN true\n";
        assertEquals(Optional.of(new BuildKitFeatures.Use(1, "# syntax=docker/dockerfile:1.4")),
                BuildKitFeatures.syntaxDirective(text));
        assertEquals(List.of(), BuildKitFeatures.unsupported(text), "the classic builder ignores the directive");
        assertEquals(Optional.empty(), BuildKitFeatures.syntaxDirective(FROM + "# syntax=docker/dockerfile:1\n"),
                "below an instruction it is a comment");
        assertEquals(Optional.empty(), BuildKitFeatures.syntaxDirective("# a comment\n# syntax=docker/dockerfile:1\n"
                + FROM));
        assertEquals(Optional.of(new BuildKitFeatures.Use(1, "# syntax=docker/dockerfile:1")),
                BuildKitFeatures.syntaxDirective("#syntax = docker/dockerfile:1\r\n" + FROM));
    }

    @Test
    void everyUseIsListedUntilAHeredocWhoseBodyIsNotRead() {
        String text = FROM + "RUN --mount=type=cache,target=/a --network=none true\nCOPY --link a /a\n"
                + "RUN <<EOF\nRUN --mount=type=cache,target=/in-the-body true\nEOF\n";
        assertEquals(List.of(new BuildKitFeatures.Use(2, "RUN --mount"), new BuildKitFeatures.Use(2, "RUN --network"),
                new BuildKitFeatures.Use(3, "COPY --link"), new BuildKitFeatures.Use(4, "RUN heredoc <<EOF")),
                BuildKitFeatures.unsupported(text));
    }

    @Test
    void theMessageNamesTheFileTheLineTheFeatureAndWhatToDo() {
        String m = BuildKitFeatures.message("/srv/app/Dockerfile", new BuildKitFeatures.Use(7, "RUN --mount"),
                "this engine's classic builder", "or use the compose backend with BuildKit");
        for (String part : List.of("/srv/app/Dockerfile", "line 7", "RUN --mount", "classic builder cannot build it",
                "docker buildx build", "image:", "or use the compose backend with BuildKit")) {
            assertTrue(m.contains(part), part + " in " + m);
        }
    }
}
