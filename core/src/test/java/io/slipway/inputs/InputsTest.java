package io.slipway.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputsTest {

    private static InputDeclaration decl(String name, InputType type) {
        return new InputDeclaration(name, type, null, false, false, null);
    }

    private static InputDeclaration required(String name, InputType type, String description) {
        return new InputDeclaration(name, type, null, true, false, description);
    }

    private static InputDeclaration withDefault(String name, InputType type, Object def) {
        return new InputDeclaration(name, type, def, false, false, null);
    }

    private static InputDeclaration secret(String name, InputType type) {
        return new InputDeclaration(name, type, null, false, true, null);
    }

    private static String one(InputType type, Object value) {
        return Inputs.builder().put("x", value).build().validate(List.of(decl("x", type))).get("x");
    }

    private static InputException wrong(InputType type, Object value) {
        return assertThrows(InputException.class,
                () -> Inputs.builder().put("x", value).build().validate(List.of(decl("x", type))));
    }

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "expected '" + f + "' in: " + message);
        }
    }

    // ---- strings ----

    @Test
    void stringFromJavaValues() {
        assertEquals("hello", one(InputType.STRING, "hello"));
        assertEquals("", one(InputType.STRING, ""));
        assertEquals("8080", one(InputType.STRING, 8080));
        assertEquals("1.5", one(InputType.STRING, 1.50));
        assertEquals("true", one(InputType.STRING, true));
    }

    @Test
    void stringRejectsListsAndMaps() {
        InputException e = wrong(InputType.STRING, List.of("a"));
        assertEquals("x", e.input());
        assertEquals("input 'x' must be a string but was: [a]", e.getMessage());
        assertContains(wrong(InputType.STRING, Map.of("k", "v")).getMessage(), "input 'x' must be a string");
    }

    // ---- numbers ----

    @Test
    void numberRendering() {
        assertEquals("8080", one(InputType.NUMBER, 8080));
        assertEquals("8080", one(InputType.NUMBER, 8080L));
        assertEquals("8080", one(InputType.NUMBER, 8080.0));
        assertEquals("8080", one(InputType.NUMBER, 8080.0f));
        assertEquals("1.5", one(InputType.NUMBER, 1.50));
        assertEquals("1.5", one(InputType.NUMBER, new BigDecimal("1.50")));
        assertEquals("0", one(InputType.NUMBER, 0.0));
        assertEquals("-3", one(InputType.NUMBER, -3));
        assertEquals("123456789012345678901234567890",
                one(InputType.NUMBER, new BigInteger("123456789012345678901234567890")));
        assertEquals("10000000000", one(InputType.NUMBER, 1e10));
    }

    @ParameterizedTest
    @CsvSource({"8080,8080", "8080.0,8080", "1.50,1.5", "' 42 ',42", "-0.250,-0.25", "1e3,1000", "0.000,0", "1e999999999,1E+999999999"})
    void numberFromCliStrings(String given, String expected) {
        assertEquals(expected, one(InputType.NUMBER, given));
    }

    @Test
    void numberRejectsText() {
        InputException e = wrong(InputType.NUMBER, "eighty");
        assertEquals("x", e.input());
        assertEquals("input 'x' must be a number but was: eighty", e.getMessage());
        assertContains(wrong(InputType.NUMBER, "").getMessage(), "must be a number");
        assertContains(wrong(InputType.NUMBER, true).getMessage(), "must be a number but was: true");
        assertContains(wrong(InputType.NUMBER, List.of(1)).getMessage(), "must be a number");
        assertContains(wrong(InputType.NUMBER, Double.NaN).getMessage(), "must be a number");
    }

    // ---- booleans ----

    @Test
    void booleanFromJavaValuesAndStrings() {
        assertEquals("true", one(InputType.BOOLEAN, true));
        assertEquals("false", one(InputType.BOOLEAN, Boolean.FALSE));
        assertEquals("true", one(InputType.BOOLEAN, "true"));
        assertEquals("true", one(InputType.BOOLEAN, "TRUE"));
        assertEquals("false", one(InputType.BOOLEAN, "False"));
    }

    @Test
    void booleanRejectsOthers() {
        assertEquals("input 'x' must be a boolean but was: yes", wrong(InputType.BOOLEAN, "yes").getMessage());
        assertEquals("input 'x' must be a boolean but was: 1", wrong(InputType.BOOLEAN, 1).getMessage());
    }

    // ---- lists ----

    @Test
    void listFromJavaValueAndFromJsonString() {
        assertEquals("[\"a\",\"b\"]", one(InputType.LIST, List.of("a", "b")));
        assertEquals("[1,2.5,true]", one(InputType.LIST, "[1, 2.5, true]"));
        assertEquals("[]", one(InputType.LIST, "[]"));
    }

    @Test
    void listRejectsNonLists() {
        assertEquals("input 'x' must be a list but was: {\"a\":1}", wrong(InputType.LIST, "{\"a\":1}").getMessage());
        assertEquals("input 'x' must be a list but was: 5", wrong(InputType.LIST, 5).getMessage());
        assertEquals("input 'x' must be a list in JSON form but was: a,b", wrong(InputType.LIST, "a,b").getMessage());
    }

    // ---- json ----

    @Test
    void jsonFromJavaValueAndFromString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", List.of("c"));
        assertEquals("{\"a\":1,\"b\":[\"c\"]}", one(InputType.JSON, m));
        assertEquals("{\"a\":1,\"b\":[\"c\"]}", one(InputType.JSON, "{ \"a\": 1, \"b\": [\"c\"] }"));
        assertEquals("42", one(InputType.JSON, "42"));
        assertEquals("[1,2]", one(InputType.JSON, List.of(1, 2)));
    }

    @Test
    void jsonRejectsMalformedText() {
        InputException e = wrong(InputType.JSON, "{a:");
        assertEquals("x", e.input());
        assertEquals("input 'x' must be a json in JSON form but was: {a:", e.getMessage());
    }

    // ---- defaults, required, strictness ----

    @Test
    void defaultsApplyAndGivenValuesWin() {
        List<InputDeclaration> decls = List.of(withDefault("http_port", InputType.NUMBER, 8080),
                withDefault("ratio", InputType.NUMBER, "1.50"), withDefault("debug", InputType.BOOLEAN, false),
                withDefault("tags", InputType.LIST, List.of("x")), withDefault("greeting", InputType.STRING, "hi"));
        Variables v = Inputs.builder().put("greeting", "hello").build().validate(decls);
        assertEquals("8080", v.get("http_port"));
        assertEquals("1.5", v.get("ratio"));
        assertEquals("false", v.get("debug"));
        assertEquals("[\"x\"]", v.get("tags"));
        assertEquals("hello", v.get("greeting"));
        assertEquals(List.of("greeting", "http_port", "ratio", "debug", "tags"), List.copyOf(v.asMap().keySet()));
    }

    @Test
    void wrongTypedDefaultIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> Inputs.empty().validate(List.of(withDefault("port", InputType.NUMBER, "abc"))));
        assertEquals("port", e.input());
        assertEquals("input 'port' must be a number but was: abc", e.getMessage());
    }

    @Test
    void optionalWithoutDefaultIsUnset() {
        Variables v = Inputs.empty().validate(List.of(decl("opt", InputType.STRING)));
        assertNull(v.get("opt"));
        assertFalse(v.asMap().containsKey("opt"));
    }

    @Test
    void requiredMissingNamesTheInputAndItsDescription() {
        InputException e = assertThrows(InputException.class, () -> Inputs.builder().put("other", "x").build()
                .validate(List.of(decl("other", InputType.STRING), required("greeting", InputType.STRING, "shown on the page"))));
        assertEquals("greeting", e.input());
        assertEquals("missing required input 'greeting' (shown on the page)", e.getMessage());
    }

    @Test
    void requiredMissingWithoutDescription() {
        InputException e = assertThrows(InputException.class,
                () -> Inputs.empty().validate(List.of(required("db_password", InputType.STRING, null))));
        assertEquals("missing required input 'db_password'", e.getMessage());
    }

    @Test
    void requiredWithDefaultIsSatisfied() {
        InputDeclaration d = new InputDeclaration("n", InputType.NUMBER, 3, true, false, null);
        assertEquals("3", Inputs.empty().validate(List.of(d)).get("n"));
    }

    @Test
    void wrongTypeNamesInputAndType() {
        InputException e = assertThrows(InputException.class, () -> Inputs.builder().put("http_port", "eighty").build()
                .validate(List.of(required("http_port", InputType.NUMBER, "port"))));
        assertEquals("http_port", e.input());
        assertContains(e.getMessage(), "input 'http_port'", "must be a number", "eighty");
    }

    @Test
    void unknownInputInStrictModeNamesItAndListsDeclared() {
        Inputs inputs = Inputs.builder().put("greting", "hi").strict(true).build();
        assertTrue(inputs.strict());
        InputException e = assertThrows(InputException.class, () -> inputs.validate(
                List.of(decl("http_port", InputType.NUMBER), decl("greeting", InputType.STRING))));
        assertEquals("greting", e.input());
        assertEquals("unknown input 'greting'; the spec declares: greeting, http_port", e.getMessage());
    }

    @Test
    void unknownInputInStrictModeWithoutDeclarations() {
        InputException e = assertThrows(InputException.class,
                () -> Inputs.builder().put("a", 1).strict(true).build().validate(List.of()));
        assertEquals("unknown input 'a'; the spec declares: no inputs", e.getMessage());
    }

    @Test
    void unknownInputInLenientModeIsPassedOnAsAVariable() {
        Inputs inputs = Inputs.builder().put("extra", 2.50).put("list", List.of(1, "a")).put("s", "v").build();
        assertFalse(inputs.strict());
        Variables v = inputs.validate(List.of(decl("s", InputType.STRING)));
        assertEquals("2.5", v.get("extra"));
        assertEquals("[1,\"a\"]", v.get("list"));
        assertEquals("v", v.get("s"));
        assertFalse(v.hasSecrets());
    }

    @Test
    void builderBasics() {
        Inputs inputs = Inputs.builder().putAll(Map.of("a", 1)).put("b", "x").secret("c", "pw").build();
        assertEquals(List.of("a", "b", "c"), List.copyOf(inputs.names()));
        assertEquals(List.of(), List.copyOf(Inputs.empty().names()));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Inputs.builder().put("k", null));
        assertContains(npe.getMessage(), "value of input 'k'");
        assertThrows(NullPointerException.class, () -> Inputs.builder().put(null, "v"));
        assertThrows(NullPointerException.class, () -> Inputs.builder().secret("k", null));
    }

    @Test
    void inputTypeParse() {
        assertEquals(InputType.NUMBER, InputType.parse("number"));
        assertEquals("json", InputType.JSON.spelling());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputType.parse("int"));
        assertEquals("unknown input type 'int'; valid types: string, number, boolean, list, json", e.getMessage());
    }

    // ---- secrets ----

    @Test
    void builderSecretIsMaskedAndMarkedSecret() {
        Inputs inputs = Inputs.builder().put("user", "admin").secret("db_password", "hunter2!").build();
        assertEquals("Inputs{user=admin, db_password=******}", inputs.toString());
        Variables v = inputs.validate(List.of(decl("user", InputType.STRING), decl("db_password", InputType.STRING)));
        assertEquals("hunter2!", v.get("db_password"));
        assertTrue(v.hasSecrets());
        assertEquals("user=admin password=******", v.mask("user=admin password=hunter2!"));
        assertEquals("Variables[user, db_password]", v.toString());
        assertFalse(v.toString().contains("hunter2!"));
    }

    @Test
    void undeclaredBuilderSecretIsStillMasked() {
        Variables v = Inputs.builder().secret("token", "tok-123").build().validate(List.of());
        assertEquals("tok-123", v.get("token"));
        assertEquals("Bearer ******", v.mask("Bearer tok-123"));
    }

    @Test
    void declaredSecretGivenInClearIsMasked() {
        Variables v = Inputs.builder().put("db_password", "plain-pw").build()
                .validate(List.of(secret("db_password", InputType.STRING)));
        assertEquals("plain-pw", v.get("db_password"));
        assertTrue(v.hasSecrets());
        assertEquals("pw is ******.", v.mask("pw is plain-pw."));
        assertFalse(v.toString().contains("plain-pw"));
    }

    @Test
    void declaredSecretDefaultIsMaskedAndHiddenInTheDeclaration() {
        InputDeclaration d = new InputDeclaration("api_key", InputType.STRING, "default-key-999", false, true, "the key");
        assertEquals("InputDeclaration[name=api_key, type=string, default=******, required=false, secret=true]", d.toString());
        Variables v = Inputs.empty().validate(List.of(d));
        assertEquals("default-key-999", v.get("api_key"));
        assertEquals("k=******", v.mask("k=default-key-999"));
    }

    @Test
    void nonSecretDeclarationShowsItsDefault() {
        InputDeclaration d = withDefault("http_port", InputType.NUMBER, 8080);
        assertEquals("InputDeclaration[name=http_port, type=number, default=8080, required=false, secret=false]", d.toString());
    }

    @Test
    void secretNumberIsMaskedInItsRenderedForm() {
        Variables v = Inputs.builder().secret("pin", "0042.50").build().validate(List.of(secret("pin", InputType.NUMBER)));
        assertEquals("42.5", v.get("pin"));
        assertEquals("pin ******", v.mask("pin 42.5"));
    }

    @Test
    void wrongTypedSecretNeverAppearsInTheMessage() {
        List<Object[]> cases = List.of(
                new Object[] {InputType.NUMBER, "not-a-number-SECRET"},
                new Object[] {InputType.BOOLEAN, "maybe-SECRET"},
                new Object[] {InputType.LIST, "SECRET-not-json"},
                new Object[] {InputType.LIST, "{\"SECRET\":1}"},
                new Object[] {InputType.JSON, "{SECRET"});
        for (Object[] c : cases) {
            InputType type = (InputType) c[0];
            String value = (String) c[1];
            // given as a builder secret
            InputException e1 = assertThrows(InputException.class, () -> Inputs.builder().secret("s", value).build()
                    .validate(List.of(decl("s", type))));
            assertEquals("s", e1.input());
            assertContains(e1.getMessage(), "input 's' must be a " + type.spelling(), Secret.MASK);
            assertFalse(e1.getMessage().contains("SECRET"), e1.getMessage());
            // given in clear for a declared secret
            InputException e2 = assertThrows(InputException.class, () -> Inputs.builder().put("s", value).build()
                    .validate(List.of(secret("s", type))));
            assertContains(e2.getMessage(), "input 's' must be a " + type.spelling(), Secret.MASK);
            assertFalse(e2.getMessage().contains("SECRET"), e2.getMessage());
        }
    }

    @Test
    void wrongTypedSecretDefaultNeverAppearsInTheMessage() {
        InputDeclaration d = new InputDeclaration("s", InputType.NUMBER, "SECRET-default", false, true, null);
        InputException e = assertThrows(InputException.class, () -> Inputs.empty().validate(List.of(d)));
        assertEquals("input 's' must be a number but was: ******", e.getMessage());
    }

    @Test
    void wrongTypedSecretListNeverAppearsInTheMessage() {
        InputException e = assertThrows(InputException.class, () -> Inputs.builder().put("s", List.of("SECRET")).build()
                .validate(List.of(secret("s", InputType.STRING))));
        assertEquals("input 's' must be a string but was: ******", e.getMessage());
    }

    @Test
    void secretToString() {
        Secret s = Secret.of("abc");
        assertEquals("******", s.toString());
        assertEquals("abc", s.reveal());
        assertEquals(Secret.of("abc"), s);
        assertEquals(Secret.of("abc").hashCode(), s.hashCode());
        assertFalse(s.equals(Secret.of("abd")));
        assertThrows(NullPointerException.class, () -> Secret.of(null));
    }

    // ---- values from env files ----

    @Test
    void envFileValuesRankBelowGivenValuesAndAboveDefaults() {
        List<InputDeclaration> decls = List.of(decl("given", InputType.STRING),
                withDefault("port", InputType.NUMBER, 8080), withDefault("untouched", InputType.STRING, "d"),
                required("needed", InputType.STRING, null));
        Variables v = Inputs.builder().put("given", "explicit").build().validate(decls,
                Map.of("given", "file", "port", "9000", "needed", "from-file", "undeclared", "x"));
        assertEquals("explicit", v.get("given"));
        assertEquals("9000", v.get("port"));
        assertEquals("d", v.get("untouched"));
        assertEquals("from-file", v.get("needed"));
        assertNull(v.get("undeclared"));
        assertFalse(v.hasSecrets());
    }

    @Test
    void anEnvFileValueOfASecretInputIsMasked() {
        Variables v = Inputs.empty().validate(List.of(secret("pw", InputType.STRING)), Map.of("pw", "from-file-pw"));
        assertEquals("from-file-pw", v.get("pw"));
        assertEquals("pw=" + Secret.MASK, v.mask("pw=from-file-pw"));
        InputException e = assertThrows(InputException.class, () -> Inputs.empty()
                .validate(List.of(secret("n", InputType.NUMBER)), Map.of("n", "not-a-number")));
        assertEquals("input 'n' must be a number but was: " + Secret.MASK + " (from an env file)", e.getMessage());
    }
}
