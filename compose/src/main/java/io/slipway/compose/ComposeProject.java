package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Compose project owns on the engine, found by the labels Compose puts on everything it creates
 * ({@code com.docker.compose.project}, {@code .service}): the same in v1 and v2, unlike container names
 * ({@code p_web_1} against {@code p-web-1}) or {@code ps} output, which Slipway therefore never parses.
 */
final class ComposeProject {

    static final String PROJECT = "com.docker.compose.project";
    static final String SERVICE = "com.docker.compose.service";
    static final String ONEOFF = "com.docker.compose.oneoff";
    static final String NUMBER = "com.docker.compose.container-number";
    static final String CONFIG_HASH = "com.docker.compose.config-hash";

    private static final Logger LOG = LoggerFactory.getLogger(ComposeProject.class);

    private final DockerClient docker;
    private final String name;

    ComposeProject(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
    }

    /** The project's name. */
    String name() {
        return name;
    }

    /** Every container of the project, running or not, one-off ({@code run}) containers included. */
    List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(PROJECT, name)).exec();
    }

    /**
     * The containers of each service ({@code run} containers left out), by service name, in the order of their
     * number ({@code com.docker.compose.container-number}): one per replica.
     */
    Map<String, List<Container>> byService() {
        Map<String, List<Container>> out = new LinkedHashMap<>();
        containers().stream()
                .filter(c -> !"true".equalsIgnoreCase(c.getLabels().get(ONEOFF)))
                .sorted(Comparator.comparingInt(ComposeProject::number)
                        .thenComparing(Container::getCreated, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(c -> out.computeIfAbsent(c.getLabels().getOrDefault(SERVICE, ""), k -> new ArrayList<>()).add(c));
        return out;
    }

    /** The container's name without the leading slash the API gives it. */
    static String containerName(Container c) {
        String[] names = c.getNames();
        return names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
    }

    /** The container's replica number, as Compose labels it (0 when unlabelled). */
    static int number(Container c) {
        try {
            return Integer.parseInt(c.getLabels().getOrDefault(NUMBER, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The networks Compose created for the project. */
    List<Network> networks() {
        return docker.listNetworksCmd().withFilter("label", List.of(PROJECT + "=" + name)).exec();
    }

    /** The volumes Compose created for the project. */
    List<InspectVolumeResponse> volumes() {
        List<InspectVolumeResponse> v = docker.listVolumesCmd().withFilter("label", List.of(PROJECT + "=" + name))
                .exec().getVolumes();
        return v == null ? List.of() : v;
    }

    /** Removes a container, running or not, with its anonymous volumes; one already gone is fine. */
    void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            LOG.debug("Container {} is being removed already", containerId);
        }
    }

    /**
     * Removes whatever of the project is still there, through the engine: after {@code down}, or instead
     * of it when the compose file is gone or {@code down} failed.
     *
     * @param volumes whether to remove the project's volumes too
     * @return how many objects were removed
     */
    int sweep(boolean volumes) {
        int n = 0;
        for (Container c : containers()) {
            remove(c.getId());
            n++;
        }
        for (Network net : networks()) {
            try {
                docker.removeNetworkCmd(net.getId()).exec();
                n++;
            } catch (NotFoundException e) {
                // already gone
            }
        }
        if (volumes) {
            for (InspectVolumeResponse v : volumes()) {
                try {
                    docker.removeVolumeCmd(v.getName()).exec();
                    n++;
                } catch (NotFoundException e) {
                    // already gone
                }
            }
        }
        return n;
    }
}
