package io.slipway.wait;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The container exits with one of the accepted codes: the success of a one-shot task. */
public record Exited(Set<Integer> codes, Duration timeout) implements WaitCondition {

    public Exited {
        Objects.requireNonNull(timeout, "timeout");
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("exited needs at least one accepted exit code");
        }
        codes = Set.copyOf(codes);
    }

    @Override
    public Exited withTimeout(Duration timeout) {
        return new Exited(codes, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        ContainerState s = probe.state();
        if (s.status().isTerminal()) {
            if (s.exitCode() != null && codes.contains(s.exitCode())) {
                return new Check.Succeeded("exited with code " + s.exitCode());
            }
            return new Check.Failed(s.exitCode() == null ? "it is " + s.describe()
                    : "exited with code " + s.exitCode() + ", expected " + describeCodes());
        }
        return Check.pendingOrTimedOut("has not exited: " + s.describe(), null, elapsed, timeout);
    }

    private String describeCodes() {
        return new TreeSet<>(codes).toString();
    }

    @Override
    public String describe() {
        return "exited " + describeCodes();
    }
}
