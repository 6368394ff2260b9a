package io.slipway.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.HostProbes;
import io.slipway.engine.Labels;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The tasks of one swarm service, seen as one container for the wait conditions: its state is the convergence of
 * every replica's newest task of the current config (all running, healthy where a healthcheck runs), and a task
 * that failed, was rejected or cannot be scheduled since the wait began ends it at once with the task's message,
 * node and exit code.
 */
final class ServiceTasks implements ContainerProbe {

    private static final Set<TaskState> BEFORE_RUNNING = EnumSet.of(TaskState.NEW, TaskState.ALLOCATED,
            TaskState.PENDING, TaskState.ASSIGNED, TaskState.ACCEPTED, TaskState.PREPARING, TaskState.READY,
            TaskState.STARTING);
    private static final Set<TaskState> FAILURES = EnumSet.of(TaskState.FAILED, TaskState.REJECTED);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final String service;
    private final String configHash;
    private final int expected;
    private final boolean oneshot;
    private final List<String> constraints;
    private final Map<Integer, Integer> publishedPorts;
    private final String host;
    private final Instant since;
    private final Map<String, List<String>> imageHealthchecks = new ConcurrentHashMap<>();
    private volatile String lastProbeError;
    private volatile List<Task> current = List.of();
    private volatile Task failed;

    /**
     * @param service the swarm service's name
     * @param configHash the config hash its tasks of this apply carry
     * @param expected how many replicas must run (-1: global, one per node the swarm picked)
     * @param publishedPorts host-mode published port by target port
     * @param host where published ports answer (the engine's host)
     * @param since failures before this instant belong to an earlier apply
     */
    private volatile Throwable lost;

    ServiceTasks(DockerClient docker, String service, String configHash, int expected, boolean oneshot,
            List<String> constraints, Map<Integer, Integer> publishedPorts, String host, Instant since) {
        this.docker = docker;
        this.service = service;
        this.configHash = configHash;
        this.expected = expected;
        this.oneshot = oneshot;
        this.constraints = constraints;
        this.publishedPorts = publishedPorts;
        this.host = host;
        this.since = since;
    }

    /** The newest task of the current config per slot (per node for a global service), by slot. */
    List<Task> newestPerSlot() {
        Map<String, Task> bySlot = new LinkedHashMap<>();
        for (Task t : tasksOfConfig()) {
            // A task the swarm is shutting down (scaled away, replaced) no longer counts, but a finished one-shot's.
            if (!oneshot && (t.getDesiredState() == TaskState.SHUTDOWN || t.getDesiredState() == TaskState.REMOVE)) {
                continue;
            }
            if (expected > 0 && t.getSlot() != null && t.getSlot() > expected) {
                continue;
            }
            String key = t.getSlot() != null ? "slot " + t.getSlot() : "node " + t.getNodeId();
            Task seen = bySlot.get(key);
            if (seen == null || created(t).isAfter(created(seen))) {
                bySlot.put(key, t);
            }
        }
        List<Task> out = new ArrayList<>(bySlot.values());
        out.sort(Comparator.comparing(t -> t.getSlot() == null ? 0 : t.getSlot()));
        return out;
    }

    private List<Task> tasksOfConfig() {
        List<Task> all = docker.listTasksCmd().withServiceFilter(service).exec();
        return all.stream().filter(t -> t.getSpec() != null && t.getSpec().getContainerSpec() != null
                && t.getSpec().getContainerSpec().getLabels() != null
                && configHash.equals(t.getSpec().getContainerSpec().getLabels().get(Labels.CONFIG_HASH))).toList();
    }

    /**
     * The service's state as its tasks say; while the engine does not answer, {@code CREATED} (so that no condition
     * succeeds or fails on what cannot be seen) and {@link #lost()} says why, as docker-run's probe does.
     */
    @Override
    public ContainerState state() {
        try {
            ContainerState state = observed();
            lost = null;
            return state;
        } catch (RuntimeException e) {
            if (!DockerEngine.unreachable(e)) {
                throw e;
            }
            lost = e;
            return new ContainerState(ContainerState.Status.CREATED, null, ContainerState.Health.NONE, null, null,
                    "engine not answering");
        }
    }

    /** Why the engine did not answer the last {@link #state()}; null when it did. */
    Throwable lost() {
        return lost;
    }

    private ContainerState observed() {
        List<Task> all = tasksOfConfig();
        if (!oneshot) {
            for (Task t : all) {
                TaskState s = t.getStatus() == null ? null : t.getStatus().getState();
                if (s != null && (FAILURES.contains(s) || s == TaskState.COMPLETE) && !stamp(t).isBefore(since)) {
                    return terminal(t);
                }
            }
        }
        List<Task> tasks = newestPerSlot();
        current = tasks;
        for (Task t : tasks) {
            TaskState s = t.getStatus().getState();
            if (BEFORE_RUNNING.contains(s) && t.getStatus().getErr() != null && !t.getStatus().getErr().isBlank()) {
                return new ContainerState(ContainerState.Status.DEAD, null, ContainerState.Health.NONE, null, null,
                        describe(t) + placementHint(t.getStatus().getErr()));
            }
        }
        int want = expected < 0 ? Math.max(1, tasks.size()) : expected;
        if (oneshot) {
            // Done when every replica's task is: the first that did not exit 0 speaks for the service.
            List<Task> done = tasks.stream().filter(t -> !BEFORE_RUNNING.contains(t.getStatus().getState())
                    && t.getStatus().getState() != TaskState.RUNNING).toList();
            if (done.size() >= want && done.size() == tasks.size()) {
                return terminal(done.stream().filter(t -> !Integer.valueOf(0).equals(exitCode(t))).findFirst()
                        .orElse(done.get(0)));
            }
        }
        long running = tasks.stream().filter(t -> t.getStatus().getState() == TaskState.RUNNING).count();
        if (running < want || tasks.size() < want) {
            return new ContainerState(ContainerState.Status.CREATED, null, ContainerState.Health.NONE, null, null,
                    running + " of " + want + " tasks running" + pendingDetail(tasks));
        }
        ContainerState.Health health = ContainerState.Health.NONE;
        String healthLog = null;
        Instant started = null;
        for (Task t : tasks) {
            Instant at = stamp(t);
            started = started == null || at.isAfter(started) ? at : started;
            InspectContainerResponse c = container(t);
            ContainerState.Health h;
            if (c == null) {
                // On another node: this engine cannot inspect it. A swarm node reports a task with a healthcheck
                // as running only once its container turned healthy (the executor waits for that event).
                if (!healthchecked(t)) {
                    continue;
                }
                h = ContainerState.Health.HEALTHY;
            } else if (c.getState() == null || c.getState().getHealth() == null) {
                continue;
            } else {
                h = switch (String.valueOf(c.getState().getHealth().getStatus())) {
                    case "healthy" -> ContainerState.Health.HEALTHY;
                    case "unhealthy" -> ContainerState.Health.UNHEALTHY;
                    default -> ContainerState.Health.STARTING;
                };
            }
            if (h == ContainerState.Health.UNHEALTHY || health == ContainerState.Health.NONE
                    || (h == ContainerState.Health.STARTING && health == ContainerState.Health.HEALTHY)) {
                health = h;
                var log = c == null ? null : c.getState().getHealth().getLog();
                healthLog = log == null || log.isEmpty() ? null : log.get(log.size() - 1).getOutput();
            }
        }
        return new ContainerState(ContainerState.Status.RUNNING, null, health, started, healthLog, null);
    }

    private ContainerState terminal(Task t) {
        failed = t;
        Integer code = exitCode(t);
        return new ContainerState(code == null ? ContainerState.Status.DEAD : ContainerState.Status.EXITED, code,
                ContainerState.Health.NONE, null, null, t.getStatus().getState() == TaskState.COMPLETE && code != null
                        && code == 0 && oneshot ? null : describe(t));
    }

    /** {@code task web.2 on node vm: failed: task: non-zero exit (4) (exit code 4)}. */
    String describe(Task t) {
        String msg = t.getStatus().getErr() != null && !t.getStatus().getErr().isBlank() ? t.getStatus().getErr()
                : t.getStatus().getMessage();
        Integer code = exitCode(t);
        return "task " + taskName(t) + (t.getNodeId() == null ? " (not scheduled)" : " on node " + node(t.getNodeId()))
                + ": " + t.getStatus().getState().name().toLowerCase(java.util.Locale.ROOT) + ": " + msg
                + (code == null || code == 0 && t.getStatus().getState() != TaskState.FAILED ? "" : " (exit code " + code + ")");
    }

    private String placementHint(String err) {
        return err.contains("constraint") && !constraints.isEmpty() ? "; placement constraints: "
                + String.join(", ", constraints) : "";
    }

    private static String pendingDetail(List<Task> tasks) {
        return tasks.stream().filter(t -> BEFORE_RUNNING.contains(t.getStatus().getState())).findFirst()
                .map(t -> " (" + t.getStatus().getState().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + t.getStatus().getMessage() + ")").orElse("");
    }

    /** {@code <service>.<slot>}, or {@code <service>.<node>} for a global service's task, as the CLI names tasks. */
    String taskName(Task t) {
        return service + "." + (t.getSlot() != null && t.getSlot() > 0 ? t.getSlot() : t.getNodeId());
    }

    private String node(String id) {
        return SwarmContext.nodeName(docker, id);
    }

    static Integer exitCode(Task t) {
        var cs = t.getStatus() == null ? null : t.getStatus().getContainerStatus();
        if (cs == null || cs.getExitCodeLong() == null) {
            return null;
        }
        TaskState s = t.getStatus().getState();
        return s == TaskState.RUNNING || BEFORE_RUNNING.contains(s) ? null : cs.getExitCodeLong().intValue();
    }

    static String containerId(Task t) {
        var cs = t.getStatus() == null ? null : t.getStatus().getContainerStatus();
        return cs == null ? null : cs.getContainerID();
    }

    /** Whether task {@code t}'s container has a healthcheck: its service's own, else its image's (on the manager). */
    private boolean healthchecked(Task t) {
        var spec = t.getSpec() == null ? null : t.getSpec().getContainerSpec();
        if (spec == null) {
            return false;
        }
        List<String> test = spec.getHealthCheck() == null ? null : spec.getHealthCheck().getTest();
        if (test == null || test.isEmpty()) {
            test = imageHealthchecks.computeIfAbsent(String.valueOf(spec.getImage()), this::imageHealthcheck);
        }
        return !test.isEmpty() && !"NONE".equals(test.get(0));
    }

    private List<String> imageHealthcheck(String image) {
        try {
            var config = docker.inspectImageCmd(image).exec().getConfig();
            var check = config == null ? null : config.getHealthcheck();
            return check == null || check.getTest() == null ? List.of() : List.copyOf(check.getTest());
        } catch (NotFoundException e) {
            return List.of(); // the image is resolved on the manager, so this is not expected
        }
    }

    private InspectContainerResponse container(Task t) {
        String id = containerId(t);
        if (id == null) {
            return null;
        }
        try {
            return docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return null; // on another node, or gone
        }
    }

    static Instant created(Task t) {
        return parse(t.getCreatedAt());
    }

    private static Instant stamp(Task t) {
        return t.getStatus() == null ? Instant.EPOCH : parse(t.getStatus().getTimestamp());
    }

    private static Instant parse(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * The tasks to report, one per slot: the newest of the current config, except that the task that ended the
     * wait (a failure) stands for its slot, with its own logs and exit code.
     */
    List<Task> reported() {
        return reported(newestPerSlot(), failed);
    }

    /** {@code newest} with {@code failed} (when not null) in place of the task of its slot (its node if global). */
    static List<Task> reported(List<Task> newest, Task failed) {
        if (failed == null) {
            return newest;
        }
        List<Task> out = new ArrayList<>(newest);
        // A replicated task's place is its slot, whichever node its replacement is on (none yet while pending);
        // a global task's place is its node.
        out.removeIf(t -> t.getId().equals(failed.getId()) || (slotted(failed)
                ? slotted(t) && t.getSlot().equals(failed.getSlot())
                : java.util.Objects.equals(t.getNodeId(), failed.getNodeId())));
        out.add(failed);
        out.sort(Comparator.comparing(t -> t.getSlot() == null ? 0 : t.getSlot()));
        return out;
    }

    private static boolean slotted(Task t) {
        return t.getSlot() != null && t.getSlot() > 0;
    }

    /** The last tasks {@link #state()} judged. */
    List<Task> current() {
        return current;
    }

    @Override
    public boolean logMatches(Pattern pattern) {
        for (Task t : current) {
            if (logs(docker, t).lines().anyMatch(l -> pattern.matcher(l).find())) {
                return true;
            }
        }
        return false;
    }

    /** The task's stdout and stderr through the swarm's task logs (any node), bounded in time. */
    static String logs(DockerClient docker, Task task) {
        if (containerId(task) == null) {
            return ""; // never started: the swarm has no logs, only an error text
        }
        String taskId = task.getId();
        StringBuilder out = new StringBuilder();
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                synchronized (out) {
                    out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try {
            docker.logTaskCmd(taskId).withStdout(true).withStderr(true).withFollow(false).exec(cb)
                    .awaitCompletion(LOG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // no logs (yet): the task has no container
        } finally {
            try {
                cb.close();
            } catch (IOException e) {
                // closing a finished stream
            }
        }
        synchronized (out) {
            return out.toString();
        }
    }

    /**
     * The host port {@code port} is published on: the spec's, else the one the engine picked for the first current
     * task's container (host mode publishes on the task's node).
     */
    private Integer published(int port) {
        Integer fixed = publishedPorts.get(port);
        if (fixed != null || current.isEmpty()) {
            return fixed;
        }
        InspectContainerResponse c = container(current.get(0));
        if (c == null || c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
            return null;
        }
        var bindings = c.getNetworkSettings().getPorts().getBindings()
                .get(com.github.dockerjava.api.model.ExposedPort.tcp(port));
        return bindings == null || bindings.length == 0 ? null : Integer.valueOf(bindings[0].getHostPortSpec());
    }

    @Override
    public String tcpProbe(int port) {
        Integer published = published(port);
        if (published == null) {
            return lastProbeError = "port " + port + " is not published";
        }
        return lastProbeError = HostProbes.tcp(new InetSocketAddress(host, published));
    }

    @Override
    public int httpProbe(int port, String path) {
        Integer published = published(port);
        if (published == null) {
            lastProbeError = "port " + port + " is not published";
            return -1;
        }
        HostProbes.HttpAnswer answer = HostProbes.http(new InetSocketAddress(host, published), path);
        lastProbeError = answer.error();
        return answer.status();
    }

    @Override
    public String lastProbeError() {
        return lastProbeError;
    }
}
