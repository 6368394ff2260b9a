package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.slipway.spec.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Containers that hold a {@code container_name} of the spec but are not the project's (no
 * {@code com.docker.compose.project} label of this project): the tool would fail on the name halfway through
 * {@code up}, after creating networks and other services' containers, so the apply refuses before it runs, and such
 * a container is never touched, as on docker-run and atomic.
 */
final class ForeignContainers {

    private ForeignContainers() {
    }

    /**
     * Why each service whose {@code container_name} is taken by a container the project does not own cannot start,
     * by service name; empty when none is.
     */
    static Map<String, String> refusals(DockerClient docker, String project, String deployment,
            List<ServiceSpec> services) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ServiceSpec s : services) {
            String name = s.containerName();
            if (name == null) {
                continue;
            }
            // The engine's name filter matches parts of names; only the exact name counts.
            for (Container c : docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec()) {
                boolean same = ComposeProject.containerName(c).equals(name);
                boolean ours = c.getLabels() != null && project.equals(c.getLabels().get(ComposeProject.PROJECT));
                if (same && !ours) {
                    out.put(s.name(), "container name '" + name + "' is in use by a container deployment '" + deployment
                            + "' does not own (" + c.getId().substring(0, Math.min(12, c.getId().length()))
                            + "); it is left as it is: remove or rename it, or choose another container_name");
                }
            }
        }
        return out;
    }
}
