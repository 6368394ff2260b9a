package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import io.slipway.wait.Running;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The thread-free wait: woken by triggers, rechecked at the fallback interval, never past its timeout. */
class EventDrivenWaitTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void aTriggerReEvaluatesAtOnce() throws Exception {
        FakeProbe probe = new FakeProbe(ContainerState.Status.CREATED);
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofSeconds(30)), probe, pool, timer);
        w.trigger();
        waitFor(() -> probe.calls.get() >= 1);
        probe.status.set(ContainerState.Status.RUNNING);
        long start = System.nanoTime();
        w.trigger();
        Check c = w.result().get(5, TimeUnit.SECONDS);
        assertInstanceOf(Check.Succeeded.class, c);
        assertTrue(System.nanoTime() - start < EventDrivenWait.FALLBACK.toNanos(), "seen on the trigger, not the fallback");
    }

    @Test
    void anEventThatSaysItAllEndsTheWaitOnTheCallingThread() throws Exception {
        FakeProbe probe = new FakeProbe(ContainerState.Status.RUNNING);
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofSeconds(30)), probe, pool, timer);
        w.evaluateHere();
        assertTrue(w.result().isDone(), "decided before evaluateHere returned");
        assertInstanceOf(Check.Succeeded.class, w.result().get());
        assertEquals(Thread.currentThread(), probe.lastCaller.get());
    }

    @Test
    void whatTheCallingThreadCannotDecideGoesOnAsBefore() throws Exception {
        FakeProbe probe = new FakeProbe(ContainerState.Status.CREATED);
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofSeconds(30)), probe, pool, timer);
        w.evaluateHere();
        assertEquals(1, probe.calls.get());
        assertFalse(w.result().isDone());
        probe.status.set(ContainerState.Status.RUNNING);
        w.trigger();
        assertInstanceOf(Check.Succeeded.class, w.result().get(5, TimeUnit.SECONDS));
        assertNotEquals(Thread.currentThread(), probe.lastCaller.get(), "a trigger evaluates on the pool");
    }

    @Test
    void aTriggerDuringTheCallingThreadsCheckIsEvaluatedOnThePool() throws Exception {
        AtomicReference<EventDrivenWait> self = new AtomicReference<>();
        FakeProbe probe = new FakeProbe(ContainerState.Status.CREATED) {
            @Override
            public ContainerState state() {
                if (calls.get() == 0) {
                    self.get().trigger(); // another event while the calling thread checks
                }
                return super.state();
            }
        };
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofSeconds(30)), probe, pool, timer);
        self.set(w);
        w.evaluateHere();
        waitFor(() -> probe.calls.get() >= 2);
        assertNotEquals(Thread.currentThread(), probe.lastCaller.get(), "the second check is the pool's");
        assertFalse(w.result().isDone());
    }

    @Test
    void withoutEventsTheFallbackIntervalStillNoticesTheChange() throws Exception {
        FakeProbe probe = new FakeProbe(ContainerState.Status.CREATED);
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofSeconds(30)), probe, pool, timer);
        w.trigger();
        waitFor(() -> probe.calls.get() >= 1);
        probe.status.set(ContainerState.Status.RUNNING);
        assertInstanceOf(Check.Succeeded.class, w.result().get(5, TimeUnit.SECONDS));
    }

    @Test
    void itTimesOutWithWhatItSawLast() throws Exception {
        FakeProbe probe = new FakeProbe(ContainerState.Status.CREATED);
        long start = System.nanoTime();
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofMillis(300)), probe, pool, timer);
        w.trigger();
        Check c = w.result().get(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(Check.TimedOut.class, c);
        assertTrue(((Check.TimedOut) c).lastObserved().contains("not running yet"), c.toString());
        assertTrue(ms >= 290 && ms < 2000, "timed out after " + ms + " ms");
    }

    @Test
    void anEngineErrorEndsTheWaitExceptionally() {
        ContainerProbe broken = new FakeProbe(ContainerState.Status.CREATED) {
            @Override
            public ContainerState state() {
                throw new IllegalStateException("engine gone");
            }
        };
        EventDrivenWait w = new EventDrivenWait(new Running(Duration.ZERO, Duration.ofSeconds(5)), broken, pool, timer);
        w.trigger();
        waitFor(() -> w.result().isDone());
        assertTrue(w.result().isCompletedExceptionally());
    }

    private static void waitFor(java.util.function.BooleanSupplier c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    private static class FakeProbe implements ContainerProbe {
        final AtomicReference<ContainerState.Status> status;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<Thread> lastCaller = new AtomicReference<>();

        FakeProbe(ContainerState.Status initial) {
            status = new AtomicReference<>(initial);
        }

        @Override
        public ContainerState state() {
            calls.incrementAndGet();
            lastCaller.set(Thread.currentThread());
            return new ContainerState(status.get(), null, ContainerState.Health.NONE, Instant.now(), null, null);
        }

        @Override
        public boolean logMatches(Pattern pattern) {
            return false;
        }

        @Override
        public String tcpProbe(int port) {
            return "not probed";
        }

        @Override
        public int httpProbe(int port, String path) {
            return -1;
        }

        @Override
        public String lastProbeError() {
            return null;
        }
    }
}
