package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.engine.DeploymentLock;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One writer per deployment across processes: {@code slipway apply} run as separate JVMs against one engine, as two
 * Heat agents or two CI jobs would.
 */
class DeploymentLockCliIT {

    private static final Map<String, String> DOCKER_RUN = Map.of("SLIPWAY_LAUNCHER", "docker-run");
    /** The atomic agent these tests bootstrap, removed after them. */
    private static final String AGENT = "slipway-lock-agent-" + UUID.randomUUID().toString().substring(0, 6);
    private final String d = "lk" + UUID.randomUUID().toString().substring(0, 6);
    private final List<Process> started = new ArrayList<>();
    private String backend = "docker-run";

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
        Cli.run(Map.of("SLIPWAY_LAUNCHER", launcher()), "delete", d);
    }

    @AfterAll
    static void removeAgent() {
        try {
            TestEngine.client().removeContainerCmd(AGENT).withForce(true).exec();
        } catch (NotFoundException e) {
            // no atomic case ran
        }
    }

    @Test
    void aSecondWriterWaitsNamingTheHolderOrWithNoWaitFailsAtOnce() throws Exception {
        Path spec = spec("sleep 0");
        try (DeploymentLock held = DeploymentLock.acquire(TestEngine.client(), d, "apply", Duration.ZERO)) {
            Process noWait = slipway("no-wait", "apply", d, "-f", spec.toString(), "--no-wait");
            assertTrue(noWait.waitFor(60, TimeUnit.SECONDS));
            String err = Files.readString(dir.resolve("no-wait.err"));
            assertEquals(1, noWait.exitValue(), err);
            assertTrue(err.contains("deployment '" + d + "' is locked by apply by pid " + ProcessHandle.current().pid()
                    + " on host "), err);

            Process waits = slipway("waits", "apply", d, "-f", spec.toString(), "--lock-timeout", "2m");
            await(() -> read("waits.err").contains("Waiting for deployment '" + d + "': locked by apply by pid "
                    + ProcessHandle.current().pid()), "the second writer says whom it waits for");
            assertTrue(waits.isAlive(), read("waits.err"));
            assertEquals(0, containers().size(), "nothing changes while the lock is held");
            // A reader never waits for the lock: status answers at once while a writer holds it and another waits.
            Cli.Run status = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run(DOCKER_RUN, "status", d));
            assertEquals(0, status.exit(), status::toString);
            assertFalse(status.err().contains("Waiting for deployment"), status::toString);
            assertTrue(status.out().contains("deployment '" + d + "' on docker-run: nothing deployed"), status::toString);
        }
        Process waits = started.get(1);
        assertTrue(waits.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, waits.exitValue(), read("waits.err"));
        assertEquals(1, containers().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-run", "compose", "atomic"})
    void twoProcessesApplyingOneDeploymentAtOnceBothSucceedWithOneContainer(String backend) throws Exception {
        this.backend = backend;
        Path spec = spec("sleep 2");
        Process a = slipway("a", "apply", d, "-f", spec.toString());
        Process b = slipway("b", "apply", d, "-f", spec.toString());
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), read("a.err"));
        assertEquals(0, b.exitValue(), read("b.err"));
        assertEquals(1, containers().size(), read("a.err") + read("b.err"));
        assertTrue(read("a.err").contains("Waiting for deployment '" + d + "': locked by apply by pid " + b.pid())
                || read("b.err").contains("Waiting for deployment '" + d + "': locked by apply by pid " + a.pid()),
                "one waited for the other:\n" + read("a.err") + read("b.err"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-run", "compose", "atomic"})
    void aHolderKilledWithSigkillDoesNotBlockTheNextApply(String backend) throws Exception {
        this.backend = backend;
        // Never healthy: the apply holds the lock until it is killed.
        Process holder = slipway("holder", "apply", d, "-f", spec("sleep 600").toString());
        DockerClient docker = TestEngine.client();
        await(() -> !containers().isEmpty(), "the first apply created its container");
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DeploymentLock.LOCK_LABEL, d)).exec().size(), "the dead holder left its lock");

        Process next = slipway("next", "apply", d, "-f", spec("sleep 0").toString(), "--lock-timeout", "5s");
        assertTrue(next.waitFor(60, TimeUnit.SECONDS));
        String err = read("next.err");
        assertEquals(0, next.exitValue(), err);
        assertTrue(err.contains("Taking over the lock of deployment '" + d + "' from apply by pid " + holder.pid())
                && err.contains("is gone"), err);
    }

    @Test
    void lockOptionsThatCannotApplyAreUsageErrors() throws Exception {
        String spec = spec("sleep 0").toString();
        Cli.Run both = Cli.run(DOCKER_RUN, "apply", d, "-f", spec, "--no-wait", "--lock-timeout", "1s");
        assertEquals(2, both.exit(), both::toString);
        assertTrue(both.err().contains("--lock-timeout and --no-wait exclude each other"), both::toString);
        Cli.Run twice = Cli.run(DOCKER_RUN, "delete", d, "-b", "docker-run?lock-timeout=1m", "--no-wait");
        assertEquals(2, twice.exit(), twice::toString);
        assertTrue(twice.err().contains("already sets lock-timeout"), twice::toString);
        Cli.Run bad = Cli.run(DOCKER_RUN, "delete", d, "--lock-timeout", "soon");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("soon"), bad::toString);
    }

    /** A service that is ready once {@code delay} (a shell command) is done. */
    private Path spec(String delay) throws IOException {
        TestImages.busybox();
        Path spec = dir.resolve("spec-" + delay.replace(' ', '-') + ".yaml");
        Files.writeString(spec, "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    init: true\n"
                + "    command: [sh, -c, '" + delay + "; touch /tmp/ready; exec sleep 600']\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/ready], interval: 200ms, retries: 3000}\n");
        return spec;
    }

    /** {@code slipway ARGS} in its own JVM on {@link #backend}; stdout and stderr go to {@code <name>.out/err}. */
    private Process slipway(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), SlipwayCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("SLIPWAY_LAUNCHER", launcher());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** The config string of {@link #backend} on this engine (atomic: the test agent image, privileged). */
    private String launcher() {
        return backend.equals("atomic") ? "atomic?agent-image=" + AgentImages.agent() + "&privileged-agent=true"
                + "&agent-name=" + AGENT : backend;
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** The deployment's containers, by Slipway's label (docker-run, atomic) or Compose's project label (compose). */
    private List<String> containers() {
        Map<String, String> label = backend.equals("compose") ? Map.of("com.docker.compose.project", d)
                : Map.of("io.slipway.deployment", d);
        return TestEngine.client().listContainersCmd().withShowAll(true).withLabelFilter(label).exec().stream()
                .map(c -> c.getId()).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
