package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterpolatorTest {

    /** SET has a value, EMPTY is set to "", anything else (UNSET) is unset. */
    private static final Map<String, String> ENV = Map.of("SET", "v", "EMPTY", "", "B", "b", "x_1", "y");
    private static final Function<String, String> LOOKUP = ENV::get;

    static Stream<Arguments> expansions() {
        return Stream.of(
                // plain text and the two reference forms
                Arguments.of("", ""),
                Arguments.of("no variables here", "no variables here"),
                Arguments.of("$SET", "v"),
                Arguments.of("${SET}", "v"),
                Arguments.of("$EMPTY", ""),
                Arguments.of("${EMPTY}", ""),
                Arguments.of("$UNSET", ""),
                Arguments.of("${UNSET}", ""),
                Arguments.of("${x_1}", "y"),
                Arguments.of("$x_1", "y"),
                // embedded in text: a name ends at the first character that cannot continue it
                Arguments.of("pre${SET}post", "prevpost"),
                Arguments.of("pre$SET", "prev"),
                Arguments.of("$SET.b", "v.b"),
                Arguments.of("$SET-b", "v-b"),
                Arguments.of("$SETpost", ""),
                Arguments.of("$SET$B", "vb"),
                Arguments.of("${SET}${B}", "vb"),
                Arguments.of("a}b{c", "a}b{c"),
                // $$ escapes
                Arguments.of("$$", "$"),
                Arguments.of("$$SET", "$SET"),
                Arguments.of("$${SET}", "${SET}"),
                Arguments.of("$$$SET", "$v"),
                Arguments.of("$$$$", "$$"),
                // a $ before something that is neither $, { nor a name start is kept
                Arguments.of("$", "$"),
                Arguments.of("cost: 5$", "cost: 5$"),
                Arguments.of("$ SET", "$ SET"),
                Arguments.of("$1", "$1"),
                Arguments.of("$.x", "$.x"),
                Arguments.of("a$-b", "a$-b"),
                // :- default if unset or empty
                Arguments.of("${SET:-d}", "v"),
                Arguments.of("${EMPTY:-d}", "d"),
                Arguments.of("${UNSET:-d}", "d"),
                Arguments.of("${UNSET:-}", ""),
                Arguments.of("${UNSET:-a b:c-d?e}", "a b:c-d?e"),
                // - default if unset only
                Arguments.of("${SET-d}", "v"),
                Arguments.of("${EMPTY-d}", ""),
                Arguments.of("${UNSET-d}", "d"),
                // :+ replacement if set and non-empty
                Arguments.of("${SET:+r}", "r"),
                Arguments.of("${EMPTY:+r}", ""),
                Arguments.of("${UNSET:+r}", ""),
                // + replacement if set
                Arguments.of("${SET+r}", "r"),
                Arguments.of("${EMPTY+r}", "r"),
                Arguments.of("${UNSET+r}", ""),
                // :? and ? pass the value through when satisfied
                Arguments.of("${SET:?err}", "v"),
                Arguments.of("${SET?err}", "v"),
                Arguments.of("${EMPTY?err}", ""),
                // nesting
                Arguments.of("${UNSET:-${B:-x}}", "b"),
                Arguments.of("${UNSET:-${UNSET2:-x}}", "x"),
                Arguments.of("${UNSET:-$B}", "b"),
                Arguments.of("${UNSET:-pre${B}post}", "prebpost"),
                Arguments.of("${UNSET:-${UNSET2:-${B}}}!", "b!"),
                Arguments.of("${SET:+[$B]}", "[b]"),
                Arguments.of("${SET:+${UNSET:-z}}", "z"),
                Arguments.of("${UNSET:-$$B}", "$B"),
                Arguments.of("${UNSET:-$}", "$"),
                Arguments.of("${UNSET:-a}b}", "ab}"),
                Arguments.of("${UNSET:-{x}}", "{x}"),
                // only the selected branch is evaluated, so an unselected required check does not fail
                Arguments.of("${SET:-${UNSET:?boom}}", "v"),
                Arguments.of("${UNSET:+${UNSET:?boom}}", ""),
                // several constructs in one value
                Arguments.of("http://${HOST:-localhost}:${PORT-8080}/$SET", "http://localhost:8080/v"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("expansions")
    void interpolates(String template, String expected) {
        assertEquals(expected, Interpolator.interpolate(template, LOOKUP));
    }

    static Stream<Arguments> missingRequired() {
        return Stream.of(
                Arguments.of("${UNSET:?set UNSET please}", "required variable UNSET is missing a value: set UNSET please"),
                Arguments.of("${EMPTY:?must not be empty}", "required variable EMPTY is missing a value: must not be empty"),
                Arguments.of("${UNSET?need it}", "required variable UNSET is missing a value: need it"),
                Arguments.of("${UNSET:?}", "required variable UNSET is missing a value"),
                Arguments.of("${UNSET?}", "required variable UNSET is missing a value"),
                Arguments.of("${UNSET:?B is $B}", "required variable UNSET is missing a value: B is b"),
                Arguments.of("${UNSET:?${X:-fallback}}", "required variable UNSET is missing a value: fallback"),
                Arguments.of("pre ${UNSET:-${INNER:?inner}} post", "required variable INNER is missing a value: inner"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("missingRequired")
    void failsOnMissingRequiredVariable(String template, String message) {
        SpecException e = assertThrows(SpecException.class, () -> Interpolator.interpolate(template, LOOKUP));
        assertEquals(message, e.getMessage());
        assertEquals("", e.path());
    }

    static Stream<Arguments> invalidFormats() {
        return Stream.of(
                Arguments.of("${}", "invalid interpolation format \"${}\""),
                Arguments.of("${1A}", "invalid interpolation format \"${1A}\""),
                Arguments.of("${A B}", "invalid interpolation format \"${A B}\""),
                Arguments.of("${A", "invalid interpolation format \"${A\""),
                Arguments.of("${", "invalid interpolation format \"${\""),
                Arguments.of("${A:-x", "invalid interpolation format \"${A:-x\""),
                Arguments.of("${A:x}", "invalid interpolation format \"${A:x}\""),
                Arguments.of("${A:}", "invalid interpolation format \"${A:}\""),
                Arguments.of("${A.b}", "invalid interpolation format \"${A.b}\""),
                Arguments.of("${-A}", "invalid interpolation format \"${-A}\""),
                Arguments.of("x ${A B} y", "invalid interpolation format \"${A B}\" in \"x ${A B} y\""),
                Arguments.of("${A:-${}}", "invalid interpolation format \"${}\" in \"${A:-${}}\""),
                // syntax is checked even in a branch that is not evaluated
                Arguments.of("${SET:-${B C}}", "invalid interpolation format \"${B C}\" in \"${SET:-${B C}}\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidFormats")
    void rejectsInvalidFormat(String template, String message) {
        SpecException e = assertThrows(SpecException.class, () -> Interpolator.interpolate(template, LOOKUP));
        assertEquals(message, e.getMessage());
    }

    @Test
    void looksUpEachVariableOnlyWhenNeeded() {
        List<String> asked = new ArrayList<>();
        Interpolator.interpolate("${SET:-$B} $C ${D:+$E}", name -> {
            asked.add(name);
            return ENV.get(name);
        });
        assertEquals(List.of("SET", "C", "D"), asked);
    }

    @Test
    void valueIsNotInterpolatedAgain() {
        // A value that looks like a template is data, not another template.
        assertEquals("${B}", Interpolator.interpolate("$V", name -> name.equals("V") ? "${B}" : null));
    }

    static Stream<Arguments> variableLists() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("plain $ text $1", List.of()),
                Arguments.of("$$A $${B}", List.of()),
                Arguments.of("$A", List.of("A")),
                Arguments.of("${A} $B", List.of("A", "B")),
                Arguments.of("$B ${A} $B ${A:-x}", List.of("B", "A")),
                Arguments.of("${A:-${B:-$C}}", List.of("A", "B", "C")),
                Arguments.of("${A:?need $B} ${C+r} ${D-$E} ${F:+$G}", List.of("A", "B", "C", "D", "E", "F", "G")),
                Arguments.of("$A.b pre${x_1}post", List.of("A", "x_1")));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("variableLists")
    void listsVariables(String template, List<String> expected) {
        assertEquals(expected, Interpolator.variables(template));
    }

    @Test
    void variablesDoesNotFailOnRequiredButDoesOnBadSyntax() {
        assertEquals(List.of("A"), Interpolator.variables("${A:?missing}"));
        SpecException e = assertThrows(SpecException.class, () -> Interpolator.variables("${A B}"));
        assertEquals("invalid interpolation format \"${A B}\"", e.getMessage());
    }
}
