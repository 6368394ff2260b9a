package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.engine.DockerEngine;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.AgentImages;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The atomic backend against Podman's service (scripts/podman-engine.sh): the agent gets Podman's socket as its
 * /var/run/docker.sock, and its docker CLI runs the services on Podman. Skipped, saying why, when no Podman
 * service answers.
 */
class AtomicPodmanIT {

    static final String HOST = System.getenv().getOrDefault("SLIPWAY_PODMAN_HOST",
            "unix:///run/slipway-podman/podman.sock");

    @Test
    void anAgentOnPodmanRunsAServiceAndAOneShot() throws Exception {
        DockerEngine podman;
        try {
            podman = DockerEngine.connect(HOST, null, null, null, Map.of());
        } catch (RuntimeException e) {
            Assumptions.abort("no Podman service answers at " + HOST + " (" + DockerEngine.rootMessage(e)
                    + "); scripts/podman-engine.sh starts one, SLIPWAY_PODMAN_HOST names another");
            return;
        }
        String agentName = "slipway-agent-pm-" + UUID.randomUUID().toString().substring(0, 8);
        String deployment = "apm-" + UUID.randomUUID().toString().substring(0, 8);
        try (podman) {
            Assumptions.assumeTrue(podman.isPodman(), HOST + " answers, but it is not Podman: " + podman.describe());
            // The agent image is built on the Docker engine (test-support); Podman gets a copy, as nothing can be pulled.
            AgentImages.agent();
            try (InputStream image = TestEngine.client().saveImageCmd(AgentImages.AGENT).exec()) {
                podman.calls().loadImageCmd(image).exec();
            }
            AtomicLauncher launcher = new AtomicLauncher(Launchers.configure(new AtomicProvider(),
                    "atomic:" + HOST + "?agent-image=" + AgentImages.AGENT + "&privileged-agent=true&remove-agent=true"
                            + "&agent-name=" + agentName), Map.of());
            try {
                assertTrue(launcher.describeTool().contains("Podman "), launcher.describeTool());
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse("services:\n"
                        + "  web:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '300']\n"
                        + "  task:\n    image: " + TestImages.BUSYBOX + "\n    command: [sh, -c, 'echo atomic-on-podman; exit 3']\n"
                        + "    x-slipway: {oneshot: true, wait: {exited: [3], timeout: 20s}}\n"), Inputs.empty());
                assertTrue(r.succeeded(), r.describe());
                assertEquals(3, r.service("task").exitCode(), r.describe());
                assertTrue(r.service("task").logs().contains("atomic-on-podman"), r.describe());
                assertEquals(2, launcher.status(deployment).services().size(), r.describe());
                launcher.delete(deployment);
                assertFalse(launcher.status(deployment).exists(), "deleted");
            } finally {
                launcher.delete(deployment);
                launcher.close();
            }
        }
    }
}
