package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool's environment: only what it needs, plus the inputs, within Linux's limits. */
class ToolEnvironmentTest {

    @Test
    void onlyPassedVariablesAreInheritedAndInputsAreAdded() {
        Map<String, String> env = ToolEnvironment.withVariables(ToolEnvironment.base(Map.of("HOME", "/h",
                "COMPOSE_FILE", "x.yml", "SECRET_OF_PARENT", "s"), "unix:///e.sock"), Map.of("port", "80"), "tool");
        assertEquals(Map.of("HOME", "/h", "PATH", "/usr/local/bin:/usr/bin:/bin", "DOCKER_HOST", "unix:///e.sock",
                "port", "80"), env);
    }

    @Test
    void theConfigStringsTlsOptionsReplaceTheEnvironmentsForTheTool() {
        Map<String, String> parent = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/env/certs");
        assertEquals(parent, ToolEnvironment.withEngineTls(parent, null, null), "not given: the environment's");
        assertEquals(Map.of("DOCKER_CERT_PATH", "/env/certs"), ToolEnvironment.withEngineTls(parent, false, null));
        assertEquals(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/opt/certs"),
                ToolEnvironment.withEngineTls(Map.of(), true, "/opt/certs"));
    }

    @Test
    void anInputTooLargeForOneEnvironmentStringIsAnErrorNamingItNotItsValue() {
        String value = "s".repeat(200_000);
        InputException e = assertThrows(InputException.class,
                () -> ToolEnvironment.withVariables(Map.of(), Map.of("blob", value), "docker-compose"));
        assertTrue(e.getMessage().startsWith("input 'blob' is 200006 bytes as an environment variable, over Linux's "
                + "limit of 131072 (MAX_ARG_STRLEN), and docker-compose takes inputs in its environment"), e.getMessage());
        assertFalse(e.getMessage().contains("sss"));
    }

    @Test
    void whetherTheToolBuildsWithBuildKit() {
        ComposeTool.Generation v1 = ComposeTool.Generation.V1;
        ComposeTool.Generation v2 = ComposeTool.Generation.V2;
        assertFalse(ToolEnvironment.buildsWithBuildKit(v1, Map.of()), "v1: the classic builder by default");
        assertTrue(ToolEnvironment.buildsWithBuildKit(v1, Map.of("DOCKER_BUILDKIT", "1")));
        assertFalse(ToolEnvironment.buildsWithBuildKit(v1, Map.of("DOCKER_BUILDKIT", "1", "COMPOSE_DOCKER_CLI_BUILD", "0")),
                "docker-py builds without the CLI: classic");
        assertTrue(ToolEnvironment.buildsWithBuildKit(v2, Map.of()));
        assertFalse(ToolEnvironment.buildsWithBuildKit(v2, Map.of("DOCKER_BUILDKIT", "false")));
        assertEquals("1", ToolEnvironment.base(Map.of("DOCKER_BUILDKIT", "1"), null).get("DOCKER_BUILDKIT"),
                "passed on to the tool");
    }
}
