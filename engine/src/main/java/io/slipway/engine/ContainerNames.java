package io.slipway.engine;

import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.HashMap;
import java.util.Map;

/** The names of a deployment's containers, shared by the backends that name containers themselves. */
public final class ContainerNames {

    private ContainerNames() {
    }

    /**
     * The container of {@code service} (of its replica 1, when it has several): its {@code container_name}, else
     * {@code <deployment>-<service>} ({@code -1} added when the replica count is not 1).
     */
    public static String of(String deployment, ServiceSpec service) {
        return of(deployment, service, 1);
    }

    /**
     * The container of replica {@code replica} (from 1) of {@code service}: {@code <deployment>-<service>} when the
     * service has one (its {@code container_name}, if set), else {@code <deployment>-<service>-<replica>}, as Compose
     * numbers them. A service of one replica keeps the name it always had; scaling to several renames it.
     */
    public static String of(String deployment, ServiceSpec service, int replica) {
        if (service.containerName() != null) {
            return service.containerName(); // only ever one replica (the spec reader refuses more)
        }
        String base = deployment + "-" + service.name();
        return service.replicas() == 1 ? base : base + "-" + replica;
    }

    /**
     * Fails when two containers of {@code spec} would have the same name: a service {@code web-2} next to
     * {@code web} with 2 replicas, or a {@code container_name} that is another service's default.
     *
     * @throws SpecException at the second service
     */
    public static void checkUnique(String deployment, ResolvedSpec spec) {
        Map<String, String> owner = new HashMap<>();
        for (ServiceSpec s : spec.services()) {
            for (int n = 1; n <= Math.max(1, s.replicas()); n++) {
                String name = of(deployment, s, n);
                String other = owner.putIfAbsent(name, s.name());
                if (other != null && !other.equals(s.name())) {
                    throw new SpecException("services." + s.name(), "its container name '" + name + "' is that of a "
                            + "container of service '" + other + "' too; rename a service or set container_name");
                }
            }
        }
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
