package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.slipway.DeploymentNames;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.LauncherConfigException;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DeploymentLock;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineLogDrivers;
import io.slipway.engine.EngineOptions;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.inputs.Variables;
import io.slipway.spec.KeySupport;
import io.slipway.spec.OutputDeclaration;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spi.AbstractLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.wait.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code atomic} launcher: one engine connection (opened eagerly, so a dead socket fails at
 * {@link io.slipway.Launchers#open}); the agent is bootstrapped by the first {@code apply} (or a {@code delete}
 * or {@code suspend} with a container to stop or a label command to run), not by opening. Thread-safe for
 * different deployments.
 */
final class AtomicLauncher extends AbstractLauncher {


    private static final Logger LOG = LoggerFactory.getLogger(AtomicLauncher.class);
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private final DockerEngine engine;
    private final AtomicSettings settings;
    /** The private copies of the secrets and configs that inputs and inline content supply (host paths). */
    private final SecretFiles secretFiles;
    private final Duration lockTimeout;
    private final EngineOptions.FailurePolicy onFailure;

    AtomicLauncher(LauncherConfig config, Map<String, String> env) {
        if (!config.get(AtomicOptions.PRIVILEGED_AGENT)) {
            throw new LauncherConfigException("the atomic backend runs every command through a privileged agent "
                    + "container (--privileged, host network and PID namespaces, the engine socket and the host's / "
                    + "mounted) and starts only when that is allowed explicitly: add privileged-agent=true to the config "
                    + "string, e.g. atomic?agent-image=acme/agent:1&privileged-agent=true");
        }
        String image = config.get(AtomicOptions.AGENT_IMAGE);
        if (image == null || image.isBlank()) {
            image = env.get(AtomicOptions.AGENT_IMAGE_ENV);
        }
        if (image == null || image.isBlank()) {
            throw new LauncherConfigException("option 'agent-image' is required for backend 'atomic' (or set "
                    + AtomicOptions.AGENT_IMAGE_ENV + "): an image with a docker CLI on PATH, e.g. "
                    + "atomic?agent-image=acme/agent:1&privileged-agent=true");
        }
        String name = config.get(AtomicOptions.AGENT_NAME);
        if (!CONTAINER_NAME.matcher(name).matches()) {
            throw new LauncherConfigException("bad value '" + name + "' for option 'agent-name': a container name matches "
                    + CONTAINER_NAME.pattern());
        }
        List<String> hostDirs = hostDirs(config.get(AtomicOptions.HOST_DIRS));
        this.lockTimeout = config.get(EngineOptions.LOCK_TIMEOUT);
        this.onFailure = config.get(EngineOptions.ON_FAILURE);
        this.engine = DockerEngine.connect(EngineOptions.endpoint(config, env), config.get(EngineOptions.API_VERSION),
                env);
        String host = engine.host();
        String socket = host.startsWith("unix://") ? host.substring("unix://".length()) : "/var/run/docker.sock";
        this.settings = new AtomicSettings(image.strip(), name, socket, hostDirs, config.get(AtomicOptions.COMPAT_2015),
                config.get(AtomicOptions.REMOVE_AGENT), config.get(AtomicOptions.AGENT_TIMEOUT),
                config.get(AtomicOptions.COMMAND_TIMEOUT), HostIdentity.of(env));
        this.secretFiles = new SecretFiles(SecretFiles.defaultRoot(AtomicProvider.NAME, env));
        LOG.debug("atomic connected to {} (engine {}, API {}); agent '{}' from {}", host, engine.engineVersion(),
                engine.apiVersion(), name, settings.agentImage());
    }

    /** {@code host-dirs}: absolute paths, comma-separated. */
    static List<String> hostDirs(String option) {
        List<String> dirs = new ArrayList<>();
        if (option == null || option.isBlank()) {
            return dirs;
        }
        for (String d : option.split(",")) {
            String dir = d.strip();
            if (!dir.startsWith("/") || dir.contains(":") || dir.equals("/")) {
                throw new LauncherConfigException("bad entry '" + dir + "' in option 'host-dirs': each entry is an "
                        + "absolute host directory other than / (which is at /host already), without ':'");
            }
            dirs.add(dir);
        }
        return dirs;
    }

    @Override
    public String backend() {
        return AtomicProvider.NAME;
    }

    /** The agent (container and image) and the engine it runs on. */
    @Override
    public String describeTool() {
        return "agent '" + settings.agentName() + "' from " + settings.agentImage() + "; " + engine.describe();
    }

    /** The settings from the config string. */
    AtomicSettings settings() {
        return settings;
    }

    @Override
    protected Applied launch(ResolvedDeployment d, LaunchListener listener) {
        String deployment = d.name();
        ResolvedSpec resolved = d.resolved();
        // Every key is honoured by atomic's default run but what the engine lacks (a RUN label narrows them: AtomicApply).
        KeySupport support = KeySupport.of(AtomicProvider.NAME, engine.unsupportedKeys());
        support.check(resolved);
        EngineLogDrivers.check(engine, resolved.services());
        ContainerNames.checkUnique(deployment, resolved);
        SecretFiles.checkOwners(resolved, backend());
        return locked(deployment, "apply", () -> {
            AtomicApply run = new AtomicApply(engine, settings, deployment, resolved, listener, secretFiles);
            FailedServices failed = onFailure != EngineOptions.FailurePolicy.REMOVE ? null
                    : new FailedServices(engine.calls(), deployment, secretFiles);
            List<ServiceResult> results = null;
            try {
                results = run.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlipwayException("interrupted while applying '" + deployment + "'", e);
            } finally {
                if (failed != null && (results == null || results.stream().anyMatch(r -> !r.succeeded()))) {
                    failed.remove(resolved, results == null ? List.of() : results);
                }
            }
            return new Applied(results, run.tool.stdout(), run.tool.stderr());
        });
    }

    /**
     * Refuses what {@link #launch} would refuse up front, then reads what it would do ({@link AtomicPlanner}) without
     * bootstrapping the agent or running anything in it; takes no lock, so an apply running meanwhile may make the plan
     * stale.
     */
    @Override
    protected io.slipway.DeploymentPlan planLaunch(ResolvedDeployment d) {
        ResolvedSpec resolved = d.resolved();
        KeySupport.of(AtomicProvider.NAME, engine.unsupportedKeys()).check(resolved);
        EngineLogDrivers.check(engine, resolved.services());
        ContainerNames.checkUnique(d.name(), resolved);
        SecretFiles.checkOwners(resolved, backend());
        return new AtomicPlanner(engine, settings, d.name(), resolved, secretFiles).plan();
    }

    /** One writer per deployment, whatever process or host it runs in ({@link DeploymentLock}). */
    private <T> T locked(String deployment, String action, Supplier<T> work) {
        return DeploymentLock.holding(engine, deployment, action, lockTimeout, work);
    }

    @Override
    public DeploymentStatus status(String deployment) {
        DeploymentNames.requireValid(deployment);
        DockerClient docker = engine.calls();
        List<String[]> refs = new ArrayList<>(); // {service, container name or id, config hash}
        Map<String, String> installedOnly = new LinkedHashMap<>(); // service -> install hash, for run: false
        for (ServiceRecord r : ServiceRecord.list(docker, deployment)) {
            if (ServiceRemoval.owned(docker, r) != null) { // a container_name another container holds is not ours
                refs.add(new String[] {r.service(), r.name(), r.runHash()});
            }
            if (r.runHash() == null && r.installed() != null) {
                installedOnly.put(r.service(), r.installed());
            }
        }
        // Every replica of a default run carries the labels; the record names only replica 1.
        for (Container c : labelled(docker, deployment)) {
            refs.add(new String[] {c.getLabels().get(Labels.SERVICE), c.getId(), c.getLabels().get(Labels.CONFIG_HASH)});
        }
        List<DeploymentStatus.ServiceStatus> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> listed = new HashSet<>();
        try (ContainerWatch watch = new ContainerWatch(engine, Map.of(Labels.DEPLOYMENT, deployment), Variables.none())) {
            for (String[] ref : refs) {
                String service = ref[0];
                InspectContainerResponse c = ServiceRemoval.inspect(docker, ref[1]);
                if (c != null && seen.add(c.getId())) {
                    ContainerState s = watch.state(c.getId());
                    listed.add(service);
                    out.add(new DeploymentStatus.ServiceStatus(service, c.getId(), c.getName().replaceFirst("^/", ""),
                            s.status().name().toLowerCase(Locale.ROOT), s.status().isTerminal() ? s.exitCode() : null,
                            s.health() == ContainerState.Health.NONE ? null : s.health().name().toLowerCase(Locale.ROOT),
                            ref[2]));
                }
            }
            installedOnly.forEach((service, hash) -> {
                if (!listed.contains(service)) {
                    out.add(new DeploymentStatus.ServiceStatus(service, null, null,
                            DeploymentStatus.ServiceStatus.INSTALLED, null, null, hash));
                }
            });
        }
        out.sort(DeploymentStatus.ServiceStatus.ORDER);
        return new DeploymentStatus(deployment, backend(), out);
    }

    /**
     * The containers carrying the deployment's labels as atomic's (those the agent started without a RUN label);
     * a deployment of the same name on another backend is not atomic's to change or remove.
     */
    static List<Container> labelled(DockerClient docker, String deployment) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.DEPLOYMENT, deployment, Labels.BACKEND, AtomicProvider.NAME)).exec();
    }

    /**
     * Uninstalls every service of the deployment (STOP label or an engine stop, remove, UNINSTALL label where
     * present), removes its network, and with {@code remove-agent=true} the agent.
     *
     * @throws SlipwayException when an UNINSTALL label command failed (everything else was still removed)
     */
    @Override
    public int delete(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "delete", () -> deleteLocked(deployment));
    }

    private int deleteLocked(String deployment) {
        DockerClient docker = engine.calls();
        ToolLog tool = new ToolLog(Variables.none());
        ServiceRemoval removal = new ServiceRemoval(docker, lazyAgent(), settings, tool);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        // Services are independent: they are stopped (gracefully, as atomic does) at the same time.
        List<Callable<Integer>> work = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        for (ServiceRecord r : ServiceRecord.list(docker, deployment)) {
            recorded.add("/" + r.name());
            work.add(() -> removal.uninstall(r, failures));
        }
        for (Container c : labelled(docker, deployment)) {
            if (recorded.contains(c.getNames()[0])) {
                continue;
            }
            work.add(() -> {
                InspectContainerResponse i = ServiceRemoval.inspect(docker, c.getId());
                if (i == null) {
                    return 0; // uninstalled with its record meanwhile
                }
                removal.stopAndRemove(c.getLabels().get(Labels.SERVICE), i, Substitution.forService(
                        i.getName().replaceFirst("^/", ""), c.getImage(), ServiceOptions.DEFAULTS, "/",
                        settings.host(), settings.compat2015()));
                return 1;
            });
        }
        int removed = sum("deleting", deployment, work);
        // After UNINSTALL, which needs the image's labels.
        ImageBuilder.removeBuilt(docker, deployment, AtomicProvider.NAME);
        for (Network n : AtomicApply.networks(docker, deployment)) {
            try {
                docker.removeNetworkCmd(n.getId()).exec();
            } catch (NotFoundException e) {
                // gone already
            }
        }
        secretFiles.removeDeployment(deployment);
        if (!tool.stdout().isEmpty() || !tool.stderr().isEmpty()) {
            LOG.info("Commands run in the agent to delete '{}':\n{}{}", deployment, tool.stdout(), tool.stderr());
        }
        if (!failures.isEmpty()) {
            throw new SlipwayException("deployment '" + deployment + "' was deleted but for: " + String.join("; ", failures));
        }
        if (settings.removeAgent()) {
            AgentBootstrap.remove(docker, settings.agentName());
        }
        LOG.debug("Deleted deployment '{}': {} containers", deployment, removed);
        return removed;
    }

    /**
     * Stops the deployment's running containers, each as atomic stops it: its STOP label in the agent, then an
     * engine stop. Containers, records and the network stay; nothing of other deployments is touched.
     *
     * @throws SlipwayException when a container cannot be stopped, or the agent a STOP label needs is not usable
     */
    @Override
    public int suspend(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "suspend",
                () -> new Suspension(engine.calls(), lazyAgent(), settings).suspend(deployment));
    }

    /**
     * Starts the stopped containers of the deployment's long-running services through the Engine API. INSTALL and
     * RUN labels are not run again, one-shot tasks not at all, and the agent is not used. A container that a RUN
     * label ran with {@code --rm} is gone once stopped: the next {@code apply} runs it again.
     */
    @Override
    public int resume(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "resume",
                () -> new Suspension(engine.calls(), lazyAgent(), settings).resume(deployment));
    }

    /** The agent, made ready the first time a label or engine command needs it. */
    private ServiceRemoval.AgentSource lazyAgent() {
        Agent[] agent = new Agent[1];
        return () -> {
            synchronized (agent) {
                if (agent[0] == null) {
                    agent[0] = new AgentBootstrap(engine, settings.agentImage(), settings.agentName(),
                            settings.hostSocket(), settings.hostDirs(), settings.agentTimeout(),
                            settings.commandTimeout()).ensure();
                }
                return agent[0];
            }
        };
    }

    /**
     * Runs independent per-service {@code work} at the same time (at most 8 at once) and adds up the counts.
     *
     * @param doing what is done, for an error, e.g. {@code deleting}
     */
    static int sum(String doing, String deployment, List<Callable<Integer>> work) {
        int total = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, work.size())));
        try {
            for (Future<Integer> f : pool.invokeAll(work)) {
                total += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while " + doing + " '" + deployment + "'", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SlipwayException s ? s
                    : new SlipwayException(doing + " '" + deployment + "' failed: " + DockerEngine.rootMessage(e), e);
        } finally {
            pool.shutdownNow();
        }
        return total;
    }

    @Override
    public void close() {
        engine.close();
    }
}
