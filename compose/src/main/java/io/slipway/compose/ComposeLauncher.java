package io.slipway.compose;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentNames;
import io.slipway.DeploymentPlan;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.LauncherConfigException;
import io.slipway.engine.DeploymentLock;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineEndpoint;
import io.slipway.engine.EngineLogDrivers;
import io.slipway.engine.EngineOptions;
import io.slipway.spec.KeySupport;
import io.slipway.spec.ProjectNames;
import io.slipway.spi.AbstractLauncher;
import io.slipway.spi.LauncherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code compose} launcher: drives the Compose tool it detected when it opened (see {@link #tool()}),
 * and watches the containers the tool starts through one engine connection. Thread-safe; applies of
 * different deployments may run concurrently.
 */
public final class ComposeLauncher extends AbstractLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeLauncher.class);
    /** Detection runs the tool's {@code version}; nothing should take longer than this. */
    private static final Duration DETECT_TIMEOUT = Duration.ofSeconds(30);

    private final ToolRunner runner;
    private final DockerEngine engine;
    private final ComposeSettings settings;
    private final Duration lockTimeout;

    /**
     * Opens the launcher: detects the tool, then connects to the engine.
     *
     * @param env the process environment (a parameter so tests can pass their own)
     */
    ComposeLauncher(LauncherConfig config, Map<String, String> env) {
        // One engine for Slipway and the tool: found once, as the docker CLI finds it, and handed to the tool
        // explicitly (DOCKER_HOST and TLS), so a context the tool might read differently never comes into play.
        EngineEndpoint endpoint = EngineOptions.endpoint(config, env);
        Map<String, String> baseEnv = ToolEnvironment.withEngineTls(ToolEnvironment.base(env, endpoint.host()),
                endpoint.tls() && !endpoint.skipTlsVerify(), endpoint.certPath());
        Duration timeout = config.get(ComposeOptions.TIMEOUT);
        String workDir = config.get(ComposeOptions.WORK_DIR);
        this.lockTimeout = config.get(EngineOptions.LOCK_TIMEOUT);
        WorkDir work = new WorkDir(workDir != null ? Path.of(workDir) : WorkDir.defaultRoot(env));
        this.runner = new ToolRunner();
        try {
            String[] choice = binaryChoice(config, env);
            ComposeTool tool = new ToolDetector(runner, baseEnv, Path.of(System.getProperty("java.io.tmpdir")),
                    timeout.compareTo(DETECT_TIMEOUT) < 0 ? timeout : DETECT_TIMEOUT).detect(choice[0], choice[1]);
            this.engine = DockerEngine.connect(endpoint, null, env);
            // An ssh:// engine is bridged to a private socket while the launcher is open: the tool dials that.
            baseEnv.put("DOCKER_HOST", engine.localAddress());
            this.settings = new ComposeSettings(tool, work, config.get(ComposeOptions.PULL), timeout,
                    config.get(ComposeOptions.STOP_TIMEOUT), config.get(ComposeOptions.ON_FAILURE),
                    config.get(ComposeOptions.REMOVE_VOLUMES), baseEnv);
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        LOG.info("compose backend: {}; engine {} ({}); work dir {}", settings.tool().describe(), engine.endpoint().describe(),
                engine.engineVersion(), work.root());
    }

    /** {@code {choice, chosenBy}}: {@value ComposeOptions#BINARY_ENV} if set, else the {@code binary} option. */
    private static String[] binaryChoice(LauncherConfig config, Map<String, String> env) {
        String fromEnv = env.get(ComposeOptions.BINARY_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            String choice = config.get(ComposeOptions.BINARY);
            return new String[] {choice, "binary=" + choice};
        }
        try {
            return new String[] {ComposeOptions.binary(fromEnv.strip()), ComposeOptions.BINARY_ENV + "=" + fromEnv.strip()};
        } catch (IllegalArgumentException e) {
            throw new LauncherConfigException("bad value '" + fromEnv + "' in " + ComposeOptions.BINARY_ENV + ": "
                    + e.getMessage());
        }
    }

    @Override
    public String backend() {
        return ComposeProvider.NAME;
    }

    /** The Compose tool, as detected when the launcher opened, and the engine it waits through. */
    @Override
    public String describeTool() {
        return settings.tool().describe() + "; " + engine.describe();
    }

    /** The Compose tool this launcher drives, as detected when it opened: command, version, v1 or v2. */
    public ComposeTool tool() {
        return settings.tool();
    }

    ComposeSettings settings() {
        return settings;
    }

    @Override
    protected Applied launch(ResolvedDeployment d, LaunchListener listener) {
        KeySupport support = support(settings.tool().generation(), engine.unsupportedKeys());
        support.check(d.resolved());
        EngineLogDrivers.check(engine, d.resolved().services());
        return locked(d.name(), "apply",
                () -> new ComposeApply(engine, runner, settings, d.name(), d.spec(), d.resolved(), listener).run());
    }

    /**
     * Refuses what {@link #launch} would refuse up front, then reads what the tool would do ({@link ComposePlanner});
     * runs no tool and takes no lock.
     */
    @Override
    protected DeploymentPlan planLaunch(ResolvedDeployment d) {
        support(settings.tool().generation(), engine.unsupportedKeys()).check(d.resolved());
        EngineLogDrivers.check(engine, d.resolved().services());
        return new ComposePlanner(engine.calls(), settings, d.name(), d.resolved()).plan();
    }

    /** One writer per deployment, whatever process or host it runs in ({@link DeploymentLock}). */
    private <T> T locked(String deployment, String action, Supplier<T> work) {
        return DeploymentLock.holding(engine, deployment, action, lockTimeout, work);
    }

    /**
     * What the Compose tool's generation cannot honour (v1's schema lacks a few keys v2 has), and what the engine
     * lacks ({@code engineLacks}, e.g. from {@link io.slipway.engine.DockerEngine#unsupportedKeys()}).
     */
    static KeySupport support(ComposeTool.Generation generation, Map<String, String> engineLacks) {
        Map<String, String> unsupported = new LinkedHashMap<>(engineLacks);
        if (generation == ComposeTool.Generation.V1) {
            String v2 = "; use Compose v2 (binary=docker), or drop it";
            unsupported.put("cgroup", "docker-compose v1 has no 'cgroup' key" + v2);
            unsupported.put("healthcheck.start_interval", "docker-compose v1 has no 'start_interval'" + v2);
            unsupported.put("volumes.bind.create_host_path", "docker-compose v1 has no 'bind.create_host_path'" + v2);
            unsupported.put("volumes.bind.selinux", "docker-compose v1 has no 'bind.selinux'" + v2);
            unsupported.put("volumes.tmpfs.mode", "docker-compose v1 has no 'tmpfs.mode'" + v2);
        }
        return KeySupport.of(ComposeProvider.NAME, unsupported);
    }

    /** The deployment's containers, read from Compose's labels through the engine. */
    @Override
    public DeploymentStatus status(String deployment) {
        DeploymentNames.requireValid(deployment);
        List<DeploymentStatus.ServiceStatus> services = new ArrayList<>();
        for (Container c : new ComposeProject(engine.calls(), ProjectNames.of(deployment)).containers()) {
            InspectContainerResponse r;
            try {
                r = engine.calls().inspectContainerCmd(c.getId()).exec();
            } catch (NotFoundException e) {
                continue;
            }
            InspectContainerResponse.ContainerState s = r.getState();
            String state = s.getStatus();
            boolean ended = "exited".equals(state) || "dead".equals(state);
            services.add(new DeploymentStatus.ServiceStatus(c.getLabels().get(ComposeProject.SERVICE), c.getId(),
                    ComposeProject.containerName(c), state,
                    ended && s.getExitCodeLong() != null ? s.getExitCodeLong().intValue() : null,
                    s.getHealth() == null ? null : s.getHealth().getStatus(),
                    c.getLabels().get(ComposeProject.CONFIG_HASH)));
        }
        services.sort(DeploymentStatus.ServiceStatus.ORDER);
        LOG.debug("Status of '{}' read with {}: {} containers", deployment, settings.tool().displayName(), services.size());
        return new DeploymentStatus(deployment, backend(), services);
    }

    /**
     * Runs {@code down --remove-orphans} (with {@code -v} when {@code remove-volumes=true}) on the files of
     * the last apply, removes through the engine whatever is still labelled with the project (all of it
     * when those files are gone or {@code down} failed), then the files.
     */
    @Override
    public int delete(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "delete", () -> new ComposeDown(engine, runner, settings, deployment).run());
    }

    /**
     * Compose's {@code stop} on the files of the last apply; whatever still runs afterwards (or everything, when
     * those files are gone or the tool failed) is stopped through the engine.
     */
    @Override
    public int suspend(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "suspend",
                () -> new ComposeStopStart(engine, runner, settings, deployment).suspend());
    }

    /**
     * Compose's {@code start} of the long-running services with stopped containers (never a one-shot task that
     * already ran); whatever is still stopped afterwards is started through the engine.
     */
    @Override
    public int resume(String deployment) {
        DeploymentNames.requireValid(deployment);
        return locked(deployment, "resume",
                () -> new ComposeStopStart(engine, runner, settings, deployment).resume());
    }

    @Override
    public void close() {
        runner.close();
        engine.close();
    }

    @Override
    public String toString() {
        return "ComposeLauncher[" + settings.tool().describe() + "]";
    }
}
