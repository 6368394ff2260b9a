package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.slipway.LaunchListener;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.dockerrun.DockerRunOptions.FailurePolicy;
import io.slipway.spec.DependencyCondition;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.WaitCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code apply} of one deployment: each service on its own thread, started once its dependencies
 * reach their {@code depends_on} conditions, created only when its config hash changed, then waited for
 * with its condition, woken by the engine's events.
 */
final class DeploymentRun {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRun.class);
    /** How long a dependant waits for a dependency's container to exist, beyond the dependency's own timeout (pulls). */
    private static final Duration START_ALLOWANCE = Duration.ofMinutes(5);

    private final DockerEngine engine;
    private final DockerClient docker;
    private final String deployment;
    private final String backend;
    private final ResolvedSpec spec;
    private final ImageResolver images;
    private final FailurePolicy onFailure;
    private final LaunchListener listener;
    private final Map<String, ServiceTask> tasks = new LinkedHashMap<>();
    private ContainerWatch watch;

    DeploymentRun(DockerEngine engine, String backend, String deployment, ResolvedSpec spec, ImageResolver images,
            FailurePolicy onFailure, LaunchListener listener) {
        this.engine = engine;
        this.docker = engine.calls();
        this.backend = backend;
        this.deployment = deployment;
        this.spec = spec;
        this.images = images;
        this.onFailure = onFailure;
        this.listener = safe(listener);
    }

    /** A listener must not break an apply: what it throws is logged and dropped. */
    private static LaunchListener safe(LaunchListener l) {
        return new LaunchListener() {
            @Override
            public void waiting(String service, String containerName, String condition) {
                try {
                    l.waiting(service, containerName, condition);
                } catch (RuntimeException e) {
                    LOG.debug("Launch listener failed", e);
                }
            }

            @Override
            public void finished(ServiceResult result) {
                try {
                    l.finished(result);
                } catch (RuntimeException e) {
                    LOG.debug("Launch listener failed", e);
                }
            }
        };
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
        watch = new ContainerWatch(engine, Map.of(Labels.DEPLOYMENT, deployment), spec.variables());
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
            watch.close();
            pool.shutdownNow();
        }
    }

    /** The life of one service in this apply. */
    private final class ServiceTask {
        final ServiceSpec service;
        final String network;
        final List<Container> existing;
        final String containerName;
        /** Completes with the container id once it runs (or ran), or with null when it never will. */
        final CompletableFuture<String> started = new CompletableFuture<>();
        long startNanos;

        ServiceTask(ServiceSpec service, String network, List<Container> existing) {
            this.service = service;
            this.network = network;
            this.existing = existing;
            this.containerName = deployment + "-" + service.name();
        }

        ServiceResult run() {
            ServiceResult r = launch();
            listener.finished(r);
            return r;
        }

        private ServiceResult launch() {
            startNanos = System.nanoTime();
            String id = null;
            boolean changed = false;
            try {
                String blocked = awaitDependencies();
                if (blocked != null) {
                    return failed(null, blocked, false);
                }
                String imageId;
                try {
                    imageId = images.resolve(service.image());
                } catch (ImageResolver.ImageException e) {
                    return failed(null, e.getMessage(), false);
                }
                ContainerPlan plan = ContainerPlan.of(deployment, service, network, imageId);
                id = reusable(plan);
                if (id == null) {
                    existing.forEach(c -> DeploymentContainers.remove(docker, c.getId()));
                    id = plan.createCmd(docker, deployment, backend).exec().getId();
                    changed = true;
                    LOG.debug("Created container {} for service '{}' of '{}'", id, service.name(), deployment);
                    docker.startContainerCmd(id).exec();
                }
                started.complete(id);
                listener.waiting(service.name(), containerName, service.waitCondition().describe());
                Check check = watch.await(id, service.waitCondition());
                ServiceResult r = watch.result(service.name(), id, containerName, service.waitCondition(), check,
                        elapsed(), changed);
                if (!r.succeeded() && onFailure == FailurePolicy.REMOVE) {
                    DeploymentContainers.remove(docker, id);
                }
                return r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(id, "interrupted", changed);
            } catch (DockerException | SlipwayException e) {
                return failed(id, "engine refused: " + DockerEngine.rootMessage(e), changed);
            } finally {
                started.complete(null);
            }
        }

        private ServiceResult failed(String id, String reason, boolean changed) {
            ServiceResult r = watch.result(service.name(), Outcome.FAILED, id, containerName, reason, elapsed(), changed);
            if (id != null && onFailure == FailurePolicy.REMOVE) {
                DeploymentContainers.remove(docker, id);
            }
            return r;
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
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
            ContainerState s = watch.state(c.getId());
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
                    depId = dep.started.get(timeout.plus(START_ALLOWANCE).toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return "dependency '" + d.getKey() + "' did not start in time";
                } catch (ExecutionException e) {
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
                Check c = watch.await(depId, condition);
                if (!(c instanceof Check.Succeeded)) {
                    return "dependency '" + d.getKey() + "' did not reach " + d.getValue().spelling() + ": "
                            + ContainerWatch.detail(c);
                }
            }
            return null;
        }
    }

    /** A probe that answers with a known state, for judging an existing container without waiting. */
    private record FixedProbe(ContainerState state) implements ContainerProbe {
        @Override
        public boolean logMatches(Pattern pattern) {
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
