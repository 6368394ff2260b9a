package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.slipway.SlipwayException;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping and uninstalling, as Atomic/backends/_docker.py does: {@code stop_container} runs the container's
 * STOP label, else an engine stop (here: the label, then an engine stop if it still runs); {@code uninstall}
 * stops and removes the container NAME, then runs the image's UNINSTALL label. Label commands run in the
 * agent, which is only brought up when one is needed.
 */
final class ServiceRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRemoval.class);

    /** The agent, bootstrapped on first use. */
    interface AgentSource {
        Agent get() throws InterruptedException;
    }

    private final DockerClient docker;
    private final AgentSource agent;
    private final AtomicSettings settings;
    private final ToolLog tool;

    ServiceRemoval(DockerClient docker, AgentSource agent, AtomicSettings settings, ToolLog tool) {
        this.docker = docker;
        this.agent = agent;
        this.settings = settings;
        this.tool = tool;
    }

    /** The container called {@code name}, or null. */
    static InspectContainerResponse inspect(DockerClient docker, String name) {
        try {
            return docker.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * Container NAME of {@code rec} when the deployment owns it (its record has the run command that started it, or it
     * carries the deployment's label), else null: a container of that name that is another's is never touched.
     */
    static InspectContainerResponse owned(DockerClient docker, ServiceRecord rec) {
        InspectContainerResponse c = inspect(docker, rec.name());
        Map<String, String> labels = c == null || c.getConfig() == null ? null : c.getConfig().getLabels();
        boolean ours = c != null && (rec.runHash() != null
                || (labels != null && rec.deployment().equals(labels.get(Labels.DEPLOYMENT))));
        return ours ? c : null;
    }

    /** Stops {@code c} (STOP label, then the engine) and removes it with its anonymous volumes. */
    void stopAndRemove(String service, InspectContainerResponse c, Substitution sub) throws InterruptedException {
        stop(service, c, sub);
        try {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (ConflictException e) {
            LOG.debug("Container {} is being removed already", c.getId());
        }
    }

    /**
     * Stops {@code c} if it runs: its STOP label (a label of the container, so of its image) in the agent, then an
     * engine stop if it still runs. A failed STOP label is in the tool log; the engine stop follows regardless.
     *
     * @return whether it was running
     */
    boolean stop(String service, InspectContainerResponse c, Substitution sub) throws InterruptedException {
        if (!Boolean.TRUE.equals(c.getState().getRunning())) {
            return false;
        }
        String stop = AtomicLabels.of(c.getConfig().getLabels()).stop();
        if (stop != null) {
            List<String> argv = LabelArgv.of(sub, stop);
            CommandResult r = agent.get().run(argv, sub.environment());
            tool.command(service, "STOP label", argv, r);
        }
        InspectContainerResponse now = inspect(docker, c.getId());
        if (now != null && Boolean.TRUE.equals(now.getState().getRunning())) {
            engineStop(service, c.getId());
        }
        return true;
    }

    /**
     * An engine stop by the agent's {@code docker stop}, which (without {@code -t}) lets the engine apply the
     * container's own grace period ({@code stop_grace_period}); docker-java would always send its 10 s. Without
     * a usable agent, the Engine API stops it with 10 s.
     */
    private void engineStop(String service, String id) throws InterruptedException {
        try {
            List<String> argv = List.of("docker", "stop", id);
            CommandResult r = agent.get().run(argv, Map.of());
            tool.command(service, "stop", argv, r);
            if (r.ok()) {
                return;
            }
        } catch (SlipwayException | DockerException e) {
            LOG.warn("Stopping container {} through the agent failed ({}); stopping it through the Engine API", id,
                    DockerEngine.rootMessage(e));
        }
        try {
            docker.stopContainerCmd(id).withTimeout(10).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // stopped or removed meanwhile
        }
    }

    /**
     * Uninstalls a recorded service: stops and removes its container, runs the image's UNINSTALL label (unless
     * the service was applied with {@code install: false}), and forgets it. A failed UNINSTALL keeps the record,
     * so that a later delete runs it again.
     *
     * @param failures where a failure is described (one entry per service)
     * @return how many containers were removed
     */
    int uninstall(ServiceRecord rec, List<String> failures) throws InterruptedException {
        Substitution sub = substitution(rec);
        int removed = 0;
        InspectContainerResponse c = owned(docker, rec);
        if (c != null) {
            stopAndRemove(rec.service(), c, sub);
            removed++;
        }
        String uninstall = rec.install() ? imageLabels(rec).uninstall() : null;
        if (uninstall != null) {
            List<String> argv = LabelArgv.of(sub, uninstall);
            CommandResult r = agent.get().run(argv, sub.environment());
            tool.command(rec.service(), "UNINSTALL label", argv, r);
            if (!r.ok()) {
                failures.add("service '" + rec.service() + "': " + LabelArgv.failed("the UNINSTALL label command", r)
                        + "; its record " + ServiceRecord.volumeName(rec.deployment(), rec.service())
                        + " is kept so that delete runs it again");
                return removed;
            }
        }
        ServiceRecord.remove(docker, rec.deployment(), rec.service());
        LOG.debug("Uninstalled service '{}' of '{}' ({})", rec.service(), rec.deployment(), rec.name());
        return removed;
    }

    /** The variables the service's label commands had, from its record. */
    Substitution substitution(ServiceRecord rec) {
        Map<String, Substitution.Value> recorded = rec.optionValues();
        List<Substitution.Value> opts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            opts.add(recorded.get("OPT" + i));
        }
        return Substitution.forService(rec.name(), rec.image(), new ServiceOptions(rec.install(), true, false, opts),
                rec.pwd() == null ? "/" : rec.pwd(), settings.host(), settings.compat2015());
    }

    /** The labels of the image the service was applied with (by id; else by reference), or none. */
    private AtomicLabels imageLabels(ServiceRecord rec) {
        for (String ref : new String[] {rec.imageId(), rec.image()}) {
            if (ref == null) {
                continue;
            }
            try {
                return AtomicLabels.of(docker.inspectImageCmd(ref).exec().getConfig().getLabels());
            } catch (NotFoundException e) {
                // try the next
            }
        }
        LOG.warn("Image {} of service '{}' is gone: its UNINSTALL label, if any, cannot run", rec.image(), rec.service());
        return AtomicLabels.NONE;
    }
}
