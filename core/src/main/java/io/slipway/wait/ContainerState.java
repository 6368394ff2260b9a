package io.slipway.wait;

import java.time.Instant;

/**
 * A snapshot of one container as the engine reports it.
 *
 * @param status lifecycle state
 * @param exitCode exit code once exited, else null
 * @param health healthcheck state ({@link Health#NONE} without a healthcheck)
 * @param startedAt when the container last started, or null
 * @param healthLog output of the last healthcheck probe, or null
 * @param error the engine's error for the container (e.g. an OCI runtime error), or null
 */
public record ContainerState(Status status, Integer exitCode, Health health, Instant startedAt, String healthLog,
        String error) {

    /** Container lifecycle states, as the Engine API names them. */
    public enum Status {
        MISSING, CREATED, RUNNING, RESTARTING, PAUSED, EXITED, DEAD, REMOVING;

        /** True once the container has stopped and will not run again by itself. */
        public boolean isTerminal() {
            return this == EXITED || this == DEAD || this == MISSING;
        }
    }

    /** Healthcheck states. */
    public enum Health {
        NONE, STARTING, HEALTHY, UNHEALTHY
    }

    /** A container that does not exist (any more). */
    public static ContainerState missing() {
        return new ContainerState(Status.MISSING, null, Health.NONE, null, null, null);
    }

    /** A short form for reasons, e.g. {@code exited (code 3)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(status.name().toLowerCase(java.util.Locale.ROOT));
        if (exitCode != null && status.isTerminal()) {
            sb.append(" (code ").append(exitCode).append(')');
        }
        if (health != Health.NONE) {
            sb.append(", health ").append(health.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (error != null && !error.isBlank()) {
            sb.append(", error: ").append(error.strip());
        }
        return sb.toString();
    }
}
