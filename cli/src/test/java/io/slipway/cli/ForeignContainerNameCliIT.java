package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code apply} of a spec whose {@code container_name} a container of no deployment's holds: exit 1 (a failed
 * service, as the README says), the message names the container, and that container stays as it was.
 */
class ForeignContainerNameCliIT {

    @ParameterizedTest
    @ValueSource(strings = {"docker-run", "compose"})
    void applyExitsOneNamingTheContainerAndLeavesIt(String backend, @TempDir Path dir) throws Exception {
        DockerClient docker = TestEngine.client();
        String taken = "cli-foreign-" + UUID.randomUUID().toString().substring(0, 8);
        String d = "cli-foreign-d-" + UUID.randomUUID().toString().substring(0, 8);
        Path spec = Files.writeString(dir.resolve("compose.yaml"), "services:\n  named:\n    image: " + TestImages.busybox()
                + "\n    container_name: " + taken + "\n    command: [sh, -c, 'echo hi']\n    x-slipway: {oneshot: true}\n");
        String foreign = docker.createContainerCmd(TestImages.busybox()).withName(taken).withCmd("sleep", "300")
                .withStopTimeout(1).exec().getId();
        try {
            docker.startContainerCmd(foreign).exec();
            Map<String, String> env = Map.of("SLIPWAY_LAUNCHER", backend);
            Cli.Run r = Cli.run(env, "apply", d, "-f", spec.toString());
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.out().contains("named: FAILED") && r.out().contains("container name '" + taken
                    + "' is in use by a container deployment '" + d + "' does not own"), r::toString);
            Cli.Run delete = Cli.run(env, "delete", d);
            assertEquals(0, delete.exit(), delete::toString);
            InspectContainerResponse after = docker.inspectContainerCmd(taken).exec();
            assertEquals(foreign, after.getId(), "the same container");
            assertTrue(Boolean.TRUE.equals(after.getState().getRunning()), "still running: " + after.getState());
        } finally {
            docker.removeContainerCmd(foreign).withForce(true).exec();
        }
    }
}
