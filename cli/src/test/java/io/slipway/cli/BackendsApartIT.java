package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ProjectNames;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment belongs to its backend. Here, where every backend is on the class path, rather than in a backend's own
 * tests: no backend depends on another, not even for its tests.
 */
class BackendsApartIT {

    @TempDir
    Path work;

    @Test
    void aDeploymentOfTheSameNameOnDockerRunIsAnotherOne() {
        String d = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String spec = "services:\n  web:\n    image: " + TestImages.busybox() + "\n    command: [sleep, '300']\n"
                + "    stop_grace_period: 0s\n";
        try (ContainerLauncher compose = Launchers.open("compose?stop-timeout=0s&work-dir=" + work)) {
            try {
                assertTrue(compose.apply(d, LaunchSpec.parse(spec), Inputs.empty()).succeeded());
                try (ContainerLauncher dockerRun = Launchers.open("docker-run")) {
                    assertFalse(dockerRun.status(d).exists(), "compose's containers are not docker-run's");
                    LaunchResult other = dockerRun.apply(d, LaunchSpec.parse(spec), Inputs.empty());
                    assertTrue(other.succeeded(), other.describe());
                    assertEquals(1, dockerRun.delete(d), "docker-run removes its own container only");
                }
                assertEquals(1, TestEngine.client().listContainersCmd().withShowAll(true).withLabelFilter(
                        Map.of("com.docker.compose.project", ProjectNames.of(d))).exec().size(),
                        "compose's container is still there");
                assertEquals("running", compose.status(d).services().get(0).state());
            } finally {
                compose.delete(d);
            }
        }
    }
}
