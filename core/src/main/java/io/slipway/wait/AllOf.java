package io.slipway.wait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Every inner condition holds. One failure fails the whole; they share this condition's deadline. */
public record AllOf(List<WaitCondition> conditions, Duration timeout) implements WaitCondition {

    public AllOf {
        Objects.requireNonNull(timeout, "timeout");
        if (conditions == null || conditions.isEmpty()) {
            throw new IllegalArgumentException("all needs at least one condition");
        }
        conditions = List.copyOf(conditions);
    }

    @Override
    public AllOf withTimeout(Duration timeout) {
        return new AllOf(conditions, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        List<String> pending = new ArrayList<>();
        Duration recheck = null;
        for (WaitCondition c : conditions) {
            Check r = c.check(probe, elapsed);
            if (r instanceof Check.Failed f) {
                return new Check.Failed(c.describe() + ": " + f.reason());
            }
            if (r instanceof Check.TimedOut t) {
                return new Check.TimedOut(c.describe() + ": " + t.lastObserved());
            }
            if (r instanceof Check.Pending p) {
                pending.add(c.describe() + ": " + p.detail());
                recheck = Waiter.earliest(recheck, p.recheckIn());
            }
        }
        if (pending.isEmpty()) {
            return new Check.Succeeded("all of " + describe());
        }
        return Check.pendingOrTimedOut(String.join("; ", pending), recheck, elapsed, timeout);
    }

    @Override
    public String describe() {
        return conditions.stream().map(WaitCondition::describe).collect(Collectors.joining(", ", "all(", ")"));
    }
}
