package io.slipway.wait;

import java.time.Duration;

/**
 * What "success" means for one service, and how long to wait for it.
 *
 * <p>Conditions are immutable values, made with {@link Waits} or read from a spec's
 * {@code x-slipway.wait}. A backend evaluates them with {@link Waiter} against a {@link ContainerProbe};
 * each evaluation is a {@link Check}: still pending, succeeded, failed or timed out. The timeout belongs
 * to the condition; {@code all}/{@code any} share the outer deadline and each inner condition is also
 * held to its own.
 */
public sealed interface WaitCondition
        permits Running, Healthy, Exited, LogMatches, PortOpen, HttpOk, AllOf, AnyOf {

    /** The default timeout of a condition that names none. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** How long this condition may take, counted from the start of the wait. */
    Duration timeout();

    /** The same condition with another timeout. */
    WaitCondition withTimeout(Duration timeout);

    /**
     * Evaluates the condition once.
     *
     * @param probe what can be observed of the container now
     * @param elapsed time since the wait started
     */
    Check check(ContainerProbe probe, Duration elapsed);

    /** A short human form, e.g. {@code exited [0]} or {@code http :8080/health -> 200}. */
    String describe();
}
