package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.wait.ContainerState;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A probe that starts from the inspection of a kept container's reuse decision ({@link EngineProbe#startFrom}) takes
 * its first state from it, and inspects for every later one.
 */
class ProbeStartFromTest {

    private static InspectContainerResponse inspected(String status) throws Exception {
        return new ObjectMapper().readValue("{\"Id\":\"c1\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"no\"}},"
                + "\"State\":{\"Status\":\"" + status + "\",\"Running\":" + status.equals("running")
                + ",\"ExitCode\":0,\"StartedAt\":\"2026-12-07T00:00:00Z\"}}", InspectContainerResponse.class);
    }

    /** A client whose only call is an inspection answering {@code answer}, counted in {@code calls}. */
    private static DockerClient inspecting(InspectContainerResponse answer, AtomicInteger calls) {
        InspectContainerCmd cmd = (InspectContainerCmd) Proxy.newProxyInstance(ProbeStartFromTest.class.getClassLoader(),
                new Class<?>[] {InspectContainerCmd.class}, (p, m, a) -> {
                    if (m.getName().equals("exec")) {
                        calls.incrementAndGet();
                        return answer;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (DockerClient) Proxy.newProxyInstance(ProbeStartFromTest.class.getClassLoader(),
                new Class<?>[] {DockerClient.class}, (p, m, a) -> {
                    if (m.getName().equals("inspectContainerCmd")) {
                        return cmd;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void theFirstStateIsTheKeptContainersInspectionAndLaterOnesInspect() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        EngineProbe probe = new EngineProbe(inspecting(inspected("exited"), calls), "c1");
        InspectContainerResponse kept = inspected("running");
        probe.startFrom(kept);

        assertEquals(ContainerState.Status.RUNNING, probe.state().status());
        assertEquals(0, calls.get(), "no inspection for the first state");
        assertSame(kept, probe.inspected());
        assertEquals(ContainerState.Status.EXITED, probe.state().status());
        assertEquals(1, calls.get());
    }

    @Test
    void withoutAnInspectionOrOnceInspectedItInspects() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        EngineProbe probe = new EngineProbe(inspecting(inspected("running"), calls), "c1");
        probe.startFrom(null);
        probe.state();
        assertEquals(1, calls.get());
        probe.startFrom(inspected("exited"));
        assertEquals(ContainerState.Status.RUNNING, probe.state().status(), "a probe that inspected keeps its own");
        assertEquals(2, calls.get());
    }
}
