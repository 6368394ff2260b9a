package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec without {@code x-slipway.inputs} (a plain Compose file) takes the variables it refers to as string inputs,
 * blank with a warning when unset; a spec with declarations and strict inputs refuses an undeclared variable that
 * would be blank.
 */
class ImplicitInputsTest {

    private static final String PLAIN = """
            services:
              web:
                image: "busybox:${TAG}"
                environment:
                  FROM_DOTENV: ${A}
                  UNSET: "[${B}]"
                  ALSO_UNSET: "[$C]"
                  DEFAULTED: ${D:-dflt}
            """;

    /** What {@code action} logged on stderr (slf4j-simple writes there), and its result. */
    private static <T> Map.Entry<T, String> logged(Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            T result = action.get();
            return Map.entry(result, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static long count(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void everyReferenceIsAnInputAndAnUnsetOneIsBlankWithOneWarning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "A=from-dotenv\nTAG=1.36\nNOT_USED=x\n");
        LaunchSpec spec = LaunchSpec.parse(Files.writeString(dir.resolve("compose.yaml"), PLAIN));
        var run = logged(() -> spec.resolve(Inputs.empty()));
        ResolvedSpec r = run.getKey();
        assertEquals("busybox:1.36", r.service("web").image());
        assertEquals(Map.of("FROM_DOTENV", "from-dotenv", "UNSET", "[]", "ALSO_UNSET", "[]", "DEFAULTED", "dflt"),
                r.service("web").environment());
        // Unset stays unset (not ""): a tool that interpolates by itself still sees ${B-default} as unset.
        assertNull(r.variables().get("B"));
        assertNull(r.variables().get("NOT_USED"), "an entry the file does not use is ignored");
        String log = run.getValue();
        assertEquals(1, count(log, "WARN"), log);
        assertTrue(log.contains("variables not set, each interpolated as a blank string: B, C"), log);
        assertFalse(log.contains("from-dotenv"), "names only, never values: " + log);

        // A caller that resolves twice (check first, then launch) is warned once.
        assertEquals(0, count(logged(() -> spec.resolve(Inputs.empty())).getValue(), "WARN"));
    }

    @Test
    void aRequiredVariableStillFails() {
        LaunchSpec spec = LaunchSpec.parse(PLAIN.replace("${D:-dflt}", "${D:?set D to the database}"));
        SpecException e = assertThrows(SpecException.class, () -> spec.resolve(Inputs.builder().put("A", "a").build()));
        assertEquals("services.web.environment.DEFAULTED", e.path());
        assertTrue(e.getMessage().endsWith("required variable D is missing a value: set D to the database"),
                e.getMessage());
    }

    @Test
    void explicitInputsWinAndStrictAcceptsOnlyReferencedNames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "A=from-dotenv\n");
        LaunchSpec spec = LaunchSpec.parse(Files.writeString(dir.resolve("compose.yaml"), PLAIN));
        ResolvedSpec r = spec.resolve(Inputs.builder().strict(true).put("A", "explicit").put("B", 2).build());
        assertEquals("explicit", r.service("web").environment().get("FROM_DOTENV"));
        assertEquals("[2]", r.service("web").environment().get("UNSET"));
        InputException e = assertThrows(InputException.class,
                () -> spec.resolve(Inputs.builder().strict(true).put("Z", "z").build()));
        assertEquals("Z", e.input());
    }

    @Test
    void withDeclarationsAndStrictAnUndeclaredVariableThatWouldBeBlankIsAnError() {
        LaunchSpec spec = LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    greeting: {type: string, default: hi}
                services:
                  web:
                    image: busybox
                    environment: {OK: "${greeting}", TYPO: "${greting}", DEFAULTED: "${other:-d}"}
                """);
        SpecException e = assertThrows(SpecException.class, () -> spec.resolve(Inputs.builder().strict(true).build()));
        assertEquals("services.web.environment.TYPO", e.path());
        assertEquals("services.web.environment.TYPO: variable 'greting' is not a declared input (strict); declare it "
                + "under x-slipway.inputs (declared: greeting), give it a default (${greting:-value}), or write $$ for a "
                + "literal $", e.getMessage());
        // Without strict, today's behaviour: blank, and an undeclared input given is a variable.
        Map<String, String> lax = spec.resolve(Inputs.empty()).service("web").environment();
        assertEquals(Map.of("OK", "hi", "TYPO", "", "DEFAULTED", "d"), lax);
        assertEquals("x", spec.resolve(Inputs.builder().put("greting", "x").build()).service("web").environment()
                .get("TYPO"));
    }

    @Test
    void withDeclarationsADefaultedOrDeclaredButUnsetVariableIsFineAndQuiet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "TAG=from-dotenv\n");
        LaunchSpec spec = LaunchSpec.parse(Files.writeString(dir.resolve("stack.yaml"), """
                x-slipway:
                  inputs:
                    optional: {type: string}
                services:
                  web:
                    image: busybox:${TAG:-1}
                    environment: {OPTIONAL: "[${optional}]"}
                """));
        var run = logged(() -> spec.resolve(Inputs.builder().strict(true).build()));
        // TAG is not declared: the .env's value is not taken, the default is.
        assertEquals("busybox:1", run.getKey().service("web").image());
        assertEquals("[]", run.getKey().service("web").environment().get("OPTIONAL"));
        assertEquals(0, count(run.getValue(), "WARN"), run.getValue());
    }

    @Test
    void anEmptyInputsMapIsADeclarationOfNone() {
        LaunchSpec spec = LaunchSpec.parse("""
                x-slipway: {inputs: {}}
                services:
                  web: {image: "busybox:${TAG}"}
                """);
        SpecException e = assertThrows(SpecException.class, () -> spec.resolve(Inputs.builder().strict(true).build()));
        assertTrue(e.getMessage().contains("variable 'TAG' is not a declared input (strict); declare it under "
                + "x-slipway.inputs (declared: none)"), e.getMessage());
    }
}
