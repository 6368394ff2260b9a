package io.slipway.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.TaskState;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.Labels;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The swarm manager a launcher talks to, and where the host-mode ports its tasks publish answer.
 *
 * @param engine the manager's Engine API connection
 * @param probeHost the host published ports are probed on: the engine's TCP host, else loopback
 * @param monitor the {@code monitor} option when it was given, else null (the swarm's default)
 */
record SwarmContext(DockerEngine engine, String probeHost, java.time.Duration monitor) {

    /** Task states in which a node may still run the task's container. */
    private static final Set<TaskState> LIVE = EnumSet.of(TaskState.ASSIGNED, TaskState.ACCEPTED, TaskState.PREPARING,
            TaskState.READY, TaskState.STARTING, TaskState.RUNNING);

    static SwarmContext of(DockerEngine engine, java.time.Duration monitor) {
        String host = "127.0.0.1";
        if (engine.host().startsWith("tcp://")) {
            String h = URI.create(engine.host()).getHost();
            host = h == null ? host : h;
        }
        return new SwarmContext(engine, host, monitor);
    }

    /** The labels that mark what a deployment owns on this backend. */
    static Map<String, String> owned(String deployment) {
        return Map.of(Labels.DEPLOYMENT, deployment, Labels.BACKEND, SwarmProvider.NAME);
    }

    /**
     * Waits, at most {@code timeout} in all, until no task of {@code services} (removed) has a container left: a
     * removed service is gone for the caller only then, and only then are its networks free. The swarm agent stops
     * a removed service's running tasks itself (with their stop signal and grace period), but it removes their
     * containers only seconds later; a container that is no longer running is garbage once its service is gone,
     * so it is removed here at once (its logs go with it, as they would with the agent). On other nodes only the
     * stop is waited for (this engine cannot remove their containers; their agents do).
     */
    static void awaitNoContainers(DockerClient docker, List<Service> services, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Service s : services) {
            while (System.nanoTime() < deadline) {
                List<Container> left = docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of("com.docker.swarm.service.id", s.getId())).exec();
                if (left.isEmpty()) {
                    break;
                }
                boolean waiting = false;
                for (Container c : left) {
                    if ("running".equals(c.getState()) || "restarting".equals(c.getState())) {
                        waiting = true;
                        continue;
                    }
                    try {
                        docker.removeContainerCmd(c.getId()).exec();
                    } catch (NotFoundException e) {
                        // the agent took it meanwhile
                    } catch (ConflictException e) {
                        waiting = true; // the agent is removing it now
                    }
                }
                if (waiting) {
                    SwarmNetworks.pause();
                }
            }
        }
        // Tasks on other nodes: their containers are out of this engine's sight, but the manager lists a removed
        // service's tasks until their node has stopped them.
        Set<String> ids = services.stream().map(Service::getId).collect(Collectors.toSet());
        while (System.nanoTime() < deadline && docker.listTasksCmd().exec().stream().anyMatch(t -> ids.contains(
                t.getServiceId()) && t.getStatus() != null && LIVE.contains(t.getStatus().getState()))) {
            SwarmNetworks.pause();
        }
    }

    /** The deployment's swarm services. */
    static List<Service> services(DockerClient docker, String deployment) {
        return docker.listServicesCmd().withLabelFilter(owned(deployment)).exec();
    }

    /** A node's hostname, else its id ({@code unscheduled} for none). */
    static String nodeName(DockerClient docker, String id) {
        if (id == null) {
            return "unscheduled";
        }
        try {
            return docker.listSwarmNodesCmd().withIdFilter(List.of(id)).exec().stream()
                    .filter(n -> n.getDescription() != null && n.getDescription().getHostname() != null)
                    .map(n -> n.getDescription().getHostname()).findFirst().orElse(id);
        } catch (RuntimeException e) {
            return id;
        }
    }
}
