package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code on-failure=remove}: what a failed apply created besides containers (networks, named volumes) goes
 * too, once no container of the deployment uses it. Only what this apply created is touched: a volume an earlier
 * apply made may hold data, so it stays, as do networks and volumes still in use by services that succeeded.
 */
final class FailedApplyCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(FailedApplyCleanup.class);

    private final DockerClient docker;
    private final String deployment;
    private final String backend;
    private final Set<String> networksBefore = new HashSet<>();
    private final Set<String> volumesBefore;

    /** Notes the networks and volumes the deployment has before the apply. */
    FailedApplyCleanup(DockerClient docker, String deployment, String backend) {
        this.docker = docker;
        this.deployment = deployment;
        this.backend = backend;
        DeploymentNetworks.owned(docker, deployment, backend).forEach(n -> networksBefore.add(n.getId()));
        volumesBefore = DeploymentVolumes.owned(docker, deployment, backend);
    }

    /** Removes the networks and volumes made since the constructor ran that nothing uses any more. */
    void removeCreated() {
        for (Network n : DeploymentNetworks.owned(docker, deployment, backend)) {
            if (!networksBefore.contains(n.getId())) {
                remove("network " + n.getName(), () -> docker.removeNetworkCmd(n.getId()).exec());
            }
        }
        for (String v : DeploymentVolumes.owned(docker, deployment, backend)) {
            if (!volumesBefore.contains(v)) {
                remove("volume " + v, () -> docker.removeVolumeCmd(v).exec());
            }
        }
    }

    private void remove(String what, Runnable removal) {
        try {
            removal.run();
            LOG.debug("Removed {} of failed apply of '{}'", what, deployment);
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            LOG.debug("Kept {} of '{}': still in use", what, deployment);
        } catch (DockerException e) {
            LOG.warn("Could not remove {} of failed apply of '{}': {}", what, deployment, DockerEngine.rootMessage(e));
        }
    }
}
