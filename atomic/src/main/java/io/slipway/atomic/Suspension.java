package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.slipway.engine.Labels;
import io.slipway.inputs.Variables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code suspend} and {@code resume} of an atomic deployment. Suspend stops each running container as
 * {@code atomic stop} does (Atomic/backends/_docker.py {@code stop_container}): the STOP label in the agent, then
 * an engine stop; containers and records stay. Resume starts the stopped containers of long-running services
 * through the Engine API: no label runs, so INSTALL and RUN are not run again, and a one-shot task (by its record)
 * never runs twice. The agent is made ready only when a container is running to be stopped (as {@code delete}
 * does), never stopped or started by these; resume does not use it at all.
 */
final class Suspension {

    private static final Logger LOG = LoggerFactory.getLogger(Suspension.class);

    private final DockerClient docker;
    private final ServiceRemoval.AgentSource agent;
    private final AtomicSettings settings;

    Suspension(DockerClient docker, ServiceRemoval.AgentSource agent, AtomicSettings settings) {
        this.docker = docker;
        this.agent = agent;
        this.settings = settings;
    }

    /**
     * Stops the deployment's running containers: those of its records (container NAME) and those carrying its
     * label without a record, at the same time (each may take its grace period).
     *
     * @return how many were running and were stopped
     */
    int suspend(String deployment) {
        ToolLog tool = new ToolLog(Variables.none());
        ServiceRemoval removal = new ServiceRemoval(docker, agent, settings, tool);
        List<Callable<Integer>> work = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        for (ServiceRecord r : ServiceRecord.list(docker, deployment)) {
            recorded.add("/" + r.name());
            work.add(() -> {
                InspectContainerResponse c = ServiceRemoval.owned(docker, r);
                return c != null && removal.stop(r.service(), c, removal.substitution(r)) ? 1 : 0;
            });
        }
        for (Container c : AtomicLauncher.labelled(docker, deployment)) {
            if (!recorded.contains(c.getNames()[0]) && "running".equals(c.getState())) {
                work.add(() -> {
                    InspectContainerResponse i = ServiceRemoval.inspect(docker, c.getId());
                    return i != null && removal.stop(c.getLabels().get(Labels.SERVICE), i, Substitution.forService(
                            i.getName().replaceFirst("^/", ""), c.getImage(), ServiceOptions.DEFAULTS, "/",
                            settings.host(), settings.compat2015())) ? 1 : 0;
                });
            }
        }
        int stopped = AtomicLauncher.sum("suspending", deployment, work);
        if (!tool.stdout().isEmpty() || !tool.stderr().isEmpty()) {
            LOG.info("Commands run in the agent to suspend '{}':\n{}{}", deployment, tool.stdout(), tool.stderr());
        }
        LOG.debug("Suspended deployment '{}': {} containers stopped", deployment, stopped);
        return stopped;
    }

    /**
     * Starts the stopped ({@code exited} or {@code created}) container NAME (and the other replicas) of every
     * recorded service that runs a container and is not a one-shot task. A container without its record (only a removed record leaves one) is
     * not started: whether it is a task is not known.
     *
     * @return how many were started
     */
    int resume(String deployment) {
        int started = 0;
        List<Container> labelled = AtomicLauncher.labelled(docker, deployment);
        for (ServiceRecord r : ServiceRecord.list(docker, deployment)) {
            if (r.oneshot() || r.runHash() == null) {
                continue; // a task that ran, or an install-only service (no container of ours)
            }
            // Container NAME, and every other replica of the service (the record names replica 1).
            Set<String> refs = new java.util.LinkedHashSet<>();
            refs.add(r.name());
            labelled.stream().filter(c -> r.service().equals(c.getLabels().get(Labels.SERVICE)))
                    .forEach(c -> refs.add(c.getNames()[0].replaceFirst("^/", "")));
            for (String ref : refs) {
                InspectContainerResponse c = ServiceRemoval.inspect(docker, ref);
                String status = c == null ? null : c.getState().getStatus();
                if (!"exited".equals(status) && !"created".equals(status)) {
                    continue;
                }
                try {
                    docker.startContainerCmd(c.getId()).exec();
                    started++;
                } catch (NotFoundException | NotModifiedException e) {
                    // removed or started meanwhile
                }
            }
        }
        LOG.debug("Resumed deployment '{}': {} containers started", deployment, started);
        return started;
    }
}
