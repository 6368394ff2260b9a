package io.slipway.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.Variables;
import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import io.slipway.wait.Check;
import io.slipway.wait.Exited;
import io.slipway.wait.ContainerState;
import io.slipway.wait.Healthy;
import io.slipway.wait.LogMatches;
import io.slipway.wait.Running;
import io.slipway.wait.WaitCondition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for wait conditions on containers that carry given labels, woken by the engine's event stream,
 * and turns the outcome into a {@link ServiceResult} (exit code, masked reason and log tail). Used by
 * docker-run for the containers it starts, and by compose and atomic for the containers their tools start.
 * Subscribe (construct) before starting anything, so that no event is missed; close when done.
 */
public final class ContainerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerWatch.class);
    private static final int LOG_TAIL_LINES = 50;
    private static final int LOG_TAIL_CHARS = 8192;
    private final DockerEngine engine;
    private final Variables variables;
    private final EventHub events;
    private final boolean logsOfSucceeded;

    /**
     * Subscribes to the events of containers labelled with every entry of {@code labels}.
     *
     * @param variables the deployment's variables, whose secrets are masked in every result
     */
    public ContainerWatch(DockerEngine engine, Map<String, String> labels, Variables variables) {
        this(engine, labels, variables, true);
    }

    /**
     * Like {@link #ContainerWatch(DockerEngine, Map, Variables)}.
     *
     * @param logsOfSucceeded whether a succeeded service's result reads its log tail
     *        ({@link io.slipway.LaunchListener#logsOfSucceeded()}); any other result always does
     */
    public ContainerWatch(DockerEngine engine, Map<String, String> labels, Variables variables,
            boolean logsOfSucceeded) {
        this.engine = engine;
        this.variables = variables;
        this.events = new EventHub(engine.streams(), labels);
        this.logsOfSucceeded = logsOfSucceeded;
    }

    /**
     * Blocks until {@code condition} is final for the container, at most its timeout. Follows the
     * container's output when the condition looks at logs. Call it once the container was started.
     */
    public Check await(String containerId, WaitCondition condition) throws InterruptedException {
        try (EngineProbe probe = probe(containerId, condition)) {
            Runnable unlisten = events.listen(containerId, probe::observe);
            io.slipway.wait.Waiter waiter = events.waiterFor(containerId);
            probe.onHealthcheckDone(waiter::signal);
            if (needsLogs(condition)) {
                probe.followLogs(engine.streams(), waiter::signal);
            }
            try {
                return lostOr(waiter.await(condition, probe), probe);
            } finally {
                unlisten.run();
            }
        }
    }

    /**
     * Like {@link #await}, for a result: {@link Waited#lastState()} is the state the wait saw last (an exit code from
     * the {@code die} event itself), so that
     * {@link #result(String, String, String, WaitCondition, Check, Duration, boolean, ContainerState)} need not inspect
     * again; it reads the log tail.
     */
    public Waited awaitForResult(String containerId, WaitCondition condition) throws InterruptedException {
        try (EngineProbe probe = probe(containerId, condition)) {
            Runnable unlisten = events.listen(containerId, probe::observe);
            io.slipway.wait.Waiter waiter = events.waiterFor(containerId);
            if (needsLogs(condition)) {
                probe.followLogs(engine.streams(), waiter::signal);
            }
            Check check;
            try {
                check = lostOr(waiter.await(condition, probe), probe);
            } finally {
                unlisten.run();
            }
            return new Waited(check, probe.lastState());
        }
    }

    /**
     * {@code check}, unless the wait ended without success while the engine was not answering: then a failure
     * saying so, rather than a timeout that blames the service.
     */
    private Check lostOr(Check check, EngineProbe probe) {
        Throwable lost = probe.lost();
        if (lost == null || check instanceof Check.Succeeded) {
            return check;
        }
        LOG.debug("Engine at {} stopped answering while waiting", engine.host(), lost);
        return new Check.Failed(engineLost(engine.host(), lost, " while waiting"));
    }

    /** What a user reads when the engine stopped answering: its address and the socket's words, no class names. */
    public static String engineLost(String host, Throwable cause, String when) {
        return "engine at " + host + " stopped answering" + when + " (" + DockerEngine.rootMessage(cause) + ")";
    }

    /**
     * The end of an {@link #awaitAsync} or {@link #awaitForResult}: the final check, the container's state as the
     * last evaluation saw it (null if it never got one), so that the result need not inspect again, and the
     * container's log tail when it is already in hand ({@link #withTail}; null: the result reads it).
     */
    public record Waited(Check check, ContainerState lastState, String logs) {

        /** A wait's end without the log tail in hand. */
        public Waited(Check check, ContainerState lastState) {
            this(check, lastState, null);
        }
    }

    /**
     * How long after a wait saw the container stop an {@link OutputCapture} may take to end (the engine ends it just
     * before its {@code die} event), before the result reads the log tail instead.
     */
    static final Duration CAPTURE_GRACE = Duration.ofMillis(250);

    /**
     * {@code w} with the log tail of {@code capture} (null: none), when the wait saw the container stop and the
     * engine ended the capture by itself, i.e. all the container wrote is in it; else {@code w} as it is, and the
     * result reads the tail. Waits at most {@link #CAPTURE_GRACE} for the capture's end, on {@code timer}.
     */
    public static CompletableFuture<Waited> withTail(Waited w, OutputCapture capture, ScheduledExecutorService timer) {
        ContainerState s = w.lastState();
        if (capture == null || s == null || !s.status().isTerminal()) {
            return CompletableFuture.completedFuture(w);
        }
        CompletableFuture<Boolean> ended = capture.ended().copy();
        if (!ended.isDone()) {
            try {
                var late = timer.schedule(() -> ended.complete(false), CAPTURE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                ended.whenComplete((b, e) -> late.cancel(false));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                ended.complete(false);
            }
        }
        return ended.handle((clean, e) -> Boolean.TRUE.equals(clean) ? new Waited(w.check(), s, capture.tail()) : w);
    }

    /**
     * Like {@link #await}, but holding no thread while it waits: evaluations run on {@code pool} when the
     * container's events arrive, and at recheck, fallback and deadline times set on {@code timer}.
     */
    public CompletableFuture<Waited> awaitAsync(String containerId, WaitCondition condition, Executor pool,
            ScheduledExecutorService timer) {
        return awaitAsync(containerId, condition, pool, timer, null);
    }

    /**
     * {@link #awaitAsync(String, WaitCondition, Executor, ScheduledExecutorService)}, its first evaluation taking the
     * state from {@code from} (a {@link #look} made just before, e.g. to decide that a container is kept) rather than
     * inspecting the container again; null: inspect. Later evaluations inspect as before. The result reads the log
     * tail once the wait is over, unless an {@link OutputCapture} made before the start has it ({@link #withTail}):
     * a followed log read is no substitute, since engine 20.10's ends without a last line that has no line end in
     * most runs (31 of 40 here).
     */
    public CompletableFuture<Waited> awaitAsync(String containerId, WaitCondition condition, Executor pool,
            ScheduledExecutorService timer, Look from) {
        EngineProbe probe = probe(containerId, condition);
        if (from != null && containerId.equals(from.containerId())) {
            probe.startFrom(from.inspected());
        }
        EventDrivenWait wait = new EventDrivenWait(condition, probe, pool, timer);
        probe.onHealthcheckDone(wait::trigger);
        boolean stateOnly = stateOnly(condition);
        Runnable unlisten = events.listen(containerId, e -> {
            boolean said = probe.observe(e);
            if (stateWord(e) == null) {
                return;
            }
            // An event that says the whole state (an exit code, healthy) decides a condition on the state alone
            // here, on the event thread, with no engine call: no hand-off to the pool before the result is known.
            if (said && stateOnly) {
                wait.evaluateHere();
            } else {
                wait.trigger();
            }
        });
        if (needsLogs(condition)) {
            probe.followLogs(engine.streams(), wait::trigger);
        }
        wait.trigger();
        return wait.result()
                .thenApply(c -> new Waited(lostOr(c, probe), probe.lastState()))
                .whenComplete((w, e) -> {
                    unlisten.run();
                    probe.close();
                });
    }

    /**
     * A probe for a wait on {@code condition}: on Podman, one that runs the container's healthcheck when it is due
     * and the condition looks at health ({@link PodmanHealthchecks}).
     */
    private EngineProbe probe(String containerId, WaitCondition condition) {
        EngineProbe probe = new EngineProbe(engine.calls(), containerId);
        if (engine.podmanHealth() != null && needsHealth(condition)) {
            probe.runHealthchecks(engine.podmanHealth());
        }
        return probe;
    }

    /**
     * Tells {@code onState} each state change of the container the engine reports ({@code running}, {@code exited 0},
     * {@code healthy}, {@code unhealthy}, {@code oom}, {@code paused}, …), with the engine's time of it; until the
     * returned handle runs. Other events (exec, attach, …) are not told.
     */
    public Runnable onStateChange(String containerId, java.util.function.BiConsumer<String, java.time.Instant> onState) {
        return events.listen(containerId, e -> {
            String state = stateWord(e);
            if (state != null) {
                java.time.Instant time = e.getTimeNano() != null ? java.time.Instant.EPOCH.plusNanos(e.getTimeNano())
                        : e.getTime() != null ? java.time.Instant.ofEpochSecond(e.getTime()) : null;
                onState.accept(state, time);
            }
        });
    }

    /**
     * The state an engine event says the container reached, or null for an event that is no state change (exec,
     * attach, resize, rename, …): such an event cannot change what a wait sees, so it wakes none. A healthcheck's
     * {@code exec_die} comes just before its {@code health_status}; woken by it, a wait was inspecting when the health
     * event came, and told the result only after that inspection.
     */
    static String stateWord(com.github.dockerjava.api.model.Event e) {
        String action = e.getAction() != null ? e.getAction() : e.getStatus();
        if (action == null) {
            return null;
        }
        if (action.startsWith("health_status: ")) {
            return action.substring("health_status: ".length());
        }
        if (action.equals("health_status")) { // Podman: the status is an attribute
            String status = e.getActor() == null || e.getActor().getAttributes() == null ? null
                    : e.getActor().getAttributes().get("health_status");
            return status == null || status.isBlank() ? "health changed" : status;
        }
        return switch (action) {
            case "create" -> "created";
            case "start", "unpause" -> "running";
            case "restart" -> "restarted";
            case "pause" -> "paused";
            case "oom" -> "oom";
            case "die" -> {
                String code = e.getActor() == null || e.getActor().getAttributes() == null ? null
                        : e.getActor().getAttributes().get("exitCode");
                yield code == null ? "exited" : "exited " + code;
            }
            case "destroy" -> "removed";
            default -> null;
        };
    }

    /** The container's state now, as the wait model sees it. */
    public ContainerState state(String containerId) {
        return look(containerId).state();
    }

    /**
     * The container's state now, as {@link #state} says it, with the inspection it came from, for a wait that follows
     * at once ({@link #awaitAsync(String, WaitCondition, Executor, ScheduledExecutorService, Look)}).
     */
    public Look look(String containerId) {
        EngineProbe probe = new EngineProbe(engine.calls(), containerId);
        ContainerState state = probe.state();
        return new Look(containerId, state, probe.lost() == null ? probe.inspected() : null);
    }

    /**
     * A container's state ({@link #look}) and the engine's answer it was read from (null when the container was
     * missing or the engine did not answer).
     */
    public record Look(String containerId, ContainerState state,
            com.github.dockerjava.api.command.InspectContainerResponse inspected) {
    }

    /**
     * The result of a service whose wait ended with {@code check}.
     *
     * @param took from the start of the service's launch
     * @param changed whether this apply created or replaced its container
     */
    public ServiceResult result(String service, String containerId, String containerName, WaitCondition condition,
            Check check, Duration took, boolean changed) {
        return result(service, containerId, containerName, condition, check, took, changed, null);
    }

    /**
     * {@link #result(String, String, String, WaitCondition, Check, Duration, boolean)} from a state already known
     * (null: inspect).
     */
    public ServiceResult result(String service, String containerId, String containerName, WaitCondition condition,
            Check check, Duration took, boolean changed, ContainerState known) {
        return result(service, containerId, containerName, condition, check, took, changed, known, null);
    }

    /**
     * {@link #result(String, String, String, WaitCondition, Check, Duration, boolean, ContainerState)} with the
     * container's log tail already in hand ({@link Waited#logs()}; null: read it).
     */
    public ServiceResult result(String service, String containerId, String containerName, WaitCondition condition,
            Check check, Duration took, boolean changed, ContainerState known, String logs) {
        Outcome outcome = outcome(check);
        String reason = detail(check);
        if (outcome == Outcome.TIMED_OUT) {
            reason = "not " + condition.describe() + " within " + condition.timeout().toMillis() + " ms; last seen: "
                    + reason;
        }
        return result(service, outcome, containerId, containerName, reason, took, changed, known, logs);
    }

    /** A result with a given outcome and reason; exit code and log tail are read from the container, if any. */
    public ServiceResult result(String service, Outcome outcome, String containerId, String containerName,
            String reason, Duration took, boolean changed) {
        return result(service, outcome, containerId, containerName, reason, took, changed, null, null);
    }

    private ServiceResult result(String service, Outcome outcome, String containerId, String containerName,
            String reason, Duration took, boolean changed, ContainerState known, String tail) {
        Integer exit = null;
        String logs = "";
        if (containerId != null) {
            try {
                ContainerState s = known != null ? known
                        : EngineProbe.toState(engine.calls().inspectContainerCmd(containerId).exec());
                exit = s.status().isTerminal() ? s.exitCode() : null;
                logs = tail != null ? bounded(tail)
                        : outcome == Outcome.SUCCEEDED && !logsOfSucceeded ? "" : logTail(containerId);
            } catch (NotFoundException e) {
                // removed meanwhile: nothing more to say
            } catch (RuntimeException e) {
                // The engine stopped answering: the result says what is known without it.
                LOG.debug("Could not read the state of {} for its result", containerId, e);
            }
        }
        return new ServiceResult(service, outcome, containerId, containerId == null ? null : containerName, exit,
                variables.mask(reason), variables.mask(logs), took, changed);
    }

    /** The last lines of the container's stdout and stderr (bounded), secrets not yet masked. */
    public String logTail(String containerId) {
        StringBuilder sb = new StringBuilder();
        try {
            engine.calls().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(LOG_TAIL_LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            synchronized (sb) {
                                sb.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Reading logs of {} failed", containerId, e);
        }
        synchronized (sb) {
            return bounded(sb);
        }
    }

    private static String bounded(CharSequence s) {
        return s.length() > LOG_TAIL_CHARS ? s.subSequence(s.length() - LOG_TAIL_CHARS, s.length()).toString()
                : s.toString();
    }

    /** The outcome a final check stands for. */
    public static Outcome outcome(Check check) {
        if (check instanceof Check.Succeeded) {
            return Outcome.SUCCEEDED;
        }
        return check instanceof Check.TimedOut ? Outcome.TIMED_OUT : Outcome.FAILED;
    }

    /** What a check says, in words. */
    public static String detail(Check c) {
        if (c instanceof Check.Succeeded s) {
            return s.detail();
        }
        if (c instanceof Check.Failed f) {
            return f.reason();
        }
        if (c instanceof Check.TimedOut t) {
            return t.lastObserved();
        }
        return ((Check.Pending) c).detail();
    }

    static boolean needsHealth(WaitCondition c) {
        return holds(c, Healthy.class::isInstance);
    }

    /** Whether {@code c} can succeed on the container's exit (an {@link Exited}, alone or in a composition). */
    public static boolean awaitsExit(WaitCondition c) {
        return holds(c, Exited.class::isInstance);
    }

    static boolean needsLogs(WaitCondition c) {
        return holds(c, LogMatches.class::isInstance);
    }

    /** Whether {@code c} looks at the container's state alone: no port, HTTP or log probe (which may block). */
    static boolean stateOnly(WaitCondition c) {
        return !holds(c, x -> !(x instanceof Running || x instanceof Exited || x instanceof Healthy));
    }

    /** Whether {@code c}, or any condition an {@code all}/{@code any} of it holds, passes {@code test}. */
    private static boolean holds(WaitCondition c, java.util.function.Predicate<WaitCondition> test) {
        if (c instanceof AllOf a) {
            return a.conditions().stream().anyMatch(x -> holds(x, test));
        }
        if (c instanceof AnyOf a) {
            return a.conditions().stream().anyMatch(x -> holds(x, test));
        }
        return test.test(c);
    }

    @Override
    public void close() {
        events.close();
    }
}
