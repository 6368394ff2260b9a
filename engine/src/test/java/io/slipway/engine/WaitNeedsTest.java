package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.LogMatches;
import io.slipway.wait.Running;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a wait condition needs of a container (its output captured, followed; its health), nested or not. */
class WaitNeedsTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final Exited EXITED = new Exited(Set.of(0), T);
    private static final Healthy HEALTHY = new Healthy(T);
    private static final LogMatches LOG = new LogMatches("ready", T);
    private static final Running RUNNING = new Running(Duration.ZERO, T);

    @Test
    void aLoneCondition() {
        assertTrue(ContainerWatch.awaitsExit(EXITED));
        assertFalse(ContainerWatch.awaitsExit(RUNNING));
        assertTrue(ContainerWatch.needsHealth(HEALTHY));
        assertFalse(ContainerWatch.needsHealth(EXITED));
        assertTrue(ContainerWatch.needsLogs(LOG));
        assertFalse(ContainerWatch.needsLogs(HEALTHY));
    }

    @Test
    void anyConditionInsideAllAndAnyAtAnyDepth() {
        AnyOf nested = new AnyOf(List.of(RUNNING, new AllOf(List.of(HEALTHY, EXITED), T)), T);
        assertTrue(ContainerWatch.awaitsExit(nested));
        assertTrue(ContainerWatch.needsHealth(nested));
        assertFalse(ContainerWatch.needsLogs(nested));
        assertTrue(ContainerWatch.needsLogs(new AllOf(List.of(RUNNING, LOG), T)));
        assertFalse(ContainerWatch.awaitsExit(new AllOf(List.of(RUNNING, LOG), T)));
    }

    @Test
    void aConditionOnTheStateAloneMayBeDecidedOnTheEventThread() {
        assertTrue(ContainerWatch.stateOnly(HEALTHY));
        assertTrue(ContainerWatch.stateOnly(new AnyOf(List.of(RUNNING, new AllOf(List.of(HEALTHY, EXITED), T)), T)));
        // A probe may block: port, HTTP; a log match reads what a stream collected, and stays off it too.
        assertFalse(ContainerWatch.stateOnly(new AllOf(List.of(HEALTHY, new io.slipway.wait.PortOpen(80, T)), T)));
        assertFalse(ContainerWatch.stateOnly(new AnyOf(List.of(EXITED, new io.slipway.wait.HttpOk(80, "/", 200, T)), T)));
        assertFalse(ContainerWatch.stateOnly(LOG));
    }
}
