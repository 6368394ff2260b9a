package io.slipway.dockerrun;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentNames;
import io.slipway.DeploymentStatus;
import io.slipway.DeploymentPlan;
import io.slipway.LaunchListener;
import io.slipway.ServiceResult;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.DeploymentLock;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineLogDrivers;
import io.slipway.engine.EngineOptions;
import io.slipway.engine.EngineProbe;
import io.slipway.engine.FailedApplyCleanup;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.KeySupport;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spi.AbstractLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.wait.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code docker-run} launcher: one engine connection, opened eagerly so a dead socket fails at
 * {@link io.slipway.Launchers#open}. Thread-safe; applies of different deployments may run concurrently.
 */
final class DockerRunLauncher extends AbstractLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRunLauncher.class);

    private final DockerEngine engine;
    private final ImageResolver images;
    private final ImageBuilder builder;
    private final EngineOptions.FailurePolicy onFailure;
    private final Duration stopTimeout;
    private final Duration lockTimeout;
    private final SecretFiles secretFiles;

    DockerRunLauncher(LauncherConfig config, Map<String, String> env) {
        this.engine = DockerEngine.connect(EngineOptions.endpoint(config, env), config.get(EngineOptions.API_VERSION),
                env);
        this.images = new ImageResolver(engine.calls(), config.get(DockerRunOptions.PULL),
                config.get(DockerRunOptions.PULL_TIMEOUT));
        this.builder = new ImageBuilder(engine.calls(), config.get(DockerRunOptions.PULL),
                config.get(DockerRunOptions.PULL_TIMEOUT));
        this.onFailure = config.get(EngineOptions.ON_FAILURE);
        this.stopTimeout = config.get(DockerRunOptions.STOP_TIMEOUT);
        this.lockTimeout = config.get(EngineOptions.LOCK_TIMEOUT);
        this.secretFiles = new SecretFiles(SecretFiles.defaultRoot(DockerRunProvider.NAME, env));
        LOG.debug("docker-run connected to {} (engine {}, API {})", engine.endpoint().describe(), engine.engineVersion(),
                engine.apiVersion());
    }

    @Override
    public String backend() {
        return DockerRunProvider.NAME;
    }

    /** The Engine API version this launcher speaks. */
    String apiVersion() {
        return engine.apiVersion();
    }

    @Override
    public String describeTool() {
        return engine.describe();
    }

    @Override
    protected Applied launch(ResolvedDeployment d, LaunchListener listener) {
        String deployment = d.name();
        ResolvedSpec resolved = d.resolved();
        KeySupport support = KeySupport.of(DockerRunProvider.NAME, engine.unsupportedKeys());
        support.check(resolved);
        EngineLogDrivers.check(engine, resolved.services());
        ContainerNames.checkUnique(deployment, resolved);
        SecretFiles.checkOwners(resolved, backend());
        return locked(deployment, "apply", () -> applyLocked(deployment, resolved, listener));
    }

    /**
     * Refuses what {@link #launch} would refuse up front, then reads what it would do ({@link DeploymentPlanner}); takes no
     * lock, so an apply running meanwhile may make the plan stale.
     */
    @Override
    protected DeploymentPlan planLaunch(ResolvedDeployment d) {
        // launch's checks but the secrets' ownership one, which the apply makes (and is the secrets work's to move).
        KeySupport.of(DockerRunProvider.NAME, engine.unsupportedKeys()).check(d.resolved());
        EngineLogDrivers.check(engine, d.resolved().services());
        ContainerNames.checkUnique(d.name(), d.resolved());
        return new DeploymentPlanner(engine.calls(), d.name(), backend(), d.resolved(), images, builder, secretFiles)
                .plan();
    }

    private Applied applyLocked(String deployment, ResolvedSpec resolved, LaunchListener listener) {
        FailedApplyCleanup cleanup = onFailure != EngineOptions.FailurePolicy.REMOVE ? null
                : new FailedApplyCleanup(engine.calls(), Map.of(Labels.DEPLOYMENT, deployment, Labels.BACKEND, backend()));
        List<ServiceResult> results = null;
        try {
            results = new DockerRunApply(engine, backend(), deployment, resolved, images, builder,
                    onFailure, stopTimeout, listener, secretFiles).run();
            return Applied.of(results);
        } finally {
            if (cleanup != null && (results == null || !results.stream().allMatch(ServiceResult::succeeded))) {
                cleanup.removeCreated();
            }
        }
    }

    /** One writer per deployment, whatever process or host it runs in ({@link DeploymentLock}). */
    private <T> T locked(String deployment, String action, Supplier<T> work) {
        return DeploymentLock.holding(engine, deployment, action, lockTimeout, work);
    }

    /**
     * The deployment's containers from one list call: the rows the list answers in full ({@link ListedStatus}: running
     * and never-started containers on Docker) as they are, the others (an exit code with a health state, restarting,
     * paused, dead, and every row on Podman) from an inspect each, side by side. Takes no lock.
     */
    @Override
    public DeploymentStatus status(String deployment) {
        return status(deployment, !engine.isPodman());
    }

    /** {@link #status}; with {@code fromList} false every row comes from an inspect (as before the list was used). */
    DeploymentStatus status(String deployment, boolean fromList) {
        DeploymentNames.requireValid(deployment);
        List<DeploymentStatus.ServiceStatus> services = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Container> inspect = new ArrayList<>();
        for (Container c : DeploymentContainers.list(engine.calls(), deployment, backend())) {
            DeploymentStatus.ServiceStatus row = fromList ? ListedStatus.row(c) : null;
            if (row != null) {
                services.add(row);
            } else {
                inspect.add(c);
            }
        }
        // The inspects run side by side: one at a time they were most of a status of 50.
        DeploymentContainers.inParallel(inspect, c -> {
            InspectContainerResponse r;
            try {
                r = engine.calls().inspectContainerCmd(c.getId()).exec();
            } catch (NotFoundException e) {
                return;
            }
            ContainerState s = EngineProbe.toState(r);
            services.add(new DeploymentStatus.ServiceStatus(c.getLabels().get(Labels.SERVICE), c.getId(),
                    r.getName() == null ? null : r.getName().replaceFirst("^/", ""),
                    s.status().name().toLowerCase(Locale.ROOT), s.status().isTerminal() ? s.exitCode() : null,
                    ListedStatus.health(s.health()),
                    c.getLabels().get(Labels.CONFIG_HASH)));
        });
        services.sort(DeploymentStatus.ServiceStatus.ORDER);
        return new DeploymentStatus(deployment, backend(), services);
    }

    /**
     * Stops the deployment's containers, each with its {@code stop_grace_period} (or the launcher's
     * {@code stop-timeout}), removes them with their anonymous volumes, then its network, then the private copies of
     * its secrets and configs; all at the same time. Images it built under Slipway's tag ({@code <deployment>-<service>})
     * are removed too, those tagged by the spec's {@code image} kept ({@link ImageBuilder#removeBuilt}).
     */
    @Override
    public int delete(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "delete", () -> {
            List<Container> containers = DeploymentContainers.list(engine.calls(), deployment, backend());
            DeploymentContainers.removeAll(engine.calls(), containers, stopTimeout);
            DeploymentContainers.removeNetworks(engine.calls(), deployment, backend());
            secretFiles.removeDeployment(deployment);
            int images = ImageBuilder.removeBuilt(engine.calls(), deployment, backend());
            LOG.debug("Deleted deployment '{}': {} containers, {} built images", deployment, containers.size(), images);
            return containers.size();
        });
    }

    /** Stops the deployment's running containers, at the same time, each with its own {@code stop_grace_period}. */
    @Override
    public int suspend(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "suspend", () -> {
            List<Container> running = DeploymentContainers.list(engine.calls(), deployment, backend()).stream()
                    .filter(c -> "running".equals(c.getState())).toList();
            AtomicInteger stopped = new AtomicInteger();
            DeploymentContainers.inParallel(running, c -> {
                if (DeploymentContainers.stop(engine.calls(), c, stopTimeout)) {
                    stopped.incrementAndGet();
                }
            });
            LOG.debug("Suspended deployment '{}': {} containers stopped", deployment, stopped.get());
            return stopped.get();
        });
    }

    /** Starts the deployment's containers that are not running, except those of one-shot tasks ({@link Labels#ONESHOT}). */
    @Override
    public int resume(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "resume", () -> {
            int started = 0;
            for (Container c : DeploymentContainers.list(engine.calls(), deployment, backend())) {
                if (!"running".equals(c.getState()) && !"true".equals(c.getLabels().get(Labels.ONESHOT))) {
                    try {
                        engine.calls().startContainerCmd(c.getId()).exec();
                        started++;
                    } catch (NotFoundException | NotModifiedException e) {
                        // gone or started meanwhile
                    }
                }
            }
            LOG.debug("Resumed deployment '{}': {} containers started", deployment, started);
            return started;
        });
    }

    @Override
    public void close() {
        engine.close();
    }
}
