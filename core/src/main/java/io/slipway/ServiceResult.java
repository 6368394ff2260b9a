package io.slipway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one service of a deployment ended.
 *
 * <p>A service with one container (the usual case) is described by its own fields, and {@link #replicas()} is
 * empty. A service whose replica count ({@code deploy.replicas} or {@code scale}) is not 1 has one result per
 * container in {@link #replicas()}, in replica order, each named {@code <service>-<n>} ({@link #replicaName}); the
 * service's own result sums them up ({@link #ofReplicas}): FAILED when any replica failed (the reason names each
 * replica that did not succeed), it has no single container (container id and name are null), and its logs are its
 * replicas' lines, each prefixed with the replica's name. So {@code result.service("web")} is always the service.
 *
 * @param name the service's name in the spec (a replica's: {@code <service>-<n>})
 * @param outcome succeeded, failed or timed out
 * @param containerId the container's id, or null when none was created
 * @param containerName the container's name, or null
 * @param exitCode the exit code when the container exited, else null
 * @param reason why it ended so: what held, or what went wrong (state, health, last probe)
 * @param logs a bounded tail of the container's stdout and stderr, secrets masked
 * @param duration from the start of the service's launch to its outcome
 * @param changed whether this apply created or replaced the container (false: left as it was); of a replicated
 *        service, whether it created, replaced or removed any of its containers
 * @param replicas one result per container of a service whose replica count is not 1, in replica order; else empty
 */
public record ServiceResult(String name, Outcome outcome, String containerId, String containerName, Integer exitCode,
        String reason, String logs, Duration duration, boolean changed, List<ServiceResult> replicas) {

    public ServiceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        logs = logs == null ? "" : logs;
        reason = reason == null ? "" : reason;
        duration = duration == null ? Duration.ZERO : duration;
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /** The result of a service with one container: no {@link #replicas()}. */
    public ServiceResult(String name, Outcome outcome, String containerId, String containerName, Integer exitCode,
            String reason, String logs, Duration duration, boolean changed) {
        this(name, outcome, containerId, containerName, exitCode, reason, logs, duration, changed, List.of());
    }

    /** The name of replica {@code n} (from 1) of {@code service} in results: {@code <service>-<n>}. */
    public static String replicaName(String service, int n) {
        return service + "-" + n;
    }

    /**
     * The result of a service whose replica count is not 1, from its replicas' results (none for 0 replicas).
     *
     * <ul>
     * <li>outcome: FAILED when any replica failed, else TIMED_OUT when any timed out, else SUCCEEDED (0 replicas
     *     succeed: there is nothing to wait for);
     * <li>reason: each replica that did not succeed, by name, with its reason; else how many succeeded;
     * <li>exit code: the first replica that did not succeed's, else the one every replica exited with, else null;
     * <li>logs: every replica's lines, each prefixed {@code <service>-<n> | }; duration: the longest;
     * <li>container id and name: null (several containers; see {@link #replicas()}).
     * </ul>
     *
     * @param removed whether the apply removed containers of the service (a lower count): then it changed
     */
    public static ServiceResult ofReplicas(String service, List<ServiceResult> replicas, boolean removed) {
        Outcome outcome = replicas.stream().anyMatch(r -> r.outcome() == Outcome.FAILED) ? Outcome.FAILED
                : replicas.stream().anyMatch(r -> r.outcome() == Outcome.TIMED_OUT) ? Outcome.TIMED_OUT
                : Outcome.SUCCEEDED;
        List<String> problems = new ArrayList<>();
        StringBuilder logs = new StringBuilder();
        Integer exitCode = null;
        boolean sameExit = !replicas.isEmpty();
        for (ServiceResult r : replicas) {
            if (!r.succeeded()) {
                problems.add(r.describe());
                exitCode = exitCode == null ? r.exitCode() : exitCode;
            }
            sameExit &= r.exitCode() != null && r.exitCode().equals(replicas.get(0).exitCode());
            r.logs().lines().forEach(l -> logs.append(r.name()).append(" | ").append(l).append('\n'));
        }
        if (problems.isEmpty() && sameExit) {
            exitCode = replicas.get(0).exitCode();
        }
        long succeeded = replicas.stream().filter(ServiceResult::succeeded).count();
        String reason = replicas.isEmpty() ? "0 replicas: no container to run"
                : problems.isEmpty() ? "all " + replicas.size() + " replicas succeeded"
                : String.join("; ", problems) + " (" + succeeded + " of " + replicas.size() + " replicas succeeded)";
        Duration longest = replicas.stream().map(ServiceResult::duration).max(Duration::compareTo).orElse(Duration.ZERO);
        boolean changed = removed || replicas.stream().anyMatch(ServiceResult::changed);
        return new ServiceResult(service, outcome, null, null, exitCode, reason, logs.toString(), longest, changed,
                replicas);
    }

    /** Its {@link #replicas()}, or itself when it has none: what to show per container. */
    List<ServiceResult> parts() {
        return replicas.isEmpty() ? List.of(this) : replicas;
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
