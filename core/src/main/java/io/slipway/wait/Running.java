package io.slipway.wait;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The container runs, and has been running for at least {@code stable} (zero: as soon as it runs).
 * A container that exits before that has failed.
 */
public record Running(Duration stable, Duration timeout) implements WaitCondition {

    public Running {
        Objects.requireNonNull(stable, "stable");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Running withTimeout(Duration timeout) {
        return new Running(stable, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        ContainerState s = probe.state();
        if (s.status().isTerminal()) {
            return new Check.Failed("expected to keep running, but it is " + s.describe());
        }
        if (s.status() != ContainerState.Status.RUNNING) {
            return Check.pendingOrTimedOut("not running yet: " + s.describe(), null, elapsed, timeout);
        }
        if (stable.isZero()) {
            return new Check.Succeeded("running");
        }
        Instant started = s.startedAt() == null ? Instant.now() : s.startedAt();
        Duration up = Duration.between(started, Instant.now());
        if (up.compareTo(stable) >= 0) {
            return new Check.Succeeded("running for " + up.toMillis() + " ms");
        }
        return Check.pendingOrTimedOut("running for " + up.toMillis() + " ms of " + stable.toMillis() + " ms",
                stable.minus(up), elapsed, timeout);
    }

    @Override
    public String describe() {
        return stable.isZero() ? "running" : "running, stable " + stable.toMillis() + " ms";
    }
}
