package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whether an engine has a log driver, from its log plugins. */
class EngineLogDriversTest {

    private static final Set<String> PLUGINS = Set.of("json-file", "local", "syslog");

    @Test
    void aListedDriverAndNoneAreThere() {
        assertNull(EngineLogDrivers.missing("json-file", PLUGINS));
        assertNull(EngineLogDrivers.missing("none", PLUGINS), "never listed, always there");
    }

    @Test
    void whenTheEngineListsNothingItDecides() {
        assertNull(EngineLogDrivers.missing("loki", Set.of()));
    }

    @Test
    void anUnlistedDriverIsNamedWithTheEnginesOnes() {
        assertEquals("unknown log driver 'loki'; this engine has json-file, local, none, syslog",
                EngineLogDrivers.missing("loki", PLUGINS));
    }
}
