package io.slipway.heat.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.Launchers;
import io.slipway.heat.HookItem;
import io.slipway.heat.Items;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The slipway group picks its backend by the rule the API and the CLI use ({@link Launchers#chooseConfig}). */
class SlipwayGroupLauncherTest {

    private static HookItem item(String input, String option) {
        Items items = Items.item("slipway", "id-1", "name-1");
        if (input != null) {
            items.input("launcher", input);
        }
        if (option != null) {
            items.option("launcher", option);
        }
        return HookItem.parse(items.json());
    }

    private static Properties property(String value) {
        Properties props = new Properties();
        if (value != null) {
            props.setProperty(Launchers.PROPERTY, value);
        }
        return props;
    }

    @Test
    void inputThenOptionThenEnvironmentThenPropertyThenDockerRun() {
        Map<String, String> env = Map.of(Launchers.ENV, "compose");
        assertEquals("echo", new SlipwayGroup(env, property("atomic")).launcher(item(" echo ", "dry-run")));
        assertEquals("dry-run", new SlipwayGroup(env, property("atomic")).launcher(item(null, "dry-run")));
        assertEquals("compose", new SlipwayGroup(env, property("atomic")).launcher(item(null, null)));
        assertEquals("docker-run", new SlipwayGroup(Map.of(), property(null)).launcher(item(null, null)));
        assertEquals("docker-run", SlipwayGroup.DEFAULT_LAUNCHER);
    }

    @Test
    void theSystemPropertyIsHonouredAsByTheApiAndTheCli() {
        assertEquals("atomic", new SlipwayGroup(Map.of(), property("atomic")).launcher(item(null, null)));
        assertEquals("atomic", new SlipwayGroup(Map.of(Launchers.ENV, " "), property("atomic")).launcher(item("", null)));
    }
}
