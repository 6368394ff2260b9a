package io.slipway.heat;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherProvider;
import java.util.List;
import java.util.Map;

/** A test backend ({@code inert-test}) that implements only the required methods: no suspend, no resume. */
public final class InertProvider implements LauncherProvider {

    @Override
    public String name() {
        return "inert-test";
    }

    @Override
    public String description() {
        return "test backend without suspend and resume";
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new ContainerLauncher() {
            @Override
            public String backend() {
                return "inert-test";
            }

            @Override
            public LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs) {
                return LaunchResult.of(deployment, "inert-test", List.of(), Map.of());
            }

            @Override
            public DeploymentStatus status(String deployment) {
                return new DeploymentStatus(deployment, "inert-test", List.of());
            }

            @Override
            public int delete(String deployment) {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}
