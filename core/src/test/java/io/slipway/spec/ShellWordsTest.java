package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordsTest {

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   \t\n ", List.of()),
                Arguments.of("echo hi", List.of("echo", "hi")),
                Arguments.of("  a   b\tc\nd  ", List.of("a", "b", "c", "d")),
                Arguments.of("sh -c 'echo $HOME; ls'", List.of("sh", "-c", "echo $HOME; ls")),
                Arguments.of("'a'\"b\"c", List.of("abc")),
                Arguments.of("'' \"\"", List.of("", "")),
                Arguments.of("a\\ b", List.of("a b")),
                Arguments.of("\\'x\\\"", List.of("'x\"")),
                Arguments.of("'back\\slash'", List.of("back\\slash")),
                Arguments.of("\"a \\\"q\\\" \\$x \\\\ \\n\"", List.of("a \"q\" $x \\ \\n")),
                Arguments.of("\"it's\"", List.of("it's")),
                Arguments.of("a\\\nb", List.of("ab")),
                Arguments.of("\"x\\\ny\"", List.of("xy")));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void split(String text, List<String> words) {
        assertEquals(words, ShellWords.split(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'open", "echo \"open", "trailing\\", "\"a\\\""})
    void malformed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShellWords.split(text));
        assertEquals(true, e.getMessage().endsWith("in '" + text + "'"), e.getMessage());
    }
}
