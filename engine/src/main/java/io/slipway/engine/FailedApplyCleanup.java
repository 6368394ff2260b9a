package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code on-failure=remove}: what a failed apply created besides containers (networks, named volumes) goes
 * too, once no container uses it. Only what this apply created is touched: a volume an earlier apply made may hold
 * data, so it stays, as do networks and volumes still in use by services that succeeded.
 */
public final class FailedApplyCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(FailedApplyCleanup.class);

    private final DockerClient docker;
    private final List<String> labels;
    private final Set<String> networksBefore;
    private final Set<String> volumesBefore;
    private final String keptVolumeLabel;

    /**
     * Notes the networks and volumes that carry {@code labels} before the apply.
     *
     * @param labels the labels (name to value) that mark what the deployment owns
     */
    public FailedApplyCleanup(DockerClient docker, Map<String, String> labels) {
        this(docker, labels, null);
    }

    /**
     * As {@link #FailedApplyCleanup(DockerClient, Map)}, never removing a volume that carries label
     * {@code keptVolumeLabel} (a backend's own bookkeeping volumes, such as atomic's service records).
     */
    public FailedApplyCleanup(DockerClient docker, Map<String, String> labels, String keptVolumeLabel) {
        this.docker = docker;
        this.labels = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        this.keptVolumeLabel = keptVolumeLabel;
        networksBefore = networks().keySet();
        volumesBefore = volumes();
    }

    /** Removes the networks and volumes made since the constructor ran that nothing uses any more. */
    public void removeCreated() {
        try {
            removeCreatedNow();
        } catch (RuntimeException e) {
            // The engine stopped answering: the next apply or delete removes what is left.
            LOG.warn("Could not remove what the failed apply created: {}", DockerEngine.rootMessage(e));
        }
    }

    private void removeCreatedNow() {
        networks().forEach((id, name) -> {
            if (!networksBefore.contains(id)) {
                remove("network " + name, () -> docker.removeNetworkCmd(id).exec());
            }
        });
        for (String v : volumes()) {
            if (!volumesBefore.contains(v)) {
                remove("volume " + v, () -> docker.removeVolumeCmd(v).exec());
            }
        }
    }

    private Map<String, String> networks() {
        return docker.listNetworksCmd().withFilter("label", labels).exec().stream()
                .collect(Collectors.toMap(Network::getId, Network::getName));
    }

    private Set<String> volumes() {
        List<InspectVolumeResponse> v = docker.listVolumesCmd().withFilter("label", labels).exec().getVolumes();
        return v == null ? Set.of() : v.stream()
                .filter(i -> keptVolumeLabel == null || i.getLabels() == null || !i.getLabels().containsKey(keptVolumeLabel))
                .map(InspectVolumeResponse::getName).collect(Collectors.toSet());
    }

    private void remove(String what, Runnable removal) {
        try {
            removal.run();
            LOG.debug("Removed {} of a failed apply ({})", what, labels);
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            LOG.debug("Kept {} of a failed apply: still in use", what);
        } catch (DockerException e) {
            LOG.warn("Could not remove {} of a failed apply: {}", what, DockerEngine.rootMessage(e));
        }
    }
}
