package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Ports;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Observes one container through the Engine API: state by inspection, output by a followed log stream,
 * ports and HTTP from the host. Nothing runs inside the container, so images without a shell work.
 */
public final class EngineProbe implements ContainerProbe, Closeable {

    private static final int MAX_LINES = 10_000;

    private final DockerClient docker;
    private final String containerId;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile InspectContainerResponse last;
    private volatile String lastProbeError;
    private ResultCallback.Adapter<Frame> follower;
    private DockerClient streams;
    private Runnable onLine;
    private boolean closed;
    /** Why the engine did not answer the last inspection, or null when it did. */
    private volatile Throwable lost;
    /** What the last event said of the state, for the next {@link #state()} instead of an inspection. */
    private volatile ContainerState hint;
    /** The state the last {@link #state()} returned. */
    private volatile ContainerState seen;
    /** Runs the container's healthcheck when the engine (Podman without systemd) does not; null: the engine does. */
    private volatile PodmanHealthchecks healthchecks;
    /** Why the last healthcheck run through Podman's API failed, or null. */
    private volatile String healthcheckError;
    /** Told when a healthcheck run through Podman's API is over, so the wait looks at the container again. */
    private volatile Runnable healthcheckDone = () -> { };

    EngineProbe(DockerClient docker, String containerId) {
        this.docker = docker;
        this.containerId = containerId;
    }

    /**
     * Has {@link #state()} run the container's healthcheck through {@code runner} when it is due (a wait needs a
     * health status and the engine is Podman, which runs checks only from systemd timers).
     */
    void runHealthchecks(PodmanHealthchecks runner) {
        this.healthchecks = runner;
    }

    /** Wakes {@code wake} when a healthcheck started by {@link #state()} is over (it runs on a thread of its own). */
    void onHealthcheckDone(Runnable wake) {
        this.healthcheckDone = wake;
    }

    /**
     * Follows the container's output from its start, waking {@code onLine} for each chunk, and keeps every line for
     * {@link #logMatches}.
     */
    synchronized void followLogs(DockerClient streams, Runnable onLine) {
        this.onLine = onLine;
        if (follower == null) {
            this.streams = streams;
            follow();
        }
    }

    private synchronized void follow() {
        follower = streams.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        Runnable r = lineListener();
                        if (r != null) {
                            r.run();
                        }
                    }

                });
    }

    private synchronized Runnable lineListener() {
        return onLine;
    }

    /** Takes a chunk of the followed output (package-private for tests). */
    synchronized void append(String chunk) {
        partial.append(chunk);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            lines.add(line);
        }
        while (lines.size() > MAX_LINES) {
            lines.remove(0);
        }
    }

    /**
     * The container's state; while the engine does not answer, {@code CREATED} (so that no condition succeeds or
     * fails on what cannot be seen) and {@link #lost()} says why. Once it answers again, a followed log stream
     * (which ended with the connection) is followed again from the start.
     */
    @Override
    public ContainerState state() {
        ContainerState h = hint;
        if (h != null) {
            hint = null;
            seen = h;
            return h;
        }
        InspectContainerResponse r;
        try {
            r = docker.inspectContainerCmd(containerId).exec();
            PodmanHealthchecks runner = healthchecks;
            if (runner != null) {
                // Not on this thread (a wait pool's): the next look at the container, once the run is over, sees
                // what it recorded.
                runner.runIfDue(containerId, r, Instant.now(), a -> {
                    healthcheckError = a.error();
                    healthcheckDone.run();
                });
            }
        } catch (NotFoundException e) {
            return ContainerState.missing();
        } catch (RuntimeException e) {
            if (!DockerEngine.unreachable(e)) {
                throw e;
            }
            lost = e;
            return new ContainerState(ContainerState.Status.CREATED, null, ContainerState.Health.NONE, null, null,
                    "engine not answering");
        }
        if (lost != null) {
            lost = null;
            refollow();
        }
        last = r;
        ContainerState state = toState(r);
        String failed = healthcheckError;
        if (failed != null && state.health() == ContainerState.Health.STARTING) {
            // Nothing else would ever run the check: say why it did not run, rather than time out on "starting".
            state = new ContainerState(state.status(), state.exitCode(), state.health(), state.startedAt(),
                    "Podman runs healthchecks from systemd timers only, and running it through Podman's API failed: "
                            + failed, state.error());
        }
        seen = state;
        return state;
    }

    /**
     * Takes what an event itself says, so that the next {@link #state()} need not inspect: a {@code die} event's
     * exit code ({@code exitCode}; Podman's {@code containerExitCode}), a {@code health_status: healthy} event's
     * health. Inspection stays the rule where the event says less: an unhealthy container (its probe's output is
     * only in the inspection), a container the engine may restart, one not yet inspected.
     *
     * @return whether the next {@link #state()} is the event's (no engine call)
     */
    boolean observe(Event e) {
        String action = e.getAction();
        InspectContainerResponse before = last;
        if (action == null || before == null) {
            return false;
        }
        ContainerState known = toState(before);
        Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of()
                : e.getActor().getAttributes();
        if (action.equals("die")) {
            String code = attributes.getOrDefault("exitCode", attributes.get("containerExitCode"));
            if (code == null || restarts(before)) {
                return false;
            }
            try {
                hint = new ContainerState(ContainerState.Status.EXITED, Integer.parseInt(code.strip()), known.health(),
                        known.startedAt(), known.healthLog(), null);
                return true;
            } catch (NumberFormatException ignored) {
                // an engine that spells it otherwise: inspect
            }
        } else if (action.startsWith("health_status")) {
            String status = action.contains(":") ? action.substring(action.indexOf(':') + 1).strip()
                    : attributes.getOrDefault("health_status", "");
            if (status.equals("healthy")) {
                hint = new ContainerState(ContainerState.Status.RUNNING, null, ContainerState.Health.HEALTHY,
                        known.startedAt(), known.healthLog(), null);
                return true;
            }
        }
        return false;
    }

    private static boolean restarts(InspectContainerResponse r) {
        String policy = r.getHostConfig() == null || r.getHostConfig().getRestartPolicy() == null ? null
                : r.getHostConfig().getRestartPolicy().getName();
        return policy != null && !policy.isEmpty() && !policy.equals("no");
    }

    /** Why the engine did not answer the last inspection, or null when it did. */
    Throwable lost() {
        return lost;
    }

    private synchronized void refollow() {
        if (follower == null || closed) {
            return;
        }
        try {
            follower.close();
        } catch (IOException e) {
            // ended with the connection
        }
        lines.clear();
        partial.setLength(0);
        follow();
    }

    /**
     * Starts from an inspection made just before this probe (the reuse decision's, {@link ContainerWatch#look}), so
     * that the first {@link #state()} need not inspect again; later ones inspect as before, at events, rechecks and
     * the fallback interval. Not with a Podman healthcheck runner, which runs a due check only on an inspection.
     */
    void startFrom(InspectContainerResponse inspected) {
        if (inspected == null || healthchecks != null || last != null) {
            return;
        }
        last = inspected;
        hint = toState(inspected);
    }

    /** The answer of the last inspection, or null before the first (or when the container was missing). */
    InspectContainerResponse inspected() {
        return last;
    }

    /** The state the last {@link #state()} returned, or null before the first. */
    ContainerState lastState() {
        return seen;
    }

    /** The wait model's view of an inspected container: status, exit code, health, ports. */
    public static ContainerState toState(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState s = r.getState();
        ContainerState.Status status;
        try {
            status = ContainerState.Status.valueOf(String.valueOf(s.getStatus()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            status = ContainerState.Status.CREATED;
        }
        ContainerState.Health health = ContainerState.Health.NONE;
        String healthLog = null;
        if (s.getHealth() != null && s.getHealth().getStatus() != null) {
            try {
                health = ContainerState.Health.valueOf(s.getHealth().getStatus().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                health = ContainerState.Health.NONE;
            }
            List<HealthStateLog> log = s.getHealth().getLog();
            if (log != null && !log.isEmpty()) {
                HealthStateLog h = log.get(log.size() - 1);
                healthLog = "exit " + h.getExitCodeLong() + (h.getOutput() == null || h.getOutput().isBlank() ? ""
                        : ": " + h.getOutput().strip());
            }
        }
        Instant started = null;
        if (s.getStartedAt() != null && !s.getStartedAt().startsWith("0001-")) {
            started = Instant.parse(s.getStartedAt());
        }
        Integer exit = s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue();
        return new ContainerState(status, exit, health, started, healthLog, s.getError());
    }

    @Override
    public synchronized boolean logMatches(Pattern pattern) {
        for (String line : lines) {
            if (pattern.matcher(line).find()) {
                return true;
            }
        }
        return partial.length() > 0 && pattern.matcher(partial).find();
    }

    @Override
    public String tcpProbe(int port) {
        InetSocketAddress address = address(port);
        if (address == null) {
            return lastProbeError;
        }
        String error = HostProbes.tcp(address);
        if (error != null) {
            lastProbeError = error;
        }
        return error;
    }

    @Override
    public int httpProbe(int port, String path) {
        InetSocketAddress address = address(port);
        if (address == null) {
            return -1;
        }
        HostProbes.HttpAnswer answer = HostProbes.http(address, path);
        lastProbeError = answer.error();
        return answer.status();
    }

    @Override
    public String lastProbeError() {
        return lastProbeError;
    }

    /** Where to reach the container's {@code port} from here: its published host port, else its address on its network. */
    private InetSocketAddress address(int port) {
        InspectContainerResponse r = last != null ? last : docker.inspectContainerCmd(containerId).exec();
        var settings = r.getNetworkSettings();
        if (settings != null && settings.getPorts() != null) {
            Map<ExposedPort, Ports.Binding[]> bindings = settings.getPorts().getBindings();
            Ports.Binding[] b = bindings.get(ExposedPort.tcp(port));
            if (b != null) {
                for (Ports.Binding binding : b) {
                    if (binding.getHostPortSpec() != null && !binding.getHostPortSpec().isEmpty()) {
                        String ip = binding.getHostIp();
                        String host = ip == null || ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") ? "127.0.0.1" : ip;
                        return new InetSocketAddress(host, Integer.parseInt(binding.getHostPortSpec()));
                    }
                }
            }
        }
        String mode = r.getHostConfig() == null ? null : r.getHostConfig().getNetworkMode();
        if ("host".equals(mode)) {
            return new InetSocketAddress("127.0.0.1", port);
        }
        if (settings != null && settings.getNetworks() != null) {
            for (ContainerNetwork n : settings.getNetworks().values()) {
                if (n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
                    return new InetSocketAddress(n.getIpAddress(), port);
                }
            }
        }
        lastProbeError = "port " + port + " is not published and the container has no network address";
        return null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (follower != null) {
            try {
                follower.close();
            } catch (IOException e) {
                // the stream is gone either way
            }
        }
    }
}
