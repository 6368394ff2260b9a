package io.slipway.swarm;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.slipway.DeploymentNames;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.SlipwayException;
import io.slipway.engine.DeploymentLock;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineLogDrivers;
import io.slipway.engine.EngineOptions;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.Labels;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spi.AbstractLauncher;
import io.slipway.spi.LauncherConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code swarm} launcher: one connection to a swarm manager, opened eagerly so that a dead socket or an engine
 * that is no swarm manager fails at {@link io.slipway.Launchers#open}. Thread-safe; applies of different deployments
 * may run concurrently, one writer per deployment ({@link DeploymentLock}).
 */
final class SwarmLauncher extends AbstractLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmLauncher.class);
    /** How long delete waits for the tasks of removed services to leave their networks. */
    private static final Duration TEARDOWN = Duration.ofSeconds(60);

    private final DockerEngine engine;
    private final SwarmContext ctx;
    private final ImageResolver images;
    private final Duration lockTimeout;

    SwarmLauncher(LauncherConfig config, Map<String, String> env) {
        this.engine = DockerEngine.connect(EngineOptions.endpoint(config, env), config.get(EngineOptions.API_VERSION),
                env);
        SwarmInfo swarm = engine.calls().infoCmd().exec().getSwarm();
        if (swarm == null || !Boolean.TRUE.equals(swarm.getControlAvailable())) {
            String state = swarm == null || swarm.getLocalNodeState() == null ? "unknown"
                    : swarm.getLocalNodeState().name().toLowerCase(Locale.ROOT);
            engine.close();
            throw new SlipwayException("engine at " + engine.endpoint().describe() + " is not a swarm manager (swarm state: " + state
                    + "); run 'docker swarm init' there, or point the swarm backend at a manager");
        }
        this.ctx = SwarmContext.of(engine, config.isSet(SwarmOptions.MONITOR) ? config.get(SwarmOptions.MONITOR) : null);
        this.images = new ImageResolver(engine.calls(), config.get(SwarmOptions.PULL), config.get(SwarmOptions.PULL_TIMEOUT));
        this.lockTimeout = config.get(EngineOptions.LOCK_TIMEOUT);
        LOG.debug("swarm connected to manager {} (engine {}, API {})", engine.host(), engine.engineVersion(),
                engine.apiVersion());
    }

    @Override
    public String backend() {
        return SwarmProvider.NAME;
    }

    /** The swarm, for people: {@code Docker Swarm of 1 node (manager: Docker Engine 20.10.24 at unix:///..., API 1.41)}. */
    @Override
    public String describeTool() {
        int nodes = engine.calls().listSwarmNodesCmd().exec().size();
        return "Docker Swarm of " + nodes + (nodes == 1 ? " node" : " nodes") + " (manager: " + engine.describe() + ")";
    }

    /** Name check, resolving, listener guard, outputs and masking are {@link AbstractLauncher}'s. */
    @Override
    protected Applied launch(ResolvedDeployment d, LaunchListener listener) {
        ResolvedSpec resolved = d.resolved();
        SwarmKeys.support(engine.unsupportedKeys()).check(resolved);
        SwarmNetworks.checkDrivers(resolved);
        EngineLogDrivers.check(engine, resolved.services());
        return locked(d.name(), "apply",
                () -> Applied.of(new SwarmApply(ctx, d.name(), resolved, images, listener).run()));
    }

    /** Refuses what {@link #launch} would refuse up front, then reads what it would do ({@link SwarmApply#plan}). */
    @Override
    protected io.slipway.DeploymentPlan planLaunch(ResolvedDeployment d) {
        ResolvedSpec resolved = d.resolved();
        SwarmKeys.support(engine.unsupportedKeys()).check(resolved);
        SwarmNetworks.checkDrivers(resolved);
        EngineLogDrivers.check(engine, resolved.services());
        return new SwarmApply(ctx, d.name(), resolved, images, io.slipway.LaunchListener.NONE).plan();
    }

    private <T> T locked(String deployment, String action, Supplier<T> work) {
        return DeploymentLock.holding(engine, deployment, action, lockTimeout, work);
    }

    /** One entry per task of each service (its newest per slot): node in the name, state, container id. */
    @Override
    public DeploymentStatus status(String deployment) {
        DeploymentNames.requireValid(deployment);
        List<DeploymentStatus.ServiceStatus> out = new ArrayList<>();
        for (Service svc : SwarmContext.services(engine.calls(), deployment)) {
            Map<String, String> labels = svc.getSpec().getLabels();
            String hash = labels.get(Labels.CONFIG_HASH);
            Map<String, Task> newest = new LinkedHashMap<>();
            for (Task t : engine.calls().listTasksCmd().withServiceFilter(svc.getSpec().getName()).exec()) {
                // A finished one-shot task is what the deployment owns of that service; others are replaced ones.
                if ((t.getDesiredState() == TaskState.SHUTDOWN && !"true".equals(labels.get(Labels.ONESHOT)))
                        || t.getDesiredState() == TaskState.REMOVE) {
                    continue;
                }
                String key = t.getSlot() != null && t.getSlot() > 0 ? "s" + t.getSlot() : "n" + t.getNodeId();
                Task seen = newest.get(key);
                if (seen == null || ServiceTasks.created(t).isAfter(ServiceTasks.created(seen))) {
                    newest.put(key, t);
                }
            }
            for (Task t : newest.values()) {
                String slot = t.getSlot() != null && t.getSlot() > 0 ? String.valueOf(t.getSlot()) : t.getNodeId();
                TaskState s = t.getStatus().getState();
                out.add(new DeploymentStatus.ServiceStatus(labels.get(Labels.SERVICE), ServiceTasks.containerId(t),
                        svc.getSpec().getName() + "." + slot + "@" + node(t.getNodeId()),
                        s.name().toLowerCase(Locale.ROOT), ServiceTasks.exitCode(t), null, hash));
            }
        }
        out.sort(DeploymentStatus.ServiceStatus.ORDER);
        return new DeploymentStatus(deployment, backend(), out);
    }

    private String node(String id) {
        return SwarmContext.nodeName(engine.calls(), id);
    }

    /**
     * Removes the deployment's services, then (once their tasks have left them) its networks, then its secrets;
     * nothing else: named volumes outlive it, as with {@code docker stack rm}. Returns how many tasks were running.
     */
    @Override
    public int delete(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "delete", () -> {
            var docker = engine.calls();
            List<Service> services = SwarmContext.services(docker, deployment);
            int tasks = 0;
            for (Service s : services) {
                tasks += (int) docker.listTasksCmd().withServiceFilter(s.getSpec().getName()).exec().stream()
                        .filter(t -> t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING).count();
                try {
                    docker.removeServiceCmd(s.getId()).exec();
                } catch (NotFoundException e) {
                    // gone meanwhile
                }
            }
            SwarmContext.awaitNoContainers(docker, services, TEARDOWN);
            SwarmNetworks.removeAll(docker, deployment, TEARDOWN);
            int secrets = SwarmSecrets.removeUnused(ctx, deployment);
            LOG.debug("Deleted deployment '{}': {} services, {} running tasks, {} secrets", deployment,
                    services.size(), tasks, secrets);
            return tasks;
        });
    }

    /** Scales the deployment's replicated services to 0, remembering their count; returns how many it scaled. */
    @Override
    public int suspend(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "suspend", () -> {
            int n = 0;
            for (Service s : SwarmContext.services(engine.calls(), deployment)) {
                var spec = s.getSpec();
                ServiceReplicatedModeOptions rep = spec.getMode() == null ? null : spec.getMode().getReplicated();
                // A one-shot task that finished stays finished: scaling it back would run it again.
                if (rep == null || rep.getReplicas() == 0 || spec.getLabels().containsKey(SwarmApply.SUSPENDED)
                        || "true".equals(spec.getLabels().get(Labels.ONESHOT))) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>(spec.getLabels());
                labels.put(SwarmApply.SUSPENDED, String.valueOf(rep.getReplicas()));
                spec.withLabels(labels).withMode(new ServiceModeConfig()
                        .withReplicated(new ServiceReplicatedModeOptions().withReplicas(0)));
                engine.calls().updateServiceCmd(s.getId(), spec).withVersion(s.getVersion().getIndex()).exec();
                n++;
            }
            LOG.debug("Suspended deployment '{}': {} services scaled to 0", deployment, n);
            return n;
        });
    }

    /** Scales suspended services back to the count they had; returns how many it scaled. */
    @Override
    public int resume(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "resume", () -> {
            int n = 0;
            for (Service s : SwarmContext.services(engine.calls(), deployment)) {
                var spec = s.getSpec();
                String was = spec.getLabels().get(SwarmApply.SUSPENDED);
                if (was == null) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>(spec.getLabels());
                labels.remove(SwarmApply.SUSPENDED);
                spec.withLabels(labels).withMode(new ServiceModeConfig()
                        .withReplicated(new ServiceReplicatedModeOptions().withReplicas(Integer.parseInt(was))));
                engine.calls().updateServiceCmd(s.getId(), spec).withVersion(s.getVersion().getIndex()).exec();
                n++;
            }
            LOG.debug("Resumed deployment '{}': {} services scaled back", deployment, n);
            return n;
        });
    }

    @Override
    public void close() {
        engine.close();
    }
}
