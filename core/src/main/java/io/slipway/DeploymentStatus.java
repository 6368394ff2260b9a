package io.slipway;

import java.util.List;
import java.util.Objects;

/**
 * What a deployment owns now, as the backend reports it.
 *
 * @param deployment the deployment's name
 * @param backend the backend asked
 * @param services one entry per container the deployment owns (every replica of a replicated service, in
 *        {@link ServiceStatus#ORDER}), and per service it tracks without a container
 *        (an atomic install-only service: state {@value ServiceStatus#INSTALLED}); empty: nothing deployed
 */
public record DeploymentStatus(String deployment, String backend, List<ServiceStatus> services) {

    public DeploymentStatus {
        Objects.requireNonNull(deployment, "deployment");
        services = List.copyOf(services);
    }

    /** Whether the deployment owns anything. */
    public boolean exists() {
        return !services.isEmpty();
    }

    /**
     * One container of a deployment, or one service without a container.
     *
     * @param service the service's name
     * @param containerId the container's id, or null for a service without a container
     * @param containerName the container's name, or null for a service without a container
     * @param state the engine's state, e.g. {@code running}, {@code exited}, or {@value #INSTALLED}
     * @param exitCode the exit code when exited, else null
     * @param health the health state, or null without a healthcheck
     * @param configHash the hash of the service config it was created from
     */
    public record ServiceStatus(String service, String containerId, String containerName, String state,
            Integer exitCode, String health, String configHash) {

        /** The state of a service that was installed and runs no container (atomic's {@code run: false}). */
        public static final String INSTALLED = "installed";

        /**
         * The order {@code status} lists them in: by service, then by container name, a shorter name first, so that
         * replicas come in their number's order ({@code web-2} before {@code web-10}).
         */
        public static final java.util.Comparator<ServiceStatus> ORDER = java.util.Comparator
                .comparing(ServiceStatus::service, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(s -> s.containerName() == null ? 0 : s.containerName().length())
                .thenComparing(s -> s.containerName() == null ? "" : s.containerName());
    }
}
