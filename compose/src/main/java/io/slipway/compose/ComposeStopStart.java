package io.slipway.compose;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.Labels;
import io.slipway.spec.ProjectNames;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code suspend} and {@code resume} of one deployment: Compose's own {@code stop} and {@code start} on the
 * files of the last apply (so stop order and grace periods are Compose's), then the engine for anything the
 * tool left (or all of it when those files are gone or the tool failed). {@code start} names only the
 * long-running services: a one-shot task that already ran is not run again.
 */
final class ComposeStopStart {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeStopStart.class);

    private final DockerEngine engine;
    private final ToolRunner runner;
    private final ComposeSettings settings;
    private final String deployment;
    private final ComposeProject project;

    ComposeStopStart(DockerEngine engine, ToolRunner runner, ComposeSettings settings, String deployment) {
        this.engine = engine;
        this.runner = runner;
        this.settings = settings;
        this.deployment = deployment;
        this.project = new ComposeProject(engine.calls(), ProjectNames.of(deployment));
    }

    /** Stops the running containers; returns how many were running. */
    int suspend() {
        List<Container> containers = project.containers();
        List<Container> running = containers.stream().filter(ComposeStopStart::running).toList();
        if (running.isEmpty()) {
            return 0;
        }
        LastApply last = LastApply.read(settings, deployment, containers);
        if (last.hasComposeFile()) {
            String failure = last.run(runner, last.command(project.name()).stop());
            if (failure != null) {
                LOG.warn("{}; stopping what still runs through the engine", failure);
            }
        }
        for (Container c : stillMatching(running, ComposeStopStart::running)) {
            try {
                engine.calls().stopContainerCmd(c.getId()).exec();
            } catch (NotFoundException | NotModifiedException e) {
                // gone or stopped meanwhile
            }
        }
        LOG.debug("Suspended deployment '{}': {} containers stopped", deployment, running.size());
        return running.size();
    }

    /** Starts the stopped containers of long-running services; returns how many. */
    int resume() {
        List<Container> containers = project.containers();
        List<Container> stopped = containers.stream()
                .filter(c -> !running(c) && !"true".equals(c.getLabels().get(Labels.ONESHOT))).toList();
        if (stopped.isEmpty()) {
            return 0;
        }
        LastApply last = LastApply.read(settings, deployment, containers);
        if (last.hasComposeFile()) {
            List<String> services = stopped.stream().map(c -> c.getLabels().get(ComposeProject.SERVICE)).distinct().toList();
            String failure = last.run(runner, last.command(project.name()).start(services));
            if (failure != null) {
                LOG.warn("{}; starting what is left through the engine", failure);
            }
        }
        for (Container c : stillMatching(stopped, c -> !running(c))) {
            try {
                engine.calls().startContainerCmd(c.getId()).exec();
            } catch (NotFoundException | NotModifiedException e) {
                // gone or started meanwhile
            }
        }
        LOG.debug("Resumed deployment '{}': {} containers started", deployment, stopped.size());
        return stopped.size();
    }

    /** Those of {@code before} that are still there and match {@code test} now. */
    private List<Container> stillMatching(List<Container> before, Predicate<Container> test) {
        List<String> ids = before.stream().map(Container::getId).toList();
        return project.containers().stream().filter(c -> ids.contains(c.getId())).filter(test).toList();
    }

    private static boolean running(Container c) {
        return "running".equals(c.getState());
    }
}
