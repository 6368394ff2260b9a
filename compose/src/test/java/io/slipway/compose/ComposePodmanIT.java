package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.engine.DockerEngine;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.DockerContexts;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose backend against Podman's service (scripts/podman-engine.sh): docker-compose v1 gets Podman's socket
 * as DOCKER_HOST, Slipway watches the containers it starts on the same engine, and runs their healthchecks through
 * Podman's API (Podman runs them from systemd timers only). Skipped, saying why, when no Podman service answers.
 */
class ComposePodmanIT {

    static final String HOST = System.getenv().getOrDefault("SLIPWAY_PODMAN_HOST",
            "unix:///run/slipway-podman/podman.sock");

    @TempDir
    Path home;

    @Test
    void aHealthyServiceAndAOneShotApplyReapplyUnchangedAndDelete() {
        String notPodman;
        try (DockerEngine podman = DockerEngine.connect(HOST, null, null, null, Map.of())) {
            notPodman = podman.isPodman() ? null : HOST + " answers, but it is not Podman: " + podman.describe();
        } catch (RuntimeException e) {
            notPodman = "no Podman service answers at " + HOST + " (" + DockerEngine.rootMessage(e)
                    + "); scripts/podman-engine.sh starts one, SLIPWAY_PODMAN_HOST names another";
        }
        Assumptions.assumeTrue(notPodman == null, notPodman);
        ComposeLauncher launcher = ComposeEngineTestBase.open("compose:" + HOST
                + "?binary=docker-compose&stop-timeout=0s&work-dir=" + home.resolve("work"), DockerContexts.cleanEnv(home));
        String deployment = "cpm-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = "services:\n"
                + "  web:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, \"trap 'exit 0' TERM; touch /tmp/ok; sleep 300 & wait\"]\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/ok], interval: 1s, retries: 3}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n"
                + "  task:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo compose-on-podman; exit 3']\n"
                + "    x-slipway: {oneshot: true, wait: {exited: [3], timeout: 20s}}\n";
        try {
            assertTrue(launcher.describeTool().contains("Podman "), launcher.describeTool());
            LaunchResult r = launcher.apply(deployment, LaunchSpec.parse(yaml), Inputs.empty());
            assertTrue(r.succeeded(), r.describe());
            assertEquals(3, r.service("task").exitCode(), r.describe());
            assertTrue(r.service("task").logs().contains("compose-on-podman"), r.describe());
            var web = launcher.status(deployment).services().stream().filter(s -> s.service().equals("web"))
                    .findFirst().orElseThrow();
            assertEquals("healthy", web.health(), web.toString());
            LaunchResult again = launcher.apply(deployment, LaunchSpec.parse(yaml), Inputs.empty());
            assertTrue(again.succeeded(), again.describe());
            assertFalse(again.service("web").changed(), again.describe());
            launcher.delete(deployment);
            assertFalse(launcher.status(deployment).exists(), "deleted");
        } finally {
            launcher.delete(deployment);
            launcher.close();
        }
    }
}
