package io.slipway.swarm;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.util.List;

/**
 * The {@code swarm} backend: deploys a spec as Docker Swarm services, as {@code docker stack deploy} does. The
 * target is a swarm manager's Engine API address ({@code unix:///...}, {@code tcp://host:2376}); without one,
 * {@code DOCKER_HOST}, then the local socket. The engine must be a swarm manager.
 */
public final class SwarmProvider implements LauncherProvider {

    /** The provider name. */
    public static final String NAME = "swarm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Docker Swarm services through a manager's Engine API (docker stack deploy's mapping)";
    }

    @Override
    public List<LauncherOption<?>> options() {
        return SwarmOptions.ALL;
    }

    @Override
    public boolean acceptsTarget() {
        return true;
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new SwarmLauncher(config, System.getenv());
    }
}
