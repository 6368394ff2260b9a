package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.slipway.LaunchListener;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineOptions.FailurePolicy;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.EngineRuntimes;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.OutputCapture;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.DependencyCondition;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.VolumeMount;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.WaitCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code apply} of one deployment: each service started once its dependencies reach their
 * {@code depends_on} conditions, created only when its config hash changed, then waited for with its
 * condition, woken by the engine's events. Engine calls run on a pool of at most {@link #MAX_THREADS}
 * threads and waits hold none, so an apply of a hundred services needs no more threads than one of sixteen.
 */
final class DockerRunApply {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRunApply.class);
    /** Which apply's pool a thread belongs to ({@link #onPool}). */
    private static final ThreadLocal<DockerRunApply> POOL_OF = new ThreadLocal<>();
    /** How long a dependant waits for a dependency's container to exist, beyond the dependency's own timeout (pulls). */
    private static final Duration START_ALLOWANCE = Duration.ofMinutes(5);
    /** How long the engine may take to answer an attach before a start (it answers at once; else the tail is read). */
    private static final Duration ATTACH_WITHIN = Duration.ofSeconds(5);
    /** A bind source {@code create_host_path: false} requires is missing, or cannot be checked (Podman). */
    private static final class MissingBindSource extends SlipwayException {
        MissingBindSource(String message) {
            super(message);
        }
    }

    /** At most this many engine calls of one apply at a time (the raw-API benchmark uses 16 threads too). */
    static final int MAX_THREADS = 16;

    private final DockerEngine engine;
    private final DockerClient docker;
    private final String deployment;
    private final String backend;
    private final ResolvedSpec spec;
    private final ImageResolver images;
    private final ImageBuilder builder;
    /** The build of each image some service builds, by tag (the first service's, when several share a tag). */
    private final Map<String, ServiceSpec> builds = new LinkedHashMap<>();
    private final FailurePolicy onFailure;
    private final Duration stopTimeout;
    private final LaunchListener listener;
    private final SecretFiles secretFiles;
    private final Map<String, ServiceTask> tasks = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<String>> imageIds = new ConcurrentHashMap<>();
    /** The engine names of the deployment's named volumes by key, once made ({@link DeploymentVolumes#ensure}). */
    private volatile Map<String, String> volumeNames = Map.of();
    /** The engine's runtimes, once asked ({@link #runtimes}). */
    private java.util.Set<String> runtimes;
    private ContainerWatch watch;
    private ThreadPoolExecutor pool;
    private ScheduledThreadPoolExecutor timer;

    DockerRunApply(DockerEngine engine, String backend, String deployment, ResolvedSpec spec, ImageResolver images,
            ImageBuilder builder, FailurePolicy onFailure, Duration stopTimeout, LaunchListener listener,
            SecretFiles secretFiles) {
        this.engine = engine;
        this.docker = engine.calls();
        this.backend = backend;
        this.deployment = deployment;
        this.spec = spec;
        this.images = images;
        this.builder = builder;
        spec.services().stream().filter(s -> s.build() != null).forEach(s -> builds.putIfAbsent(s.imageFor(deployment), s));
        this.onFailure = onFailure;
        this.stopTimeout = stopTimeout;
        this.listener = listener; // guarded by AbstractLauncher
        this.secretFiles = secretFiles;
    }

    /** Runs every service and returns their results in the spec's order. */
    List<ServiceResult> run() {
        // Engine calls run on a bounded pool; waits hold no thread (EventDrivenWait), so the thread count does
        // not grow with the number of services.
        int threads = Math.max(2, Math.min(MAX_THREADS, spec.services().size()));
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(() -> {
                    POOL_OF.set(this);
                    r.run();
                }, "slipway-" + deployment + "-" + n.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                r -> daemon(r, "slipway-" + deployment + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.pool = pool;
        this.timer = timer;
        try {
            // Independent engine work at once (a first launch waits ~60 ms for its network alone): the deployment's
            // networks and its containers on the pool, the images of services that can start at once, and the
            // event subscription here.
            CompletableFuture<Map<String, String>> ensured = CompletableFuture.supplyAsync(
                    () -> DeploymentNetworks.ensure(docker, deployment, backend, spec), pool);
            CompletableFuture<Map<String, List<Container>>> listed = CompletableFuture.supplyAsync(
                    () -> DeploymentContainers.byService(docker, deployment, backend), pool);
            spec.services().stream().filter(this::startsAtOnce).forEach(this::imageId);
            watch = new ContainerWatch(engine, Map.of(Labels.DEPLOYMENT, deployment), spec.variables(),
                    listener.logsOfSucceeded());
            Map<String, List<Container>> existing = joined(listed);
            Map<String, String> networks = joined(ensured);
            List<Container> removed = new ArrayList<>();
            for (Map.Entry<String, List<Container>> e : existing.entrySet()) {
                if (spec.service(e.getKey()) == null) {
                    LOG.info("Removing service '{}' of deployment '{}': no longer in the spec", e.getKey(), deployment);
                    removed.addAll(e.getValue());
                }
            }
            DeploymentContainers.removeAll(docker, removed, stopTimeout);
            removed.forEach(c -> secretFiles.removeService(deployment, c.getLabels().get(Labels.SERVICE)));
            volumeNames = DeploymentVolumes.ensure(docker, deployment, backend, spec);
            for (ServiceSpec s : spec.services()) {
                tasks.put(s.name(), new ServiceTask(s, networks, existing.getOrDefault(s.name(), List.of())));
            }
            List<CompletableFuture<ServiceResult>> futures = new ArrayList<>();
            for (ServiceTask t : tasks.values()) {
                futures.add(t.start());
            }
            List<ServiceResult> results = new ArrayList<>();
            for (CompletableFuture<ServiceResult> f : futures) {
                results.add(f.join());
            }
            return results;
        } finally {
            if (watch != null) {
                watch.close();
            }
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }

    /**
     * Whether {@code s}'s image may be resolved before the deployment's networks exist: it is pulled or looked up
     * (not built), the service waits for no dependency, and it needs no runtime the engine may lack.
     */
    private boolean startsAtOnce(ServiceSpec s) {
        return s.replicas() > 0 && s.dependsOn().isEmpty() && s.process().runtime() == null
                && builds.get(s.imageFor(deployment)) == null;
    }

    /** The value of {@code f}, or what it failed with, as the same call made here would have thrown it. */
    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * The pool, or the calling thread when it is one of this apply's pool: a wait decided on a pool thread goes on to
     * its result there, with no hand-off (one costs 0.1-0.5 ms on two busy cores); one decided elsewhere (an event
     * thread) hands the blocking rest to the pool.
     */
    private void onPool(Runnable r) {
        if (POOL_OF.get() == this) {
            r.run();
        } else {
            pool.execute(r);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The engine's runtimes ({@code docker info}), asked once, when a service names one; empty when unknown. */
    private synchronized java.util.Set<String> runtimes() {
        if (runtimes == null) {
            try {
                Map<String, ?> r = docker.infoCmd().exec().getRuntimes();
                runtimes = r == null ? java.util.Set.of() : java.util.Set.copyOf(r.keySet());
            } catch (RuntimeException e) {
                LOG.debug("Cannot list the engine's runtimes", e);
                runtimes = java.util.Set.of();
            }
        }
        return runtimes;
    }

    /**
     * The id of {@code image}, built when a service builds it, else resolved (and pulled, by the policy); once per
     * apply however many services use it.
     */
    private CompletableFuture<String> imageId(ServiceSpec service) {
        String image = service.imageFor(deployment);
        ServiceSpec b = builds.get(image);
        // A service's own pull_policy may differ from another's using the same image: resolved once per policy.
        PullPolicy policy = PullPolicy.forService(b != null ? b : service, images.policy());
        java.time.Duration refresh = b != null ? null : PullPolicy.refreshPeriod(service);
        String key = b != null ? image : image + " " + policy + (refresh == null ? "" : " " + refresh);
        return imageIds.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            String i = image;
            try {
                String id = b == null ? images.resolve(i, policy, refresh, PullPolicy.describe(service, policy))
                        : builder.build(i, b.build(), ImageBuilder.ownerLabels(deployment, b.name(), backend),
                        line -> built(i, b.name(), spec.variables().mask(line)),
                        policy, b.pullPolicy() == io.slipway.spec.ImagePull.BUILD);
                listener.imageReady(b != null ? b.name() : service.name(), i, b != null ? "built" : "resolved");
                return id;
            } catch (ImageResolver.ImageException | ImageBuilder.BuildException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, pool));
    }

    /** One line of a build's output (masked already): to the log and to progress. */
    private void built(String image, String service, String line) {
        LOG.debug("Build of {} for service '{}': {}", image, service, line);
        listener.building(service, line);
    }

    /**
     * The life of one service in this apply, as a chain of stages on the pool; no stage blocks on another service.
     * Its replicas ({@link ReplicaTask}) start once its dependencies hold, each created, reused or renamed on its own;
     * containers of replicas beyond the count are removed first, the highest numbers first.
     */
    private final class ServiceTask {
        final ServiceSpec service;
        final Map<String, String> networks;
        /** The service's containers before this apply, by replica number. */
        final Map<Integer, List<Container>> existing = new TreeMap<>();
        final List<ReplicaTask> replicas = new ArrayList<>();
        /**
         * Completes with the ids of its containers once every one runs (or ran), empty for 0 replicas, or with null
         * when one never will.
         */
        final CompletableFuture<List<String>> started = new CompletableFuture<>();
        volatile long startNanos;
        private List<String> secretSources;

        ServiceTask(ServiceSpec service, Map<String, String> networks, List<Container> existing) {
            this.service = service;
            this.networks = networks;
            existing.forEach(c -> this.existing.computeIfAbsent(Labels.replica(c.getLabels()), k -> new ArrayList<>())
                    .add(c));
            for (int n = 1; n <= service.replicas(); n++) {
                replicas.add(new ReplicaTask(this, n));
            }
            CompletableFuture.allOf(replicas.stream().map(r -> r.started).toArray(CompletableFuture[]::new))
                    .thenRun(() -> {
                        List<String> ids = replicas.stream().map(r -> r.started.join()).toList();
                        started.complete(ids.contains(null) ? null : ids);
                    });
        }

        CompletableFuture<ServiceResult> start() {
            startNanos = System.nanoTime();
            // A runtime the engine lacks fails the service before its image is built or pulled.
            String noRuntime = service.replicas() == 0 || service.process().runtime() == null ? null
                    : EngineRuntimes.missing(service.process().runtime(), runtimes(), engine.engineVersion());
            return (noRuntime != null ? CompletableFuture.completedFuture(noRuntime) : awaitDependencies())
                    .thenCompose(blocked -> blocked != null
                            ? CompletableFuture.supplyAsync(() -> blocked(blocked), pool) : launch())
                    .handle((r, e) -> r != null ? r : blocked(why(e))) // no engine call: no container was made
                    .whenComplete((r, e) -> {
                        replicas.forEach(t -> t.started.complete(null));
                        started.complete(null);
                        if (r != null) {
                            listener.finished(r);
                        }
                    });
        }

        private CompletableFuture<ServiceResult> launch() {
            return CompletableFuture.supplyAsync(this::removeExtras, pool).thenCompose(removed -> {
                List<CompletableFuture<ServiceResult>> each = replicas.stream().map(ReplicaTask::launch).toList();
                return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                        .thenApply(v -> result(each.stream().map(CompletableFuture::join).toList(), removed));
            });
        }

        /** One replica: its own result; else the sum of its replicas' ({@link ServiceResult#ofReplicas}). */
        private ServiceResult result(List<ServiceResult> each, boolean removed) {
            if (service.replicas() != 1) {
                return ServiceResult.ofReplicas(service.name(), each, removed);
            }
            ServiceResult r = each.get(0);
            return removed && !r.changed() ? new ServiceResult(r.name(), r.outcome(), r.containerId(), r.containerName(),
                    r.exitCode(), r.reason(), r.logs(), r.duration(), true) : r;
        }

        /** Every replica failed for the same reason, before any container was made. */
        private ServiceResult blocked(String reason) {
            List<ServiceResult> each = replicas.stream().map(r -> r.failed(null, reason, false)).toList();
            return service.replicas() == 0 ? ServiceResult.ofReplicas(service.name(), List.of(), false)
                    : result(each, false);
        }

        /**
         * Stops and removes the containers of replicas beyond the service's count, the highest numbers first, as
         * Compose scales down; returns whether there were any.
         */
        private boolean removeExtras() {
            List<Integer> extra = existing.keySet().stream().filter(n -> n > service.replicas() || n < 1)
                    .sorted(Comparator.reverseOrder()).toList();
            for (int n : extra) {
                LOG.info("Removing replica {} of service '{}' of '{}': the service has {} replicas", n, service.name(),
                        deployment, service.replicas());
                existing.get(n).forEach(c -> DeploymentContainers.stopAndRemove(docker, c, stopTimeout));
            }
            if (service.replicas() == 0 && !extra.isEmpty()) {
                secretFiles.removeService(deployment, service.name());
            }
            return !extra.isEmpty();
        }

        /** What an exception that ended the chain says in a result. */
        String why(Throwable e) {
            Throwable t = unwrap(e);
            if (t instanceof ImageResolver.ImageException || t instanceof ImageBuilder.BuildException
                    || t instanceof MissingBindSource) {
                return t.getMessage();
            }
            if (t instanceof InterruptedException) {
                return "interrupted";
            }
            if (DockerEngine.unreachable(t)) {
                LOG.debug("Service '{}' of '{}': engine not answering", service.name(), deployment, t);
                return ContainerWatch.engineLost(engine.host(), t, "");
            }
            if (t instanceof DockerException || t instanceof SlipwayException) {
                return "engine refused: " + DockerEngine.rootMessage(t);
            }
            LOG.debug("Service '{}' of '{}' failed", service.name(), deployment, t);
            return "failed: " + DockerEngine.rootMessage(t);
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        /** The sources of the service's secrets and configs, written once for all its replicas. */
        synchronized List<String> secretSources() {
            if (secretSources == null) {
                secretSources = secretFiles.prepare(deployment, spec, service);
            }
            return secretSources;
        }

        /** Completes with null when every dependency reached its condition, else with why not; in the spec's order. */
        private CompletableFuture<String> awaitDependencies() {
            CompletableFuture<String> blocked = CompletableFuture.completedFuture(null);
            for (Map.Entry<String, DependencyCondition> d : service.dependsOn().entrySet()) {
                blocked = blocked.thenCompose(reason -> reason != null ? CompletableFuture.completedFuture(reason)
                        : dependency(d.getKey(), d.getValue()));
            }
            return blocked;
        }

        /**
         * Null once every container of dependency {@code name} reached {@code condition}; a dependency of 0 replicas
         * holds at once, whatever the condition, as Compose does not wait for a service scaled to 0.
         */
        private CompletableFuture<String> dependency(String name, DependencyCondition condition) {
            ServiceTask dep = tasks.get(name);
            Duration timeout = dep.service.waitCondition().timeout();
            return dep.started.copy().orTimeout(timeout.plus(START_ALLOWANCE).toMillis(), TimeUnit.MILLISECONDS)
                    .handle((ids, e) -> e != null && unwrap(e) instanceof TimeoutException
                            ? new Started(null, "dependency '" + name + "' did not start in time")
                            : ids == null ? new Started(null, "dependency '" + name + "' did not start")
                            : new Started(ids, null))
                    .thenCompose(st -> {
                        WaitCondition c = switch (condition) {
                            case SERVICE_STARTED -> null;
                            case SERVICE_HEALTHY -> new Healthy(timeout);
                            case SERVICE_COMPLETED_SUCCESSFULLY -> new Exited(Set.of(0), timeout);
                        };
                        if (st.problem() != null || c == null) {
                            return CompletableFuture.completedFuture(st.problem());
                        }
                        List<CompletableFuture<String>> each = st.ids().stream().map(id -> watch.awaitAsync(id, c, pool,
                                timer).thenApply(w -> w.check() instanceof Check.Succeeded ? null : "dependency '" + name
                                        + "' did not reach " + condition.spelling() + ": "
                                        + ContainerWatch.detail(w.check()))).toList();
                        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> each
                                .stream().map(CompletableFuture::join).filter(Objects::nonNull).findFirst().orElse(null));
                    });
        }
    }

    /** One container of a service: replica {@code n} (from 1). */
    private final class ReplicaTask {
        final ServiceTask task;
        final ServiceSpec service;
        final int n;
        /** Its name in results: the service's, or {@code <service>-<n>} when the service's count is not 1. */
        final String resultName;
        final String containerName;
        /** Completes with the container id once it runs (or ran), or with null when it never will. */
        final CompletableFuture<String> started = new CompletableFuture<>();
        volatile String id;
        volatile boolean changed;
        /**
         * The reuse decision's look at the kept container, which the wait starts from instead of inspecting it again;
         * null when the container was created (or not kept).
         */
        private volatile ContainerWatch.Look kept;
        /** The wait of a kept container whose state in the container list already meets its condition; else null. */
        private volatile ContainerWatch.Waited keptMet;
        /**
         * The output of a container this apply starts and waits to exit (no restart policy: the engine ends the
         * capture at the first stop), so that its result has the log tail at {@code die}; null: the result reads it.
         */
        private volatile OutputCapture capture;
        /** Stops telling the listener the container's state changes; set once the container is known. */
        private volatile Runnable unlisten = () -> { };

        ReplicaTask(ServiceTask task, int n) {
            this.task = task;
            this.service = task.service;
            this.n = n;
            this.resultName = service.replicas() == 1 ? service.name() : ServiceResult.replicaName(service.name(), n);
            this.containerName = ContainerNames.of(deployment, service, n);
        }

        CompletableFuture<ServiceResult> launch() {
            return imageId(service)
                    .thenApplyAsync(this::createOrReuse, pool)
                    .thenCompose(containerId -> keptMet != null ? CompletableFuture.completedFuture(keptMet)
                            : watch.awaitAsync(containerId, service.waitCondition(), pool, timer, kept))
                    .thenCompose(w -> ContainerWatch.withTail(w, capture, timer))
                    .thenApplyAsync(this::finish, DockerRunApply.this::onPool)
                    // Only a failure needs the pool (it may remove the container); a result goes on at once.
                    .handle((r, e) -> r != null ? CompletableFuture.completedFuture(r)
                            : CompletableFuture.supplyAsync(() -> failed(id, task.why(e), changed), pool))
                    .thenCompose(r -> r)
                    .whenComplete((r, e) -> {
                        unlisten.run();
                        if (capture != null) {
                            capture.close();
                        }
                        started.complete(null);
                    });
        }

        /** Reuses the unchanged container (renamed, if the count moved from or to 1), else (re)creates it; its id. */
        private String createOrReuse(String imageId) {
            ContainerPlan plan = ContainerPlan.of(deployment, spec, service, n, task.networks, volumeNames, imageId,
                    task.secretSources());
            List<Container> mine = task.existing.getOrDefault(n, List.of());
            String reuse = reusable(plan, mine);
            if (reuse == null) {
                requireBindSources(service);
                mine.forEach(c -> DeploymentContainers.stopAndRemove(docker, c, stopTimeout));
                try {
                    id = plan.createCmd(docker, deployment, backend, spec).exec().getId();
                } catch (ConflictException | com.github.dockerjava.api.exception.InternalServerErrorException e) {
                    if (!DockerEngine.nameInUse(e)) {
                        throw e;
                    }
                    throw new SlipwayException("container name '" + containerName + "' is in use by a container "
                            + "deployment '" + deployment + "' does not own; it is left as it is: remove or rename it, "
                            + "or choose another container_name");
                }
                changed = true;
                tellStates();
                LOG.debug("Created container {} for service '{}' of '{}'", id, resultName, deployment);
                plan.connectCmds(docker, deployment, spec, id).forEach(c -> c.exec());
                if (ContainerWatch.awaitsExit(service.waitCondition()) && !restarts(service)) {
                    capture = OutputCapture.attach(engine.streams(), id, ATTACH_WITHIN);
                }
                docker.startContainerCmd(id).exec();
            } else {
                id = reuse;
                tellStates();
                String had = mine.get(0).getNames() == null || mine.get(0).getNames().length == 0 ? null
                        : mine.get(0).getNames()[0].replaceFirst("^/", "");
                if (!containerName.equals(had)) {
                    // The count moved from or to 1: the container stays, only its name follows the scheme.
                    LOG.info("Renaming container {} of service '{}' to {}", had, service.name(), containerName);
                    docker.renameContainerCmd(id).withName(containerName).exec();
                    changed = true;
                }
            }
            started.complete(id);
            listener.waiting(service.name(), containerName, service.waitCondition().describe());
            return id;
        }

        /**
         * Podman's Docker-compatible API creates a missing bind source even for a {@code Mounts} bind, which Docker
         * refuses; so on Podman {@code create_host_path: false} is checked here, before anything is created, where the
         * engine's host is this machine (a unix socket), and refused where it is not (the path cannot be looked at).
         */
        private void requireBindSources(ServiceSpec s) {
            if (!engine.isPodman()) {
                return;
            }
            for (VolumeMount v : s.volumes()) {
                if (!"bind".equals(v.type()) || v.options().createHostPath()) {
                    continue;
                }
                if (!engine.host().startsWith("unix://")) {
                    throw new MissingBindSource("bind.create_host_path: false cannot be honoured for " + v.source()
                            + " on Podman at " + engine.host() + ": its Docker-compatible API creates a missing host "
                            + "path, and that host is not this machine, where Slipway could check it");
                }
                if (!java.nio.file.Files.exists(java.nio.file.Path.of(v.source()))) {
                    throw new MissingBindSource("bind source path does not exist: " + v.source()
                            + " (bind.create_host_path: false)");
                }
            }
        }

        /** Tells the listener each state change of the container the engine reports, with the engine's time. */
        private void tellStates() {
            String name = containerName;
            unlisten = watch.onStateChange(id, (state, time) -> listener.stateChanged(service.name(), name, state, time));
        }

        private ServiceResult finish(ContainerWatch.Waited w) {
            ServiceResult r = watch.result(resultName, id, containerName, service.waitCondition(), w.check(),
                    task.elapsed(), changed, w.lastState(), w.logs());
            if (!r.succeeded() && onFailure == FailurePolicy.REMOVE) {
                removeFailed(id);
            }
            return r;
        }

        private ServiceResult failed(String id, String reason, boolean changed) {
            ServiceResult r = watch.result(resultName, Outcome.FAILED, id, containerName, reason, task.elapsed(), changed);
            if (id != null && onFailure == FailurePolicy.REMOVE) {
                removeFailed(id);
            }
            return r;
        }

        /**
         * With on-failure=remove, the failed container goes; with it the service's secret copies and the image it
         * built under Slipway's tag, unless other replicas still use them.
         */
        private void removeFailed(String id) {
            try {
                DeploymentContainers.remove(docker, id);
            } catch (RuntimeException e) {
                LOG.warn("Could not remove failed container {} of '{}': {}", id, deployment,
                        DockerEngine.rootMessage(e));
                return;
            }
            if (service.replicas() <= 1) {
                secretFiles.removeService(deployment, service.name());
                if (service.build() != null && service.defaultTag()) {
                    ImageBuilder.removeTag(docker, service.imageFor(deployment));
                }
            }
        }

        /** The existing container, if its config is unchanged and its state still good; else null. */
        private String reusable(ContainerPlan plan, List<Container> mine) {
            if (mine.size() != 1) {
                return null;
            }
            Container c = mine.get(0);
            if (!plan.hash().equals(c.getLabels().get(Labels.CONFIG_HASH))) {
                return null;
            }
            // Docker's list already says a running container's health: when that meets the wait condition (running,
            // healthy), the wait is over without an inspection. Anything else (a start time, a last probe, ports,
            // an exited task, Podman's own texts) is looked at as before.
            ContainerState listed = engine.isPodman() ? null : ListedStatus.running(c);
            if (listed != null) {
                Check check = service.waitCondition().check(ContainerProbe.of(listed), Duration.ZERO);
                if (check instanceof Check.Succeeded) {
                    keptMet = new ContainerWatch.Waited(check, listed);
                    return c.getId();
                }
            }
            ContainerWatch.Look look = watch.look(c.getId());
            ContainerState s = look.state();
            if (s.status() == ContainerState.Status.RUNNING) {
                kept = look;
                return c.getId();
            }
            // A finished task whose exit its condition accepts is done; re-running it is not idempotent.
            if (service.oneshot() && s.status().isTerminal()
                    && service.waitCondition().check(ContainerProbe.of(s), Duration.ZERO) instanceof Check.Succeeded) {
                kept = look;
                return c.getId();
            }
            return null;
        }
    }

    /** A dependency's container ids once they started, or why they did not. */
    private record Started(List<String> ids, String problem) {
    }

    /** Whether the engine may start the service's container again after it stopped (a restart policy). */
    private static boolean restarts(ServiceSpec s) {
        return s.restart() != null && !s.restart().strip().equals("no");
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
