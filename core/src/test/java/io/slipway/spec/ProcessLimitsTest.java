package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import org.junit.jupiter.api.Test;

/** Linux's limits on a process's environment, checked before anything starts. */
class ProcessLimitsTest {

    private static final String SPEC = """
            x-slipway:
              inputs:
                big: {type: string, secret: true}
                small: {type: string, default: x}
            services:
              web:
                image: a
                environment: ["BIG=${big}", "SMALL=${small}"]
            """;

    @Test
    void anEnvironmentVariableOverMaxArgStrlenIsAnErrorNamingTheInputNotTheValue() {
        String value = "v".repeat(1 << 20);
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(SPEC).resolve(Inputs.builder().secret("big", value).build()));
        assertTrue(e.getMessage().startsWith("services.web.environment.BIG: 1048581 bytes (from input big), over "
                + "Linux's limit of 131072 bytes for one environment variable (MAX_ARG_STRLEN)"), e.getMessage());
        assertTrue(e.getMessage().contains("a secret (secrets:, mounted at /run/secrets/NAME)"), e.getMessage());
        assertFalse(e.getMessage().contains("vvvv"), "never the value");
    }

    @Test
    void justUnderTheLimitIsFine() {
        String value = "v".repeat(ProcessLimits.MAX_ARG_STRLEN - "BIG=".length() - 1);
        assertDoesNotThrow(() -> LaunchSpec.parse(SPEC).resolve(Inputs.builder().secret("big", value).build()));
    }

    @Test
    void anEnvironmentOverArgMaxIsAnErrorUnlessTheStackLimitAllowsIt() {
        StringBuilder yaml = new StringBuilder("services:\n  web:\n    image: a\n    environment:\n");
        String value = "v".repeat(120 * 1024);
        for (int i = 0; i < 20; i++) {
            yaml.append("      V").append(i).append(": ").append(value).append('\n');
        }
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(yaml.toString()).resolve(Inputs.empty()));
        assertTrue(e.getMessage().startsWith("services.web.environment: 2457850 bytes of environment and arguments, over "
                + "Linux's ARG_MAX of 2080768 bytes"), e.getMessage());
        assertDoesNotThrow(() -> LaunchSpec.parse(yaml + "    ulimits: {stack: 67108864}\n").resolve(Inputs.empty()));
        assertEquals(1, LaunchSpec.parse(yaml + "    ulimits: {stack: 67108864}\n").resolve(Inputs.empty())
                .services().size());
    }
}
