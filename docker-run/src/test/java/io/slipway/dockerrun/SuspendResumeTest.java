package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.testsupport.TestImages;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code suspend} stops a deployment's containers and keeps them; {@code resume} starts its services again, not its tasks. */
class SuspendResumeTest extends EngineTestBase {

    private static final String SPEC = "services:\n"
            + "  web:\n    image: " + TestImages.BUSYBOX + "\n    command: [sh, -c, 'trap \"exit 0\" TERM; sleep 300 & wait']\n"
            + "  task:\n    image: " + TestImages.BUSYBOX + "\n    command: [echo, done]\n    x-slipway: {oneshot: true}\n";

    private Map<String, DeploymentStatus.ServiceStatus> byService(String d) {
        return launcher.status(d).services().stream().collect(Collectors.toMap(DeploymentStatus.ServiceStatus::service, s -> s));
    }

    @Test
    void suspendStopsAndResumeStartsTheSameServiceContainers() {
        String d = deployment();
        LaunchResult first = apply(d, SPEC);
        assertTrue(first.succeeded(), first.describe());

        assertEquals(1, launcher.suspend(d), "only the running service is stopped");
        assertEquals("exited", byService(d).get("web").state());
        assertEquals(0, launcher.suspend(d), "suspending again stops nothing");

        assertEquals(1, launcher.resume(d), "the task is not run again");
        Map<String, DeploymentStatus.ServiceStatus> resumed = byService(d);
        assertEquals("running", resumed.get("web").state());
        assertEquals(first.service("web").containerId(), resumed.get("web").containerId(), "the same container");
        assertEquals("exited", resumed.get("task").state());

        LaunchResult again = apply(d, SPEC);
        assertTrue(again.succeeded(), again.describe());
        assertFalse(again.service("web").changed(), "an apply after resume leaves the resumed container alone");
        assertEquals("true", docker().inspectContainerCmd(first.service("task").containerId()).exec().getConfig()
                .getLabels().get(Labels.ONESHOT));
    }
}
