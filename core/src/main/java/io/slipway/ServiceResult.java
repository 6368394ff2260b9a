package io.slipway;

import java.time.Duration;
import java.util.Objects;

/**
 * How one service of a deployment ended.
 *
 * @param name the service's name in the spec
 * @param outcome succeeded, failed or timed out
 * @param containerId the container's id, or null when none was created
 * @param containerName the container's name, or null
 * @param exitCode the exit code when the container exited, else null
 * @param reason why it ended so: what held, or what went wrong (state, health, last probe)
 * @param logs a bounded tail of the container's stdout and stderr, secrets masked
 * @param duration from the start of the service's launch to its outcome
 * @param changed whether this apply created or replaced the container (false: left as it was)
 */
public record ServiceResult(String name, Outcome outcome, String containerId, String containerName, Integer exitCode,
        String reason, String logs, Duration duration, boolean changed) {

    public ServiceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        logs = logs == null ? "" : logs;
        reason = reason == null ? "" : reason;
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** Whether the outcome is {@link Outcome#SUCCEEDED}. */
    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** One line, e.g. {@code migrate: FAILED (exited with code 3, expected [0])}. */
    public String describe() {
        return name + ": " + outcome + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
