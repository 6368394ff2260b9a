package io.slipway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of {@link ContainerLauncher#apply}: one {@link ServiceResult} per service, the declared
 * outputs, and the Heat triple ({@link #deployStdout()}, {@link #deployStderr()}, {@link #deployStatusCode()}).
 * Backends mask secrets before they build it; nothing in it may contain one.
 *
 * @param deployment the deployment's name
 * @param backend the backend that ran it
 * @param services every service of the spec, in the spec's order
 * @param outputs the spec's declared outputs by name
 * @param toolOutput what the launching tool printed on stdout, if it is a separate tool (else empty)
 * @param toolErrors what the launching tool printed on stderr, if it is a separate tool (else empty)
 */
public record LaunchResult(String deployment, String backend, List<ServiceResult> services, Map<String, Object> outputs,
        String toolOutput, String toolErrors) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LaunchResult {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(backend, "backend");
        services = List.copyOf(services);
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        toolOutput = toolOutput == null ? "" : toolOutput;
        toolErrors = toolErrors == null ? "" : toolErrors;
    }

    /** A result without tool output. */
    public static LaunchResult of(String deployment, String backend, List<ServiceResult> services,
            Map<String, Object> outputs) {
        return new LaunchResult(deployment, backend, services, outputs, "", "");
    }

    /** SUCCEEDED when every service did; else TIMED_OUT when any timed out and none failed; else FAILED. */
    public Outcome status() {
        if (services.stream().allMatch(ServiceResult::succeeded)) {
            return Outcome.SUCCEEDED;
        }
        boolean failed = services.stream().anyMatch(s -> s.outcome() == Outcome.FAILED);
        return failed ? Outcome.FAILED : Outcome.TIMED_OUT;
    }

    /** Whether every service succeeded. */
    public boolean succeeded() {
        return status() == Outcome.SUCCEEDED;
    }

    /**
     * The result of the service {@code name}, or null. A replicated service's result sums up its containers'; each
     * is in its {@link ServiceResult#replicas()}.
     */
    public ServiceResult service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Why, per service: one line each, then the log tails of those that did not succeed. */
    public String describe() {
        StringBuilder sb = new StringBuilder("deployment '" + deployment + "' on " + backend + ": " + status());
        for (ServiceResult s : services) {
            sb.append("\n  ").append(s.describe());
        }
        for (ServiceResult s : services) {
            for (ServiceResult c : s.parts()) {
                if (!c.succeeded() && !c.logs().isBlank()) {
                    sb.append("\n--- ").append(c.name()).append(" logs ---\n").append(c.logs().stripTrailing());
                }
            }
        }
        if (!toolErrors.isBlank()) {
            sb.append("\n--- ").append(backend).append(" stderr ---\n").append(toolErrors.stripTrailing());
        }
        return sb.toString();
    }

    /**
     * Heat's {@code deploy_stdout}: the tool's output, then each service's log tail under its name (a replicated
     * service's, each replica's under {@code <service>-<n>}).
     */
    public String deployStdout() {
        StringBuilder sb = new StringBuilder(toolOutput);
        for (ServiceResult s : services.stream().flatMap(r -> r.parts().stream()).toList()) {
            if (!s.logs().isEmpty()) {
                for (String line : s.logs().split("\n", -1)) {
                    if (!line.isEmpty()) {
                        sb.append(s.name()).append(" | ").append(line).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Heat's {@code deploy_stderr}: the tool's errors, then one line per service that did not succeed. */
    public String deployStderr() {
        String failures = services.stream().filter(s -> !s.succeeded()).map(ServiceResult::describe)
                .collect(Collectors.joining("\n"));
        if (toolErrors.isEmpty()) {
            return failures;
        }
        return failures.isEmpty() ? toolErrors : toolErrors.stripTrailing() + "\n" + failures;
    }

    /** Heat's {@code deploy_status_code}: 0 on success, else the first failed service's non-zero exit code, else 1. */
    public int deployStatusCode() {
        if (succeeded()) {
            return 0;
        }
        return services.stream().filter(s -> !s.succeeded()).map(ServiceResult::exitCode)
                .filter(c -> c != null && c != 0).findFirst().orElse(1);
    }

    /**
     * The JSON form the command line prints with {@code --json}: a replicated service's entry has a {@code replicas}
     * list of entries of the same form, one per container.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", deployment);
        m.put("backend", backend);
        m.put("status", status().name());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceResult s : services) {
            Map<String, Object> sm = toMap(s);
            if (!s.replicas().isEmpty()) {
                sm.put("replicas", s.replicas().stream().map(LaunchResult::toMap).toList());
            }
            list.add(sm);
        }
        m.put("services", list);
        m.put("outputs", outputs);
        m.put("deploy_stdout", deployStdout());
        m.put("deploy_stderr", deployStderr());
        m.put("deploy_status_code", deployStatusCode());
        return m;
    }

    private static Map<String, Object> toMap(ServiceResult s) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("name", s.name());
        sm.put("status", s.outcome().name());
        sm.put("containerId", s.containerId());
        sm.put("containerName", s.containerName());
        sm.put("exitCode", s.exitCode());
        sm.put("reason", s.reason());
        sm.put("logs", s.logs());
        sm.put("durationMillis", s.duration().toMillis());
        sm.put("changed", s.changed());
        return sm;
    }

    /** {@link #toMap()} as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write result as JSON", e);
        }
    }
}
