package io.slipway.benchmarks;

import java.time.Instant;

/** Wall-clock time in the engine's unit: its events carry {@code timeNano}, nanoseconds since the epoch. */
final class Clock {

    private Clock() {
    }

    /** Now, in nanoseconds since the epoch (the host's clock, which the engine on this host shares). */
    static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Milliseconds since {@code startNanos} of {@link System#nanoTime()}. */
    static double msSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
