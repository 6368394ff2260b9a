package io.slipway.compose;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.util.List;

/**
 * The {@code compose} backend (alias {@code docker-compose}): runs a spec with the real Compose tool, v2
 * ({@code docker compose}) or v1 ({@code docker-compose}), and waits through the Engine API. The target is
 * the engine address ({@code unix:///...}, {@code tcp://host:2376}), given to the tool as {@code DOCKER_HOST};
 * without one, as the docker CLI finds it (context option, {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the CLI's
 * current context, the local socket: {@link io.slipway.engine.EngineEndpoint}).
 */
public final class ComposeProvider implements LauncherProvider {

    /** The provider name. */
    public static final String NAME = "compose";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("docker-compose");
    }

    @Override
    public String description() {
        return "the Compose tool (docker compose v2 or docker-compose v1) through commons-exec; waits through the Engine API";
    }

    @Override
    public List<LauncherOption<?>> options() {
        return ComposeOptions.ALL;
    }

    @Override
    public boolean acceptsTarget() {
        return true;
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new ComposeLauncher(config, System.getenv());
    }
}
