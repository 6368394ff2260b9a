package io.slipway.wait;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** A line of the container's stdout or stderr matches a Java regular expression (found, not whole-line). */
public record LogMatches(String regex, Duration timeout) implements WaitCondition {

    public LogMatches {
        Objects.requireNonNull(timeout, "timeout");
        Pattern.compile(Objects.requireNonNull(regex, "regex")); // fail early on a bad pattern
    }

    /** The compiled pattern. */
    public Pattern pattern() {
        return Pattern.compile(regex);
    }

    @Override
    public LogMatches withTimeout(Duration timeout) {
        return new LogMatches(regex, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        if (probe.logMatches(pattern())) {
            return new Check.Succeeded("log matched /" + regex + "/");
        }
        ContainerState s = probe.state();
        if (s.status().isTerminal()) {
            return new Check.Failed("no log line matched /" + regex + "/ before it " + s.describe());
        }
        return Check.pendingOrTimedOut("no log line matched /" + regex + "/ yet", null, elapsed, timeout);
    }

    @Override
    public String describe() {
        return "log /" + regex + "/";
    }
}
