package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the item the dispatcher writes on stdin. */
class HookItemTest {

    @Test
    void readsEveryFieldAndKeepsSecretsOutOfToString() {
        HookItem item = HookItem.parse(Items.item("docker-cmd", "abc123", "abcdef001").config(Map.of("db", Map.of("image", "x")))
                .input("env_files", List.of(ordered("file_name", "a.env", "content", "A=1"))).output("result")
                .option("launcher", "compose").json());
        assertEquals("abc123", item.id());
        assertEquals("abcdef001", item.name());
        assertEquals("docker-cmd", item.group());
        assertEquals(Map.of("db", Map.of("image", "x")), item.config());
        assertEquals("CREATE", item.action());
        assertEquals("String", item.input("env_files").orElseThrow().type());
        assertEquals("[{'file_name': 'a.env', 'content': 'A=1'}]", item.text("env_files"), "stringified by the dispatcher");
        assertEquals(List.of(new HookOutput("result", "String", false)), item.outputs());
        assertEquals(Map.of("launcher", "compose"), item.options());
        assertEquals("2024-05-01T10:00:00Z", item.creationTime());
        assertFalse(item.toString().contains(Items.PASSWORD), item.toString());
        assertTrue(item.toString().contains("deploy_password"), item.toString());
        assertEquals("x ****** y ******", item.mask("x " + Items.PASSWORD + " y " + Items.SIGNAL));
        assertTrue(item.secretValues().contains(Items.PASSWORD));
        assertFalse(item.secretValues().contains("RegionOne"));
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    void lenientWhereHeatAgentsIs() {
        HookItem item = HookItem.parse("{\"id\": 5, \"inputs\": {}, \"config\": \"\"}");
        assertEquals("5", item.id());
        assertEquals(List.of(), item.inputs());
        assertFalse(item.hasConfig());
        assertEquals("CREATE", item.action());
        HookItem byName = HookItem.parse("{\"inputs\": {\"deploy_action\": \"DELETE\"}}");
        assertEquals("DELETE", byName.action());
    }

    @Test
    void badShapesAreNamed() {
        assertEquals("item field 'outputs' must be a list of {name, ...} objects but was an object",
                assertThrows(HookException.class, () -> HookItem.parse("{\"outputs\": {}}")).getMessage());
        assertEquals("item field 'options' must be an object but was a list",
                assertThrows(HookException.class, () -> HookItem.parse("{\"options\": []}")).getMessage());
        assertEquals("item field 'name' must be a string but was a list",
                assertThrows(HookException.class, () -> HookItem.parse("{\"name\": []}")).getMessage());
    }
}
