package io.slipway.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * The container's healthcheck (the image's or the spec's) reports healthy. Unhealthy, or an exit, is a
 * failure at once; a container without a healthcheck can never be healthy, which is a failure too.
 */
public record Healthy(Duration timeout) implements WaitCondition {

    public Healthy {
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Healthy withTimeout(Duration timeout) {
        return new Healthy(timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        ContainerState s = probe.state();
        if (s.health() == ContainerState.Health.HEALTHY && s.status() == ContainerState.Status.RUNNING) {
            return new Check.Succeeded("healthy");
        }
        if (s.health() == ContainerState.Health.UNHEALTHY) {
            return new Check.Failed("unhealthy" + lastProbe(s));
        }
        if (s.status().isTerminal()) {
            return new Check.Failed("expected to turn healthy, but it is " + s.describe());
        }
        if (s.status() == ContainerState.Status.RUNNING && s.health() == ContainerState.Health.NONE) {
            return new Check.Failed("wait is 'healthy' but the container has no healthcheck");
        }
        return Check.pendingOrTimedOut("not healthy yet: " + s.describe() + lastProbe(s), null, elapsed, timeout);
    }

    private static String lastProbe(ContainerState s) {
        return s.healthLog() == null || s.healthLog().isBlank() ? "" : "; last probe: " + s.healthLog().strip();
    }

    @Override
    public String describe() {
        return "healthy";
    }
}
