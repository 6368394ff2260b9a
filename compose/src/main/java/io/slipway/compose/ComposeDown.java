package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.ImageBuilder;
import io.slipway.spec.ProjectNames;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code delete}: {@code down} on the files of the last apply (their variables again in the tool's
 * environment, since {@code down} reads and interpolates the compose file too), then a sweep through the
 * engine of anything still labelled with the project, then the files.
 */
final class ComposeDown {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeDown.class);

    private final ToolRunner runner;
    private final ComposeSettings settings;
    private final String deployment;
    private final ComposeProject project;
    private final DockerClient docker;

    ComposeDown(DockerEngine engine, ToolRunner runner, ComposeSettings settings, String deployment) {
        this.runner = runner;
        this.settings = settings;
        this.deployment = deployment;
        this.project = new ComposeProject(engine.calls(), ProjectNames.of(deployment));
        this.docker = engine.calls();
    }

    /** Removes the deployment; returns how many containers it had. */
    int run() {
        List<Container> containers = project.containers();
        boolean owns = !containers.isEmpty() || !project.networks().isEmpty()
                || (settings.removeVolumes() && !project.volumes().isEmpty());
        WorkDir work = settings.workDir();
        if (owns && Files.isRegularFile(work.composeFile(deployment))) {
            down(containers);
        } else if (owns) {
            LOG.info("No compose file of deployment '{}' in {}: removing Compose project '{}' through the engine",
                    deployment, work.dir(deployment), project.name());
        }
        int swept = project.sweep(settings.removeVolumes());
        if (swept > 0) {
            LOG.debug("Removed {} objects of Compose project '{}' through the engine", swept, project.name());
        }
        work.remove(deployment);
        ImageBuilder.removeBuilt(docker, deployment, ComposeProvider.NAME);
        LOG.debug("Deleted deployment '{}': {} containers", deployment, containers.size());
        return containers.size();
    }

    private void down(List<Container> containers) {
        LastApply last = LastApply.read(settings, deployment, containers);
        String failure = last.run(runner, last.command(project.name()).down(settings.removeVolumes()));
        if (failure != null) {
            LOG.warn("{}; removing what is left through the engine", failure);
        }
    }
}
