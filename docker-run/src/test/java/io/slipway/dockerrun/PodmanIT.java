package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.engine.DockerEngine;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker-run against Podman's Docker-compatible service ({@code podman system service}), as
 * {@code scripts/podman-engine.sh} starts it: unix:///run/slipway-podman/podman.sock, or {@code SLIPWAY_PODMAN_HOST}.
 * Podman 4.x runs healthchecks from systemd timers only, so the health waits here pass only because Slipway runs
 * the checks through Podman's API. Skipped, saying why, when no Podman service answers.
 */
class PodmanIT {

    static final String HOST = System.getenv().getOrDefault("SLIPWAY_PODMAN_HOST",
            "unix:///run/slipway-podman/podman.sock");

    static DockerEngine podman;
    static DockerRunLauncher launcher;
    /** Why the tests cannot run here, or null: each test is skipped with it, so the report says why. */
    static String unavailable;

    @BeforeAll
    static void connect() {
        unavailable = unavailable();
        if (unavailable == null) {
            launcher = new DockerRunLauncher(Launchers.configure(new DockerRunProvider(),
                    "docker-run:" + HOST + "?stop-timeout=0s"), Map.of());
        }
    }

    /** Connects {@link #podman}; why the tests cannot run, or null. */
    static String unavailable() {
        try {
            podman = DockerEngine.connect(HOST, null, null, null, Map.of());
        } catch (RuntimeException e) {
            return "no Podman service answers at " + HOST + " (" + DockerEngine.rootMessage(e)
                    + "); scripts/podman-engine.sh starts one, SLIPWAY_PODMAN_HOST names another";
        }
        if (!podman.isPodman()) {
            return HOST + " answers, but it is not Podman: " + podman.describe();
        }
        try {
            podman.calls().inspectImageCmd(TestImages.BUSYBOX).exec();
        } catch (RuntimeException e) {
            return "Podman at " + HOST + " lacks " + TestImages.BUSYBOX + " (" + DockerEngine.rootMessage(e)
                    + "); scripts/podman-engine.sh imports it";
        }
        return null;
    }

    @BeforeEach
    void podmanAnswers() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void close() {
        if (launcher != null) {
            launcher.close();
        }
        if (podman != null) {
            podman.close();
        }
    }

    private static String deployment() {
        return "pm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LaunchResult apply(String deployment, String yaml) {
        return launcher.apply(deployment, LaunchSpec.parse(yaml), Inputs.empty());
    }

    private List<?> containers(String deployment) {
        return podman.calls().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.slipway.deployment", deployment)).exec();
    }

    @Test
    void theEngineIsDescribedAsPodman() {
        assertTrue(launcher.describeTool().startsWith("Podman " + podman.engineVersion() + " at " + HOST),
                launcher.describeTool());
        assertTrue(podman.describe().contains(", API 1."), podman.describe());
    }

    @Test
    void aHealthyServiceAOneShotAndADependantOnItsHealthApplyReapplyUnchangedAndDelete() {
        String d = deployment();
        String yaml = "services:\n"
                + "  web:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, \"trap 'exit 0' TERM; touch /tmp/ok; sleep 300 & wait\"]\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/ok], interval: 1s, retries: 3}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n"
                + "  task:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo from-podman; exit 3']\n"
                + "    depends_on: {web: {condition: service_healthy}}\n"
                + "    x-slipway: {oneshot: true, wait: {exited: [3], timeout: 20s}}\n";
        try {
            LaunchResult first = apply(d, yaml);
            assertTrue(first.succeeded(), first.describe());
            assertEquals(3, first.service("task").exitCode(), first.describe());
            assertTrue(first.service("task").logs().contains("from-podman"), first.describe());
            assertTrue(first.service("web").changed() && first.service("task").changed(), first.describe());

            var status = launcher.status(d);
            assertEquals(2, status.services().size(), status.toString());
            var web = status.services().stream().filter(s -> s.service().equals("web")).findFirst().orElseThrow();
            assertEquals("running", web.state(), status.toString());
            assertEquals("healthy", web.health(), status.toString());

            LaunchResult again = apply(d, yaml);
            assertTrue(again.succeeded(), again.describe());
            assertFalse(again.service("web").changed(), again.describe());
            assertEquals(first.service("web").containerId(), again.service("web").containerId(), again.describe());
        } finally {
            launcher.delete(d);
        }
        assertEquals(List.of(), containers(d), "delete removes every container of the deployment");
    }

    @Test
    void podmansOwnLogDriverIsSentByItsName() throws Exception {
        String d = deployment();
        try {
            LaunchResult r = apply(d, "services:\n  task:\n    image: " + TestImages.BUSYBOX + "\n"
                    + "    command: [echo, logged]\n"
                    + "    logging: {driver: k8s-file, options: {max-size: 1mb}}\n"
                    + "    x-slipway: {oneshot: true}\n");
            assertTrue(r.succeeded(), r.describe());
            assertTrue(r.service("task").logs().contains("logged"), r.describe());
            // Podman's Docker-compatible inspection says json-file whatever the driver; its own CLI tells the truth.
            Process inspect = new ProcessBuilder("podman", "--url", HOST, "inspect", "--format",
                    "{{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Size}}", r.service("task").containerId())
                    .redirectErrorStream(true).start();
            assertTrue(inspect.waitFor(30, TimeUnit.SECONDS));
            assertEquals("k8s-file 1MB", new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip(), "logging.driver and its max-size option reached Podman");
        } finally {
            launcher.delete(d);
        }
    }

    @Test
    void failuresDuringTheStartPeriodDoNotCount() {
        String d = deployment();
        try {
            // retries: 1 would make the first failure final; within start_period it is not.
            LaunchResult r = apply(d, "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n"
                    + "    command: [sh, -c, \"trap 'exit 0' TERM; sleep 3; touch /tmp/ok; sleep 300 & wait\"]\n"
                    + "    healthcheck: {test: [CMD, test, -f, /tmp/ok], interval: 1s, retries: 1, start_period: 20s}\n"
                    + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n");
            assertTrue(r.succeeded(), r.describe());
            assertTrue(r.service("web").duration().toMillis() >= 3000, "healthy only once /tmp/ok exists: " + r.describe());
        } finally {
            launcher.delete(d);
        }
    }

    @Test
    void aFailingHealthcheckIsReportedUnhealthyNotATimeout() {
        String d = deployment();
        try {
            LaunchResult r = apply(d, "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n"
                    + "    command: [sh, -c, \"trap 'exit 0' TERM; sleep 300 & wait\"]\n"
                    + "    healthcheck: {test: [CMD-SHELL, 'echo no-such-file; test -f /nope'], interval: 1s, retries: 2}\n"
                    + "    x-slipway: {wait: {healthy: true, timeout: 30s}}\n");
            assertEquals(Outcome.FAILED, r.service("web").outcome(), r.describe());
            assertTrue(r.service("web").reason().contains("unhealthy"), r.describe());
            assertTrue(r.service("web").reason().contains("no-such-file"), "the probe's output: " + r.describe());
            assertTrue(r.service("web").duration().toSeconds() < 15, "unhealthy after its retries: " + r.describe());
        } finally {
            launcher.delete(d);
        }
    }

    @Test
    void keysPodmanLacksAreRefusedNamingTheKeyBeforeAnythingStarts() {
        for (String key : List.of("links: [web]", "external_links: [\"other:alias\"]", "domainname: example.org")) {
            String d = deployment();
            String yaml = "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '300']\n"
                    + "  task:\n    image: " + TestImages.BUSYBOX + "\n    command: [echo, hi]\n    " + key + "\n"
                    + "    x-slipway: {oneshot: true}\n";
            io.slipway.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.slipway.spec.SpecException.class, () -> apply(d, yaml));
            assertEquals("services.task." + key.substring(0, key.indexOf(':')), e.path(), e.getMessage());
            assertTrue(e.getMessage().contains("Podman " + podman.engineVersion()), e.getMessage());
            assertEquals(List.of(), containers(d), "nothing was created");
        }
    }

    @Test
    void aMissingBindSourceThatMustExistFailsNamingItAndIsNotCreated() throws Exception {
        java.nio.file.Path missing = java.nio.file.Files.createTempDirectory("slipway-pm-").resolve("missing");
        String d = deployment();
        try {
            LaunchResult r = apply(d, "services:\n  strict:\n    image: " + TestImages.BUSYBOX + "\n"
                    + "    command: [echo, should not run]\n"
                    + "    volumes: [{type: bind, source: " + missing + ", target: /x, bind: {create_host_path: false}}]\n"
                    + "    x-slipway: {oneshot: true}\n");
            assertEquals(Outcome.FAILED, r.service("strict").outcome(), r.describe());
            assertEquals("bind source path does not exist: " + missing + " (bind.create_host_path: false)",
                    r.service("strict").reason());
            assertFalse(java.nio.file.Files.exists(missing), "Podman did not create it");
        } finally {
            launcher.delete(d);
            java.nio.file.Files.deleteIfExists(missing.getParent());
        }
    }
}
