package io.slipway.wait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** At least one inner condition holds. It fails only when every inner one has failed or timed out. */
public record AnyOf(List<WaitCondition> conditions, Duration timeout) implements WaitCondition {

    public AnyOf {
        Objects.requireNonNull(timeout, "timeout");
        if (conditions == null || conditions.isEmpty()) {
            throw new IllegalArgumentException("any needs at least one condition");
        }
        conditions = List.copyOf(conditions);
    }

    @Override
    public AnyOf withTimeout(Duration timeout) {
        return new AnyOf(conditions, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        List<String> failures = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        boolean anyTimedOut = false;
        Duration recheck = null;
        for (WaitCondition c : conditions) {
            Check r = c.check(probe, elapsed);
            if (r instanceof Check.Succeeded s) {
                return new Check.Succeeded(c.describe() + ": " + s.detail());
            }
            if (r instanceof Check.Failed f) {
                failures.add(c.describe() + ": " + f.reason());
            } else if (r instanceof Check.TimedOut t) {
                anyTimedOut = true;
                failures.add(c.describe() + ": " + t.lastObserved());
            } else if (r instanceof Check.Pending p) {
                pending.add(c.describe() + ": " + p.detail());
                recheck = Waiter.earliest(recheck, p.recheckIn());
            }
        }
        if (pending.isEmpty()) {
            String all = String.join("; ", failures);
            return anyTimedOut ? new Check.TimedOut(all) : new Check.Failed(all);
        }
        return Check.pendingOrTimedOut(String.join("; ", pending), recheck, elapsed, timeout);
    }

    @Override
    public String describe() {
        return conditions.stream().map(WaitCondition::describe).collect(Collectors.joining(", ", "any(", ")"));
    }
}
