package io.slipway.wait;

import java.time.Duration;

/**
 * The result of evaluating a {@link WaitCondition} once: still {@link Pending}, or final.
 */
public sealed interface Check {

    /** Not yet decided; {@code recheckIn} says when a re-evaluation is useful even without an event (null: only on events or the fallback interval). */
    record Pending(String detail, Duration recheckIn) implements Check {
    }

    /** The condition holds. */
    record Succeeded(String detail) implements Check {
    }

    /** The condition can no longer hold (the container exited, turned unhealthy, ...). */
    record Failed(String reason) implements Check {
    }

    /** The condition's timeout passed while it was pending; {@code lastObserved} says what was seen last. */
    record TimedOut(String lastObserved) implements Check {
    }

    /** True for every state but {@link Pending}. */
    default boolean isFinal() {
        return !(this instanceof Pending);
    }

    /** Pending, or timed out when {@code elapsed} has reached {@code timeout}. */
    static Check pendingOrTimedOut(String detail, Duration recheckIn, Duration elapsed, Duration timeout) {
        return elapsed.compareTo(timeout) >= 0 ? new TimedOut(detail) : new Pending(detail, recheckIn);
    }
}
