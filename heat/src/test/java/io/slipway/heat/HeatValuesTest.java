package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heat's value forms: JSON text, Python literals (what the dispatcher's str() writes), booleans, comma lists. */
class HeatValuesTest {

    @Test
    void readsThePythonReprOfEnvFilesAsHeatAgentsTestsHandIt() {
        // tests/test_hook_docker_compose.py hands env_files as JSON text; the dispatcher's str() gives Python's form.
        String json = "[ { \"file_name\": \"./common.env\", \"content\": \"xxxxx\" }, { \"file_name\": \"./test.env\", \"content\": \"yyyy\" } ]";
        List<Map<String, Object>> expected = List.of(Map.of("file_name", "./common.env", "content", "xxxxx"),
                Map.of("file_name", "./test.env", "content", "yyyy"));
        assertEquals(expected, HeatValues.structure(json, "input 'env_files'"));
        String python = PythonRepr.str(expected);
        assertTrue(python.startsWith("[{'"), python);
        assertEquals(expected, HeatValues.structure(python, "input 'env_files'"));
        assertEquals(expected, HeatValues.structure(expected, "input 'env_files'"));
    }

    @Test
    void pythonLiteralsRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quote's", "it's \"both\"\nline\\two\ttab");
        m.put("n", 8080L);
        m.put("f", new BigDecimal("1.5"));
        m.put("yes", true);
        m.put("none", null);
        m.put("list", Arrays.asList("a", 1L, false, null, List.of()));
        m.put("nested", Map.of("k", List.of(Map.of("x", "y"))));
        assertEquals(m, PythonLiteral.parse(PythonRepr.repr(m)));
    }

    @Test
    void pythonFormsBeyondRepr() {
        assertEquals(List.of("a", "b"), PythonLiteral.parse("('a', 'b',)"));
        assertEquals(List.of("x"), PythonLiteral.parse("(u'x',)"));
        assertEquals("\u00e9\u0041\\d", PythonLiteral.parse("'\\xe9\\u0041\\d'"));
        assertEquals("c:\\dir", PythonLiteral.parse("r'c:\\dir'"));
        assertEquals(Map.of("1", "one", "True", "t"), PythonLiteral.parse("{1: 'one', True: 't'}"));
        assertEquals(-3L, PythonLiteral.parse(" -3 "));
        assertEquals(new BigDecimal("2.5e3"), PythonLiteral.parse("2.5e3"));
        assertNull(PythonLiteral.parse("None"));
    }

    @Test
    void malformedLiteralsNameThePositionNotTheText() {
        for (String bad : List.of("[1, 2", "{'a' 1}", "'open", "[secret-value]", "1 2", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PythonLiteral.parse(bad), bad);
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
            assertFalse(!bad.isEmpty() && e.getMessage().contains("secret-value"), e.getMessage());
        }
        HookException e = assertThrows(HookException.class, () -> HeatValues.structure("not a list", "input 'env_files'"));
        assertTrue(e.getMessage().startsWith("input 'env_files' must be a list or a map"), e.getMessage());
        assertFalse(e.getMessage().contains("not a list"), e.getMessage());
    }

    @Test
    void booleansInEverySpellingHeatAccepts() {
        for (Object t : List.of(true, "True", "true", "t", "YES", "y", "on", "1", 1)) {
            assertEquals(Boolean.TRUE, HeatValues.bool(t), String.valueOf(t));
        }
        for (Object f : List.of(false, "False", "false", "f", "no", "N", "off", "0", 0)) {
            assertEquals(Boolean.FALSE, HeatValues.bool(f), String.valueOf(f));
        }
        assertNull(HeatValues.bool("maybe"));
        assertNull(HeatValues.bool(2));
    }

    @Test
    void textAndCommaDelimitedLists() {
        assertEquals("8080", HeatValues.text(8080));
        assertEquals("1.5", HeatValues.text(1.50));
        assertEquals("[\"a\",1]", HeatValues.text(List.of("a", 1)));
        assertEquals(List.of("a", "b", "c"), HeatValues.commaDelimited("a, b,c"));
        assertEquals(List.of(), HeatValues.commaDelimited(" "));
    }

    @Test
    void deploymentNamesFitEveryBackend() {
        assertEquals("test_deployment", DeploymentName.normalise("test_deployment"));
        assertEquals("web-1", DeploymentName.normalise("web-1"));
        String upper = DeploymentName.normalise("My App");
        assertTrue(upper.matches("my-app-[0-9a-f]{8}"), upper);
        assertFalse(upper.equals(DeploymentName.normalise("my-app")));
        String dotted = DeploymentName.normalise("stack.deployment");
        assertTrue(dotted.matches("stack-deployment-[0-9a-f]{8}"), dotted);
        String longName = DeploymentName.normalise("x".repeat(100));
        assertTrue(longName.length() <= 48 && longName.matches("x+-[0-9a-f]{8}"), longName);
        assertTrue(DeploymentName.normalise("__").matches("heat-[0-9a-f]{8}"));
    }

    @org.junit.jupiter.api.Test
    void deeplyNestedTextIsAHookExceptionNotAStackOverflow() {
        for (String deep : java.util.List.of("[".repeat(60000), "({".repeat(30000), "{'a': ".repeat(30000))) {
            HookException e = org.junit.jupiter.api.Assertions.assertThrows(HookException.class,
                    () -> HeatValues.structure(deep, "input 'env_files'"));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("input 'env_files' must be"), e.getMessage());
        }
    }
}
