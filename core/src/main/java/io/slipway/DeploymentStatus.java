package io.slipway;

import java.util.List;
import java.util.Objects;

/**
 * What a deployment owns now, as the backend reports it.
 *
 * @param deployment the deployment's name
 * @param backend the backend asked
 * @param services one entry per container the deployment owns (empty: nothing deployed)
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
     * One container of a deployment.
     *
     * @param service the service's name
     * @param containerId the container's id
     * @param containerName the container's name
     * @param state the engine's state, e.g. {@code running}, {@code exited}
     * @param exitCode the exit code when exited, else null
     * @param health the health state, or null without a healthcheck
     * @param configHash the hash of the service config it was created from
     */
    public record ServiceStatus(String service, String containerId, String containerName, String state,
            Integer exitCode, String health, String configHash) {
    }
}
