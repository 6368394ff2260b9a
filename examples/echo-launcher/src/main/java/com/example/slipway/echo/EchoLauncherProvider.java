package com.example.slipway.echo;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code echo} backend (alias {@code dry-run}): the template for a third-party backend.
 *
 * <p>A backend is found by {@link java.util.ServiceLoader}: this class is named in
 * {@code META-INF/services/io.slipway.spi.LauncherProvider}, and {@link io.slipway.Launchers#open(String)}
 * selects it by {@link #name()} or an {@link #aliases() alias}. Its constructor does no I/O (the registry
 * instantiates every provider just to list them); {@link #create} opens a launcher. The core parses the
 * config string, rejects an option this provider does not declare in {@link #options()}, and types every
 * value before {@link #create} sees it, so a provider only reads {@code config.get(OPTION)}.
 *
 * <pre>{@code
 * Launchers.open("echo");                          // every service SUCCEEDED
 * Launchers.open("dry-run?fail-service=migrate");  // migrate FAILED with exit code 3
 * Launchers.open("echo?delay=2s");                 // each apply takes two seconds
 * }</pre>
 *
 * <p>A real backend reads what a deployment owns from its engine (labels); echo has no engine, so it
 * remembers applied deployments here, in memory, shared by every launcher this provider opens and lost
 * when the JVM exits.
 */
public final class EchoLauncherProvider implements LauncherProvider {

    /** The name that selects this backend. */
    public static final String NAME = "echo";

    /** A service to report as FAILED (exit code 3, "failed on request"), so tests can exercise failure paths. */
    public static final LauncherOption<String> FAIL_SERVICE = LauncherOption.string("fail-service", null,
            "name of a service to report as FAILED with exit code 3");

    /** How long an apply pauses before it reports, as if it were waiting for the services. */
    public static final LauncherOption<Duration> DELAY = LauncherOption.duration("delay", Duration.ZERO,
            "how long apply pauses before reporting, as if waiting for the services");

    private final ConcurrentMap<String, List<DeploymentStatus.ServiceStatus>> deployments = new ConcurrentHashMap<>();

    /** Called by {@link java.util.ServiceLoader}; does nothing else. */
    public EchoLauncherProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("dry-run");
    }

    @Override
    public String description() {
        return "launches nothing: validates and resolves the spec, then reports every service as succeeded"
                + " (an example third-party backend)";
    }

    @Override
    public List<LauncherOption<?>> options() {
        return List.of(FAIL_SERVICE, DELAY);
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new EchoLauncher(config.get(FAIL_SERVICE), config.get(DELAY), deployments);
    }
}
