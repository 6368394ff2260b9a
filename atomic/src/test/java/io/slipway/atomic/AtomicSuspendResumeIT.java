package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.LaunchResult;
import io.slipway.testsupport.AgentImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suspend} and {@code resume} of containers that RUN labels started (which carry no labels of Slipway's, so
 * the records say which is a task); the default run's are covered by {@link AtomicParityIT}.
 */
class AtomicSuspendResumeIT extends AtomicEngineTestBase {

    @Test
    void suspendRunsStopAndResumeStartsTheServiceButNotTheTaskNorInstall(@TempDir Path out) throws Exception {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        String img = AgentImages.withLabels("slipway-test/atomic-suspend:1", Map.of(
                "INSTALL", "docker run --rm -v ${OPT1}:/out IMAGE sh -c 'echo x >> /out/installs-$NAME'",
                "RUN", "docker run -d --init --name NAME IMAGE sleep 300",
                "STOP", "docker run --rm -v ${OPT1}:/out IMAGE sh -c 'echo x >> /out/stops-$NAME'"));
        String task = AgentImages.withLabels("slipway-test/atomic-suspend-task:1", Map.of(
                "RUN", "docker run -d --name NAME IMAGE echo task ran"));
        String d = deployment();
        String spec = "services:\n  web:\n    image: " + img + "\n    x-slipway:\n      atomic: {opt1: '" + out + "'}\n"
                + "  task:\n    image: " + task + "\n    x-slipway: {oneshot: true}\n";
        LaunchResult first = apply(d, spec);
        assertTrue(first.succeeded(), first.describe() + "\n" + first.toolOutput() + first.toolErrors());
        String taskStarted = container(d + "-task").getState().getStartedAt();

        assertEquals(1, launcher.suspend(d), "only the running service is stopped");
        InspectContainerResponse web = container(d + "-web");
        assertEquals("exited", web.getState().getStatus());
        assertEquals(first.service("web").containerId(), web.getId(), "suspend keeps the container");
        assertEquals(1, Files.readAllLines(out.resolve("stops-" + d + "-web")).size(), "the STOP label ran");
        assertEquals(0, launcher.suspend(d), "suspending again stops nothing");
        assertEquals(1, Files.readAllLines(out.resolve("stops-" + d + "-web")).size());

        assertEquals(1, launcher.resume(d), "the task is not run again");
        assertTrue(container(d + "-web").getState().getRunning());
        assertEquals(first.service("web").containerId(), container(d + "-web").getId(), "the same container");
        assertEquals(taskStarted, container(d + "-task").getState().getStartedAt(), "the task did not run again");
        assertEquals(0, launcher.resume(d), "resuming again starts nothing");

        LaunchResult again = apply(d, spec);
        assertTrue(again.succeeded(), again.describe());
        assertEquals(first.service("web").containerId(), again.service("web").containerId(), "nothing recreated");
        assertEquals(first.service("task").containerId(), again.service("task").containerId(), "the task not run again");
        assertFalse(again.service("web").changed());
        assertEquals(1, Files.readAllLines(out.resolve("installs-" + d + "-web")).size(), "INSTALL ran once");
        assertEquals(taskStarted, container(d + "-task").getState().getStartedAt());
        assertEquals(0, launcher.suspend("other-" + d), "another deployment has nothing of this one's");
        assertTrue(container(d + "-web").getState().getRunning());
    }
}
