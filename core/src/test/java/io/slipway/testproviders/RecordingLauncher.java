package io.slipway.testproviders;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spi.LauncherConfig;
import java.util.List;
import java.util.Map;

/** A trivial launcher that only remembers the config it was created with. */
public final class RecordingLauncher implements ContainerLauncher {

    private final String backend;
    private final LauncherConfig config;

    public RecordingLauncher(String backend, LauncherConfig config) {
        this.backend = backend;
        this.config = config;
    }

    /** The config the provider received. */
    public LauncherConfig config() {
        return config;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs) {
        return LaunchResult.of(deployment, backend, List.of(), Map.of());
    }

    @Override
    public DeploymentStatus status(String deployment) {
        return new DeploymentStatus(deployment, backend, List.of());
    }

    @Override
    public int delete(String deployment) {
        return 0;
    }

    @Override
    public void close() {
    }
}
