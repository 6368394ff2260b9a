package io.slipway.dockerrun;

import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;

/** The names of a deployment's containers, shared by the backends that name containers themselves. */
public final class ContainerNames {

    private ContainerNames() {
    }

    /** The container of {@code service}: its {@code container_name}, else {@code <deployment>-<service>}. */
    public static String of(String deployment, ServiceSpec service) {
        return service.containerName() != null ? service.containerName() : deployment + "-" + service.name();
    }

    /**
     * A namespace mode ({@code network_mode}, {@code ipc}) as the engine takes it: {@code service:NAME} becomes
     * {@code container:<NAME's container>}; anything else, null included, stays as it is.
     */
    public static String namespace(String mode, String deployment, ResolvedSpec spec) {
        if (mode == null || !mode.startsWith("service:")) {
            return mode;
        }
        String name = mode.substring("service:".length());
        ServiceSpec other = spec == null ? null : spec.service(name);
        return "container:" + (other != null ? of(deployment, other) : deployment + "-" + name);
    }
}
