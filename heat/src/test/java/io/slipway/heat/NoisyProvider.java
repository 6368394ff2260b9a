package io.slipway.heat;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Variables;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.OutputDeclaration;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test backend ({@code noisy-test}) that prints to System.out on every call, as a careless library or tool
 * might, and reports every service SUCCEEDED with its resolved environment (masked) as the reason: the hook must
 * keep stdout clean anyway. Remembers what it was asked, for assertions.
 */
public final class NoisyProvider implements LauncherProvider {

    /** The calls made, e.g. {@code apply d}, {@code suspend d}, in order. */
    static final List<String> CALLS = new ArrayList<>();

    @Override
    public String name() {
        return "noisy-test";
    }

    @Override
    public String description() {
        return "test backend that prints to System.out";
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        System.out.println("noisy-test: opened");
        return new ContainerLauncher() {
            @Override
            public String backend() {
                return "noisy-test";
            }

            @Override
            public LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs) {
                System.out.println("noisy-test: a0b1c2d3e4f5 (a container id)");
                CALLS.add("apply " + deployment);
                ResolvedSpec r = spec.resolve(inputs);
                Variables v = r.variables();
                List<ServiceResult> services = new ArrayList<>();
                for (ServiceSpec s : r.services()) {
                    services.add(new ServiceResult(s.name(), Outcome.SUCCEEDED, "id-" + s.name(), deployment + "-" + s.name(),
                            s.oneshot() ? 0 : null, v.mask(String.valueOf(s.environment())), "", Duration.ofMillis(1), true));
                }
                Map<String, Object> outputs = new LinkedHashMap<>();
                for (OutputDeclaration o : r.outputs().values()) {
                    outputs.put(o.name(), o.value() == OutputDeclaration.Value.CONTAINER_NAME ? deployment + "-" + o.service() : 0);
                }
                return LaunchResult.of(deployment, "noisy-test", services, outputs);
            }

            @Override
            public DeploymentStatus status(String deployment) {
                return new DeploymentStatus(deployment, "noisy-test", List.of());
            }

            @Override
            public int delete(String deployment) {
                System.out.println("noisy-test: deleting");
                CALLS.add("delete " + deployment);
                return 1;
            }

            @Override
            public int suspend(String deployment) {
                CALLS.add("suspend " + deployment);
                return 2;
            }

            @Override
            public int resume(String deployment) {
                CALLS.add("resume " + deployment);
                return 2;
            }

            @Override
            public void close() {
                System.out.println("noisy-test: closed");
            }
        };
    }
}
