package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LauncherConfigException;
import io.slipway.Launchers;
import io.slipway.SlipwayException;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the {@code binary} option (or {@code SLIPWAY_COMPOSE_CMD}) finds the tool, and how v1 or v2 is told:
 * by the version the tool reports, never by its file name. Fakes stand in for tools this machine lacks.
 */
class ToolDetectionIT {

    private static final String V1 = "docker-compose version 1.29.2, build fake";
    private static final String V2 = "Docker Compose version v2.29.1";

    @TempDir
    Path dir;

    private static Map<String, String> env(String path) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(ComposeOptions.BINARY_ENV);
        env.put("PATH", path);
        return env;
    }

    private static ComposeTool tool(String config, Map<String, String> env) {
        try (ComposeLauncher l = ComposeEngineTestBase.open(config, env)) {
            return l.tool();
        }
    }

    @Test
    void theRealDockerComposeOfThisMachineIsV1() {
        ComposeTool t = tool("compose?binary=docker-compose", env(System.getenv("PATH")));
        assertEquals(ComposeTool.Generation.V1, t.generation());
        assertEquals("1.29.2", t.version());
        assertEquals(List.of("/usr/bin/docker-compose"), t.command());
        assertEquals("binary=docker-compose", t.chosenBy());
    }

    @Test
    void autoPrefersTheDockerPluginThenDockerCompose() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        FakeTool docker = FakeTool.install(bin, "docker").version("Docker version 28.0.0, build fake");
        FakeTool.install(bin, "docker-compose").version(V1);
        ComposeTool t = tool("compose", env(bin + ":/usr/bin:/bin"));
        assertEquals(List.of(bin.resolve("docker-compose").toString()), t.command(), "no plugin: docker-compose");
        assertEquals(ComposeTool.Generation.V1, t.generation());

        docker.composeVersion(V2);
        t = tool("compose", env(bin + ":/usr/bin:/bin"));
        assertEquals(List.of(bin.resolve("docker").toString(), "compose"), t.command());
        assertEquals(ComposeTool.Generation.V2, t.generation());
        assertEquals("docker compose", t.displayName());
    }

    @Test
    void aFileCalledDockerComposeMayWellBeV2() {
        FakeTool fake = FakeTool.install(dir, "docker-compose").version(V2);
        ComposeTool t = tool("compose?binary=docker-compose", env(dir + ":/usr/bin:/bin"));
        assertEquals(ComposeTool.Generation.V2, t.generation());
        assertEquals(List.of(fake.binary.toString()), t.command(), "a standalone v2: no 'compose' prefix");
        assertEquals("2.29.1", t.version());
    }

    @Test
    void anAbsolutePathMayNameADockerCli() {
        FakeTool fake = FakeTool.install(dir, "fake-docker").version("Docker version 28.0.0, build fake")
                .composeVersion(V2);
        ComposeTool t = tool("compose?binary=" + fake.binary, env("/usr/bin:/bin"));
        assertEquals(List.of(fake.binary.toString(), "compose"), t.command());
        assertEquals(ComposeTool.Generation.V2, t.generation());
        assertEquals(List.of("version"), fake.argv(1));
        assertEquals(List.of("compose", "version"), fake.argv(2));
    }

    @Test
    void theEnvironmentVariableOverridesTheOption() {
        FakeTool fake = FakeTool.install(dir, "dc").version(V1);
        Map<String, String> env = env(System.getenv("PATH"));
        env.put(ComposeOptions.BINARY_ENV, fake.binary.toString());
        ComposeTool t = tool("compose?binary=docker", env);
        assertEquals(List.of(fake.binary.toString()), t.command());
        assertEquals(ComposeOptions.BINARY_ENV + "=" + fake.binary, t.chosenBy());

        env.put(ComposeOptions.BINARY_ENV, "bin/dc");
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> tool("compose", env));
        assertEquals("bad value 'bin/dc' in SLIPWAY_COMPOSE_CMD: must be auto, docker-compose, docker or an absolute path",
                e.getMessage());
    }

    @Test
    void aMissingBinaryIsNamed() {
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> ComposeEngineTestBase.open("compose?binary=/nonexistent", env("/usr/bin:/bin")));
        assertEquals("compose binary '/nonexistent' (binary=/nonexistent) does not exist; give auto, docker-compose, "
                + "docker, or the absolute path of an executable", e.getMessage());
        e = assertThrows(LauncherConfigException.class, () -> Launchers.open("compose?binary=bin/docker-compose"));
        assertEquals("bad value 'bin/docker-compose' for option 'binary': must be auto, docker-compose, docker or an "
                + "absolute path", e.getMessage());
    }

    @Test
    void aProgramThatIsNoComposeToolIsRefusedWithWhatItSaid() {
        SlipwayException e = assertThrows(SlipwayException.class,
                () -> ComposeEngineTestBase.open("compose?binary=/bin/echo", env("/usr/bin:/bin")));
        assertTrue(e.getMessage().startsWith("no Compose tool found (binary=/bin/echo); tried: '/bin/echo version' "
                + "answered (exit 0): version; '/bin/echo compose version' answered (exit 0): compose version."),
                e.getMessage());
        e = assertThrows(SlipwayException.class, () -> ComposeEngineTestBase.open("compose?binary=docker-compose",
                env(dir.toString())));
        assertTrue(e.getMessage().contains("'docker-compose' is not on the PATH (" + dir + ")"), e.getMessage());
    }

    @Test
    void aTooOldV1IsRefused() {
        FakeTool fake = FakeTool.install(dir, "docker-compose").version("docker-compose version 1.25.0, build 0a186604");
        SlipwayException e = assertThrows(SlipwayException.class,
                () -> ComposeEngineTestBase.open("compose?binary=" + fake.binary, env("/usr/bin:/bin")));
        assertTrue(e.getMessage().startsWith("docker-compose 1.25.0 is too old"), e.getMessage());
    }

    @Test
    void theBackendIsFoundByNameAndAlias() {
        try (ContainerLauncher l = Launchers.open("docker-compose")) {
            assertEquals("compose", l.backend());
        }
        LauncherProvider provider = Launchers.available().stream().filter(p -> p.name().equals("compose"))
                .findFirst().orElseThrow();
        assertEquals(List.of("docker-compose"), provider.aliases());
        assertEquals(List.of("binary", "work-dir", "remove-volumes", "pull", "timeout", "stop-timeout", "on-failure",
                "context", "tls-verify", "cert-path", "lock-timeout"), provider.options().stream().map(LauncherOption::key).toList());
    }
}
