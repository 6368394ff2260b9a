package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.slipway.echo.EchoLauncherProvider;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modular jars on the module path ({@code java -p ... -m io.slipway.cli/...}): every backend module is found
 * through its {@code provides} clause (the other tests run on the class path, where {@code META-INF/services} does
 * it), docker-java's automatic modules find what they use, and the core keeps {@code io.slipway.internal} to itself.
 * Needs the engine for the docker-run case only.
 */
class ModulePathIT {

    private static String modulePath;

    @TempDir
    static Path dir;

    @BeforeAll
    static void modulePath() throws IOException, URISyntaxException {
        // Written by maven-dependency-plugin at pre-integration-test: cli's runtime dependencies, no test library.
        Path deps = Path.of("target", "runtime-module-path.txt");
        assertTrue(Files.isRegularFile(deps), deps + " is missing: run through Maven's verify");
        modulePath = String.join(File.pathSeparator, Files.readString(deps, StandardCharsets.UTF_8).strip(),
                location(SlipwayCommand.class), location(EchoLauncherProvider.class));
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modulePath));
        command.addAll(List.of(args));
        String name = UUID.randomUUID().toString();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Run slipway(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-m", "io.slipway.cli/io.slipway.cli.SlipwayCommand"));
        command.addAll(List.of(args));
        return java(command.toArray(String[]::new));
    }

    @Test
    void everyBackendIsFoundThroughItsModuleDescriptor() throws Exception {
        Run r = slipway("backends");
        assertEquals(0, r.exit(), r::toString);
        for (String backend : List.of("atomic  ", "swarm  ", "docker-run (aliases: docker)", "compose (aliases: docker-compose)",
                "echo (aliases: dry-run)")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(backend)), backend + " missing:\n" + r);
        }
        assertFalse(r.out().contains("problems:"), r::toString);
    }

    @Test
    void appliesThroughAThirdPartyBackendModule() throws Exception {
        Run r = slipway("apply", "modpath-" + UUID.randomUUID().toString().substring(0, 8), "-f", Cli.resource("specs/app.yaml"),
                "-b", "echo", "-i", "greeting=hi", "-i", "db_password=pw", "--json");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("\"status\" : \"SUCCEEDED\"") || r.out().contains("\"status\":\"SUCCEEDED\""), r::toString);
    }

    @Test
    void dockerRunReachesTheEngineWithDockerJavaAsAutomaticModules() throws Exception {
        String deployment = "modpath-" + UUID.randomUUID().toString().substring(0, 8);
        Run r = slipway("status", "-b", "docker-run", deployment);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("deployment '" + deployment + "' on docker-run: nothing deployed"), r::toString);
    }

    @Test
    void coreUsesTheProviderServiceAndKeepsItsInternalPackage() throws Exception {
        Run core = java("--describe-module", "io.slipway.core");
        assertEquals(0, core.exit(), core::toString);
        List<String> lines = core.out().lines().map(String::strip).toList();
        assertTrue(lines.contains("uses io.slipway.spi.LauncherProvider"), core::toString);
        assertTrue(lines.contains("exports io.slipway.spi"), core::toString);
        assertTrue(lines.contains("contains io.slipway.internal"), core::toString);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("exports io.slipway.internal")), core::toString);

        Run dockerRun = java("--describe-module", "io.slipway.dockerrun");
        assertTrue(dockerRun.out().lines().map(String::strip)
                .anyMatch("provides io.slipway.spi.LauncherProvider with io.slipway.dockerrun.DockerRunProvider"::equals),
                dockerRun::toString);
    }
}
