package io.slipway.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * Evaluates a {@link WaitCondition} until it is final, waking on {@link #signal()} (a backend calls it
 * for every engine event of the container) and, as a fallback, on a short interval. Nothing waits past
 * the condition's timeout.
 */
public final class Waiter {

    /** Re-evaluation without an event, in case one was missed: inspection as the fallback. */
    static final Duration FALLBACK = Duration.ofMillis(500);

    private final Object lock = new Object();
    private long signals;

    /** Wakes a thread blocked in {@link #await} so that it re-evaluates at once. Safe from any thread. */
    public void signal() {
        synchronized (lock) {
            signals++;
            lock.notifyAll();
        }
    }

    /**
     * Blocks until {@code condition} is final for {@code probe}, or its timeout has passed.
     *
     * @return a final {@link Check}: succeeded, failed or timed out
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public Check await(WaitCondition condition, ContainerProbe probe) throws InterruptedException {
        Objects.requireNonNull(condition, "condition");
        long start = System.nanoTime();
        long deadline = start + condition.timeout().toNanos();
        while (true) {
            long seen;
            synchronized (lock) {
                seen = signals;
            }
            long now = System.nanoTime();
            Check check = condition.check(probe, Duration.ofNanos(now - start));
            if (check.isFinal()) {
                return check;
            }
            Duration sleep = earliest(FALLBACK, ((Check.Pending) check).recheckIn());
            long sleepNanos = Math.min(sleep.toNanos(), deadline - System.nanoTime());
            if (sleepNanos <= 0) {
                // The deadline has passed: one more evaluation reports TIMED_OUT with what was seen last.
                check = condition.check(probe, condition.timeout());
                return check.isFinal() ? check : new Check.TimedOut(((Check.Pending) check).detail());
            }
            synchronized (lock) {
                if (signals == seen) {
                    long ms = Math.max(1, sleepNanos / 1_000_000);
                    lock.wait(ms);
                }
            }
        }
    }

    /** The earlier of two optional delays (null means none). */
    static Duration earliest(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
