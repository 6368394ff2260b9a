package io.slipway.dockerrun;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.util.List;

/**
 * The {@code docker-run} backend (alias {@code docker}): launches services through the Docker Engine API
 * with {@code docker run} semantics. The target is the engine address ({@code unix:///...},
 * {@code tcp://host:2376}); without one, as the docker CLI finds it (context option, {@code DOCKER_HOST},
 * {@code DOCKER_CONTEXT}, the CLI's current context, the local socket: {@link io.slipway.engine.EngineEndpoint}).
 */
public final class DockerRunProvider implements LauncherProvider {

    /** The provider name. */
    public static final String NAME = "docker-run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("docker");
    }

    @Override
    public String description() {
        return "Docker Engine API (docker-java), docker run semantics";
    }

    @Override
    public List<LauncherOption<?>> options() {
        return DockerRunOptions.ALL;
    }

    @Override
    public boolean acceptsTarget() {
        return true;
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new DockerRunLauncher(config, System.getenv());
    }
}
