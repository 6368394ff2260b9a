package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state words progress reports for the engine's container events ({@link ContainerWatch#onStateChange}). */
class ContainerWatchStateTest {

    private static Event event(String action, Map<String, String> attributes) {
        return new Event().withAction(action).withEventActor(new EventActor().withAttributes(attributes));
    }

    @Test
    void stateChangesHaveAWordAndTheExitCode() {
        assertEquals("created", ContainerWatch.stateWord(event("create", Map.of())));
        assertEquals("running", ContainerWatch.stateWord(event("start", Map.of())));
        assertEquals("exited 3", ContainerWatch.stateWord(event("die", Map.of("exitCode", "3"))));
        assertEquals("exited", ContainerWatch.stateWord(event("die", Map.of())));
        assertEquals("healthy", ContainerWatch.stateWord(event("health_status: healthy", Map.of())));
        assertEquals("unhealthy", ContainerWatch.stateWord(event("health_status: unhealthy", Map.of())));
        assertEquals("oom", ContainerWatch.stateWord(event("oom", Map.of())));
        // Podman says the health in an attribute.
        assertEquals("healthy", ContainerWatch.stateWord(event("health_status", Map.of("health_status", "healthy"))));
    }

    @Test
    void otherEventsAreNoStateChange() {
        assertNull(ContainerWatch.stateWord(event("exec_create: sh -c true", Map.of())));
        assertNull(ContainerWatch.stateWord(event("attach", Map.of())));
        assertNull(ContainerWatch.stateWord(event("exec_die", Map.of("exitCode", "0"))));
        assertNull(ContainerWatch.stateWord(new Event()));
    }
}
