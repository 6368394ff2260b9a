package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.slipway.dockerrun.EngineTestBase;
import io.slipway.tck.TestImages;
import io.slipway.wait.ContainerState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an event says is taken as the state without inspecting: the container is removed after the event, so a
 * state that still shows it came from the event, and the next one (inspected) shows it missing.
 *
 * <p>An engine class's test kept with docker-run's tests: it needs test-support's engine and images, and test-support
 * depends on the engine module, so the engine's own tests cannot use it.
 */
class EngineProbeEventIT extends EngineTestBase {

    @Test
    void aDieEventsExitCodeIsTheStateWithoutAnInspection() {
        String id = container(HostConfig.newHostConfig());
        try (EngineProbe probe = new EngineProbe(docker(), id)) {
            assertEquals(ContainerState.Status.CREATED, probe.state().status());
            probe.observe(event(id, "die", Map.of("exitCode", "3")));
            docker().removeContainerCmd(id).withForce(true).exec();
            ContainerState s = probe.state();
            assertEquals(ContainerState.Status.EXITED, s.status());
            assertEquals(3, s.exitCode());
            assertEquals(s, probe.lastState(), "the result reads the state the wait ended on");
            assertEquals(ContainerState.Status.MISSING, probe.state().status(), "once: then inspected again");
        }
    }

    @Test
    void podmansSpellingAndAHealthyEventToo() {
        String id = container(HostConfig.newHostConfig());
        try (EngineProbe probe = new EngineProbe(docker(), id)) {
            probe.state();
            probe.observe(event(id, "died", Map.of("exitCode", "1"))); // not an action it knows: ignored
            probe.observe(event(id, "health_status", Map.of("health_status", "healthy")));
            docker().removeContainerCmd(id).withForce(true).exec();
            ContainerState s = probe.state();
            assertEquals(ContainerState.Status.RUNNING, s.status());
            assertEquals(ContainerState.Health.HEALTHY, s.health());
            probe.observe(event(id, "die", Map.of("containerExitCode", "0")));
            assertEquals(0, probe.state().exitCode());
        }
    }

    @Test
    void anUnhealthyEventOrADieTheEngineMayRestartIsInspected() {
        String id = container(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart()));
        try (EngineProbe probe = new EngineProbe(docker(), id)) {
            probe.state();
            probe.observe(event(id, "die", Map.of("exitCode", "3")));
            probe.observe(event(id, "health_status: unhealthy", Map.of()));
            docker().removeContainerCmd(id).withForce(true).exec();
            assertEquals(ContainerState.Status.MISSING, probe.state().status());
        }
    }

    private static String container(HostConfig host) {
        return docker().createContainerCmd(TestImages.busybox()).withCmd("true").withHostConfig(host)
                .withLabels(Map.of("io.slipway.test", "probe")).exec().getId();
    }

    private static Event event(String id, String action, Map<String, String> attributes) {
        return new Event("", id, TestImages.BUSYBOX, 0L).withAction(action)
                .withEventActor(new EventActor().withId(id).withAttributes(attributes));
    }
}
