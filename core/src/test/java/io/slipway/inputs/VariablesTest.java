package io.slipway.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariablesTest {

    private static Variables vars(Map<String, String> values, String... secrets) {
        return new Variables(new LinkedHashMap<>(values), Set.of(secrets));
    }

    @Test
    void noneHasNothing() {
        Variables v = Variables.none();
        assertEquals(Map.of(), v.asMap());
        assertFalse(v.hasSecrets());
        assertNull(v.get("x"));
        assertEquals("abc", v.mask("abc"));
        assertEquals("Variables[]", v.toString());
    }

    @Test
    void maskWithoutSecretsReturnsTheSameText() {
        Variables v = vars(Map.of("a", "1"));
        String text = "a=1";
        assertSame(text, v.mask(text));
        assertFalse(v.hasSecrets());
    }

    @Test
    void piecesOfASecretAreMaskedWhenLongEnough() {
        Variables v = vars(Map.of("pw", "admin:hunter22@db/x"), "admin:hunter22@db/x");
        assertEquals("****** and ****** and admin but db and x", v.mask("admin:hunter22@db/x and hunter22 and admin but db and x"));
    }

    @Test
    void nullStaysNull() {
        assertNull(vars(Map.of("p", "pw"), "pw").mask(null));
    }

    @Test
    void everyOccurrenceIsMasked() {
        Variables v = vars(Map.of("p", "pw1"), "pw1");
        assertEquals("******/******/x", v.mask("pw1/pw1/x"));
    }

    @Test
    void longestSecretIsMaskedFirstSoNothingOfItLeaks() {
        // "pass" is a prefix of "password": masking the short one first would leave "word" visible
        Variables v = vars(Map.of("a", "pass", "b", "password"), "pass", "password");
        assertEquals("******, ******", v.mask("password, pass"));
        assertFalse(v.mask("xpasswordx").contains("word"));
        assertEquals("x******x", v.mask("xpasswordx"));
    }

    @Test
    void secretInsideAnotherIsMaskedWhole() {
        Variables v = vars(Map.of("inner", "cret", "outer", "secret123"), "cret", "secret123");
        assertEquals("[******] [******]", v.mask("[secret123] [cret]"));
    }

    @Test
    void overlappingSecretsAreEachMasked() {
        Variables v = vars(Map.of("a", "abcd", "b", "cdef"), "abcd", "cdef");
        String masked = v.mask("abcdef and cdef and abcd");
        assertFalse(masked.contains("abcd"), masked);
        assertFalse(masked.contains("cdef"), masked);
        assertTrue(masked.endsWith(" and ****** and ******"), masked);
    }

    @Test
    void emptySecretIsIgnored() {
        Variables v = vars(Map.of("e", ""), "");
        assertFalse(v.hasSecrets());
        assertEquals("abc", v.mask("abc"));
    }

    @Test
    void toStringShowsNamesOnly() {
        Variables v = vars(Map.of("db_password", "hunter2"), "hunter2");
        assertEquals("Variables[db_password]", v.toString());
        assertEquals("hunter2", v.get("db_password"));
    }

    @Test
    void asMapIsUnmodifiable() {
        Variables v = vars(Map.of("a", "1"));
        assertThrows(UnsupportedOperationException.class, () -> v.asMap().put("b", "2"));
    }
}
