package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.dockerrun.DockerRunOptions.FailurePolicy;
import io.slipway.dockerrun.EngineConnector.Engine;
import io.slipway.inputs.Variables;
import io.slipway.spec.DependencyCondition;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerState;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.LogMatches;
import io.slipway.wait.WaitCondition;
import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code apply} of one deployment: each service on its own thread, started once its dependencies
 * reach their {@code depends_on} conditions, created only when its config hash changed, then waited for
 * with its condition, woken by the engine's events.
 */
final class DeploymentRun {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRun.class);
    private static final int LOG_TAIL_LINES = 50;
    private static final int LOG_TAIL_CHARS = 8192;

    private final Engine engine;
    private final DockerClient docker;
    private final String deployment;
    private final String backend;
    private final ResolvedSpec spec;
    private final Variables vars;
    private final ImageResolver images;
    private final FailurePolicy onFailure;
    private final Map<String, ServiceTask> tasks = new LinkedHashMap<>();
    private EventHub events;

    DeploymentRun(Engine engine, String backend, String deployment, ResolvedSpec spec, ImageResolver images,
            FailurePolicy onFailure) {
        this.engine = engine;
        this.docker = engine.calls();
        this.backend = backend;
        this.deployment = deployment;
        this.spec = spec;
        this.vars = spec.variables();
        this.images = images;
        this.onFailure = onFailure;
    }

    /** Runs every service and returns their results in the spec's order. */
    List<ServiceResult> run() {
        Map<String, List<Container>> existing = DeploymentContainers.byService(docker, deployment);
        for (Map.Entry<String, List<Container>> e : existing.entrySet()) {
            if (spec.service(e.getKey()) == null) {
                LOG.info("Removing service '{}' of deployment '{}': no longer in the spec", e.getKey(), deployment);
                e.getValue().forEach(c -> DeploymentContainers.remove(docker, c.getId()));
            }
        }
        String network = spec.services().stream().anyMatch(s -> s.networkMode() == null)
                ? DeploymentContainers.ensureNetwork(docker, deployment, backend) : null;

        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-" + deployment + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        events = new EventHub(engine.streams(), deployment);
        try {
            for (ServiceSpec s : spec.services()) {
                tasks.put(s.name(), new ServiceTask(s, network, existing.getOrDefault(s.name(), List.of())));
            }
            List<CompletableFuture<ServiceResult>> futures = new ArrayList<>();
            for (ServiceTask t : tasks.values()) {
                futures.add(CompletableFuture.supplyAsync(t::run, pool));
            }
            List<ServiceResult> results = new ArrayList<>();
            for (CompletableFuture<ServiceResult> f : futures) {
                results.add(f.join());
            }
            return results;
        } finally {
            events.close();
            pool.shutdownNow();
        }
    }

    /** The life of one service in this apply. */
    private final class ServiceTask {
        final ServiceSpec service;
        final String network;
        final List<Container> existing;
        /** Completes with the container id once it runs (or ran), or with null when it never will. */
        final CompletableFuture<String> started = new CompletableFuture<>();
        long startNanos;

        ServiceTask(ServiceSpec service, String network, List<Container> existing) {
            this.service = service;
            this.network = network;
            this.existing = existing;
        }

        ServiceResult run() {
            startNanos = System.nanoTime();
            String id = null;
            boolean changed = false;
            try {
                String blocked = awaitDependencies();
                if (blocked != null) {
                    return result(Outcome.FAILED, null, blocked, false);
                }
                String imageId;
                try {
                    imageId = images.resolve(service.image());
                } catch (ImageResolver.ImageException e) {
                    return result(Outcome.FAILED, null, e.getMessage(), false);
                }
                ContainerPlan plan = ContainerPlan.of(deployment, service, network, imageId);
                id = reusable(plan);
                if (id == null) {
                    existing.forEach(c -> DeploymentContainers.remove(docker, c.getId()));
                    id = plan.createCmd(docker, deployment, backend).exec().getId();
                    changed = true;
                    LOG.debug("Created container {} for service '{}' of '{}'", id, service.name(), deployment);
                }
                EngineProbe probe = new EngineProbe(docker, id);
                try {
                    io.slipway.wait.Waiter waiter = events.waiterFor(id);
                    if (changed) {
                        docker.startContainerCmd(id).exec();
                    }
                    if (needsLogs(service.waitCondition())) {
                        // After start: following a container that never ran ends at once. Nothing is
                        // missed, the stream begins with everything logged so far.
                        probe.followLogs(engine.streams(), waiter::signal);
                    }
                    started.complete(id);
                    Check check = waiter.await(service.waitCondition(), probe);
                    return finish(id, check, changed);
                } finally {
                    probe.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(Outcome.FAILED, id, "interrupted", changed);
            } catch (DockerException | io.slipway.SlipwayException e) {
                return result(Outcome.FAILED, id, "engine refused: " + EngineConnector.rootMessage(e), changed);
            } finally {
                started.complete(null);
            }
        }

        /** The existing container, if its config is unchanged and its state still good; else null. */
        private String reusable(ContainerPlan plan) {
            if (existing.size() != 1) {
                return null;
            }
            Container c = existing.get(0);
            if (!plan.hash().equals(c.getLabels().get(Labels.CONFIG_HASH))) {
                return null;
            }
            ContainerState s = new EngineProbe(docker, c.getId()).state();
            if (s.status() == ContainerState.Status.RUNNING) {
                return c.getId();
            }
            // A finished task whose exit its condition accepts is done; re-running it is not idempotent.
            if (service.oneshot() && s.status().isTerminal()
                    && service.waitCondition().check(new FixedProbe(s), Duration.ZERO) instanceof Check.Succeeded) {
                return c.getId();
            }
            return null;
        }

        /** Null when every dependency reached its condition, else why not. */
        private String awaitDependencies() throws InterruptedException {
            for (Map.Entry<String, DependencyCondition> d : service.dependsOn().entrySet()) {
                ServiceTask dep = tasks.get(d.getKey());
                Duration timeout = dep.service.waitCondition().timeout();
                String depId;
                try {
                    depId = dep.started.get(timeout.toMillis() + pullAllowance(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    return "dependency '" + d.getKey() + "' did not start in time";
                } catch (java.util.concurrent.ExecutionException e) {
                    depId = null;
                }
                if (depId == null) {
                    return "dependency '" + d.getKey() + "' did not start";
                }
                WaitCondition condition = switch (d.getValue()) {
                    case SERVICE_STARTED -> null;
                    case SERVICE_HEALTHY -> new Healthy(timeout);
                    case SERVICE_COMPLETED_SUCCESSFULLY -> new Exited(Set.of(0), timeout);
                };
                if (condition == null) {
                    continue;
                }
                EngineProbe probe = new EngineProbe(docker, depId);
                Check c = events.waiterFor(depId).await(condition, probe);
                if (!(c instanceof Check.Succeeded)) {
                    return "dependency '" + d.getKey() + "' did not reach " + d.getValue().spelling() + ": " + detail(c);
                }
            }
            return null;
        }

        private long pullAllowance() {
            return TimeUnit.MINUTES.toMillis(5);
        }

        private ServiceResult finish(String id, Check check, boolean changed) {
            Outcome outcome = check instanceof Check.Succeeded ? Outcome.SUCCEEDED
                    : check instanceof Check.TimedOut ? Outcome.TIMED_OUT : Outcome.FAILED;
            String reason = detail(check);
            if (outcome == Outcome.TIMED_OUT) {
                reason = "not " + service.waitCondition().describe() + " within "
                        + service.waitCondition().timeout().toMillis() + " ms; last seen: " + reason;
            }
            ServiceResult r = result(outcome, id, reason, changed);
            if (outcome != Outcome.SUCCEEDED && onFailure == FailurePolicy.REMOVE) {
                DeploymentContainers.remove(docker, id);
            }
            return r;
        }

        private ServiceResult result(Outcome outcome, String id, String reason, boolean changed) {
            Integer exit = null;
            String logs = "";
            if (id != null) {
                try {
                    ContainerState s = EngineProbe.toState(docker.inspectContainerCmd(id).exec());
                    exit = s.status().isTerminal() ? s.exitCode() : null;
                    logs = tail(id);
                } catch (NotFoundException e) {
                    // removed meanwhile: nothing more to say
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            return new ServiceResult(service.name(), outcome, id, id == null ? null : deployment + "-" + service.name(),
                    exit, vars.mask(reason), vars.mask(logs), took, changed);
        }
    }

    private String tail(String id) {
        StringBuilder sb = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(LOG_TAIL_LINES)
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
            LOG.debug("Reading logs of {} failed", id, e);
        }
        synchronized (sb) {
            return sb.length() > LOG_TAIL_CHARS ? sb.substring(sb.length() - LOG_TAIL_CHARS) : sb.toString();
        }
    }

    private static String detail(Check c) {
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

    static boolean needsLogs(WaitCondition c) {
        if (c instanceof LogMatches) {
            return true;
        }
        if (c instanceof AllOf a) {
            return a.conditions().stream().anyMatch(DeploymentRun::needsLogs);
        }
        if (c instanceof AnyOf a) {
            return a.conditions().stream().anyMatch(DeploymentRun::needsLogs);
        }
        return false;
    }

    /** A probe that answers with a known state, for judging an existing container without waiting. */
    private record FixedProbe(ContainerState state) implements io.slipway.wait.ContainerProbe {
        @Override
        public boolean logMatches(java.util.regex.Pattern pattern) {
            return false;
        }

        @Override
        public String tcpProbe(int port) {
            return "not probed";
        }

        @Override
        public int httpProbe(int port, String path) {
            return -1;
        }

        @Override
        public String lastProbeError() {
            return "not probed";
        }
    }

}
