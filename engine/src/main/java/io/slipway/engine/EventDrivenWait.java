package io.slipway.engine;

import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.WaitCondition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A wait for one condition on one container that holds no thread while it waits: the condition is
 * evaluated on a shared pool when the container's events arrive ({@link #trigger}), and otherwise at the
 * condition's recheck time, the fallback interval and the deadline, as {@link io.slipway.wait.Waiter}
 * does with a blocked thread. So an apply of many services needs a bounded number of threads.
 */
final class EventDrivenWait {

    /** Re-evaluation without an event, in case one was missed (as {@link io.slipway.wait.Waiter}). */
    static final Duration FALLBACK = Duration.ofMillis(500);

    private final WaitCondition condition;
    private final ContainerProbe probe;
    private final Executor pool;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<Check> result = new CompletableFuture<>();
    private final long start = System.nanoTime();
    private final long deadline;
    private boolean evaluating;
    private boolean again;
    private ScheduledFuture<?> next;

    EventDrivenWait(WaitCondition condition, ContainerProbe probe, Executor pool, ScheduledExecutorService timer) {
        this.condition = condition;
        this.probe = probe;
        this.pool = pool;
        this.timer = timer;
        this.deadline = start + condition.timeout().toNanos();
    }

    /** Completes with a final check: succeeded, failed or timed out (exceptionally when the engine cannot be asked). */
    CompletableFuture<Check> result() {
        return result;
    }

    /** Re-evaluates soon, on the pool; an evaluation under way runs once more. Never blocks: safe from the event thread. */
    void trigger() {
        if (!claim()) {
            return;
        }
        try {
            pool.execute(this::evaluate);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * Evaluates once on the calling thread, for an event that said all the probe's next state is (so the check asks
     * the engine nothing): the result is known without a hand-off to the pool. Anything more (another evaluation, the
     * deadline's) goes to the pool as {@link #trigger} does. Only for a condition that looks at the state alone.
     */
    void evaluateHere() {
        if (claim()) {
            evaluate(true);
        }
    }

    /**
     * Whether the caller is to evaluate now: not when the wait is over, nor while an evaluation is under way (which
     * then runs once more); a scheduled re-evaluation is cancelled.
     */
    private synchronized boolean claim() {
        if (result.isDone()) {
            return false;
        }
        if (evaluating) {
            again = true;
            return false;
        }
        evaluating = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        return true;
    }

    private void evaluate() {
        evaluate(false);
    }

    /** @param once one check on this thread; if another is due, it runs on the pool */
    private void evaluate(boolean once) {
        try {
            while (true) {
                synchronized (this) {
                    again = false;
                }
                Check check = condition.check(probe, Duration.ofNanos(System.nanoTime() - start));
                if (check.isFinal()) {
                    result.complete(check);
                    return;
                }
                Duration sleep = earliest(FALLBACK, ((Check.Pending) check).recheckIn());
                long sleepNanos = Math.min(sleep.toNanos(), deadline - System.nanoTime());
                if (sleepNanos > 0) {
                    synchronized (this) {
                        if (!again) {
                            evaluating = false;
                            next = timer.schedule(this::trigger, sleepNanos, TimeUnit.NANOSECONDS);
                            return;
                        }
                    }
                }
                if (once) {
                    // Another evaluation is due (a trigger came meanwhile, or the deadline): the pool's, as any other.
                    pool.execute(this::evaluate);
                    return;
                }
                if (sleepNanos <= 0) {
                    // The deadline has passed: one more evaluation reports TIMED_OUT with what was seen last.
                    Check last = condition.check(probe, condition.timeout());
                    result.complete(last.isFinal() ? last : new Check.TimedOut(((Check.Pending) last).detail()));
                    return;
                }
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static Duration earliest(Duration a, Duration b) {
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
