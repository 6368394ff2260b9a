package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import io.slipway.wait.ContainerState;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.Running;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log tail a result takes from the followed output instead of a log read after {@code die}
 * ({@link EngineProbe#tail}, {@link ContainerWatch#tailOnceStopped}).
 */
class FollowedTailTest {

    private static final Duration T = Duration.ofSeconds(5);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static ContainerState exited(int code) {
        return new ContainerState(ContainerState.Status.EXITED, code, ContainerState.Health.NONE, null, null, null);
    }

    private static ContainerState running() {
        return new ContainerState(ContainerState.Status.RUNNING, null, ContainerState.Health.NONE, null, null, null);
    }

    @Test
    void theTailKeepsTheLastLinesAcrossChunksAndAnUnfinishedLastLine() {
        EngineProbe p = new EngineProbe(null, "c");
        for (int i = 1; i <= 60; i++) {
            p.append("line " + i + "\n");
        }
        p.append("last wo");
        p.append("rds");
        String tail = p.tail();
        List<String> lines = List.of(tail.split("\n", -1));
        assertEquals(EngineProbe.TAIL_LINES, lines.size(), tail);
        assertEquals("line 12", lines.get(0));
        assertEquals("line 60", lines.get(lines.size() - 2));
        assertEquals("last words", lines.get(lines.size() - 1));
    }

    @Test
    void aTailOfCompleteLinesEndsWithItsLineEnd() {
        EngineProbe p = new EngineProbe(null, "c");
        p.append("a\nb");
        p.append("\n");
        assertEquals("a\nb\n", p.tail());
        assertFalse(p.logMatches(java.util.regex.Pattern.compile("a")), "lines are kept for log waits only");
    }

    @Test
    void aStoppedContainerWhoseStreamEndedGetsTheFollowedTail() throws Exception {
        CompletableFuture<Boolean> ended = new CompletableFuture<>();
        CompletableFuture<String> tail = ContainerWatch.tailOnceStopped(exited(0), ended, () -> "bye\n", timer);
        assertFalse(tail.isDone(), "the stream may still be sending the last lines");
        ended.complete(true);
        assertEquals("bye\n", tail.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aBrokenStreamMeansReadTheTail() throws Exception {
        CompletableFuture<Boolean> ended = CompletableFuture.completedFuture(false);
        assertNull(ContainerWatch.tailOnceStopped(exited(1), ended, () -> "partial", timer).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aStreamThatDoesNotEndMeansReadTheTailAfterTheGrace() throws Exception {
        CompletableFuture<Boolean> never = new CompletableFuture<>();
        assertNull(ContainerWatch.tailOnceStopped(exited(0), never, () -> "x", timer).get(5, TimeUnit.SECONDS));
        assertFalse(never.isDone(), "the probe's own future is left alone");
    }

    @Test
    void aRunningContainerIsReadNotFollowed() throws Exception {
        assertNull(ContainerWatch.tailOnceStopped(running(), new CompletableFuture<>(), () -> "x", timer)
                .get(5, TimeUnit.SECONDS));
        assertNull(ContainerWatch.tailOnceStopped(null, new CompletableFuture<>(), () -> "x", timer)
                .get(5, TimeUnit.SECONDS));
    }

    @Test
    void onlyConditionsThatCanEndOnAnExitFollowTheTail() {
        Exited exited = new Exited(Set.of(0), T);
        assertTrue(ContainerWatch.awaitsExit(exited));
        assertTrue(ContainerWatch.awaitsExit(new AnyOf(List.of(new Running(Duration.ZERO, T), exited), T)));
        assertTrue(ContainerWatch.awaitsExit(new AllOf(List.of(new Healthy(T), exited), T)));
        assertFalse(ContainerWatch.awaitsExit(new Running(Duration.ZERO, T)));
        assertFalse(ContainerWatch.awaitsExit(new Healthy(T)));
    }
}
