package io.slipway.atomic;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.util.List;

/**
 * The {@code atomic} backend: Project Atomic's pattern on a host that has nothing but a container engine.
 * One privileged agent container carries the tools (a docker CLI); every service is launched through it,
 * by its image's atomic labels ({@code INSTALL}, {@code RUN}, {@code STOP}, {@code UNINSTALL}) when it has
 * them, else by atomic's default run with the service's Compose definition. The target is the engine
 * address, as for docker-run. Requires {@code privileged-agent=true} and an {@code agent-image}.
 */
public final class AtomicProvider implements LauncherProvider {

    /** The provider name. */
    public static final String NAME = "atomic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Project Atomic's image labels (INSTALL, RUN, STOP, UNINSTALL) run by a privileged agent container";
    }

    @Override
    public List<LauncherOption<?>> options() {
        return AtomicOptions.ALL;
    }

    @Override
    public boolean acceptsTarget() {
        return true;
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new AtomicLauncher(config, System.getenv());
    }
}
