package io.slipway.compose;

import com.github.dockerjava.api.model.Container;
import io.slipway.SlipwayException;
import io.slipway.dockerrun.DockerEngine;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    ComposeDown(DockerEngine engine, ToolRunner runner, ComposeSettings settings, String deployment) {
        this.runner = runner;
        this.settings = settings;
        this.deployment = deployment;
        this.project = new ComposeProject(engine.calls(), ProjectNames.of(deployment));
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
        LOG.debug("Deleted deployment '{}': {} containers", deployment, containers.size());
        return containers.size();
    }

    private void down(List<Container> containers) {
        WorkDir work = settings.workDir();
        String envText = "";
        try {
            if (Files.isRegularFile(work.envFile(deployment))) {
                envText = Files.readString(work.envFile(deployment));
            }
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; running down without the inputs", work.envFile(deployment), e.getMessage());
        }
        Map<String, String> variables = EnvFileFormat.read(envText);
        Set<String> secrets = EnvFileFormat.secretNames(envText);
        Map<String, String> env;
        try {
            env = ToolEnvironment.withVariables(settings.baseEnv(), variables, settings.tool().displayName());
        } catch (InputException e) {
            // Not a file apply wrote (it refuses such names); down may still work without it.
            LOG.warn("{}; running down without the inputs", e.getMessage());
            env = settings.baseEnv();
        }
        Path projectDirectory = EnvFileFormat.projectDirectory(envText).orElseGet(() -> projectDirectory(containers));
        ToolCommand cmd = settings.command(deployment, project.name(), projectDirectory).down(settings.removeVolumes());
        try {
            ToolRun r = runner.run(cmd, env, work.dir(deployment), settings.timeout());
            if (!r.succeeded()) {
                LOG.warn("{}; removing what is left through the engine", mask(r.failure(), variables, secrets));
            }
        } catch (IOException e) {
            LOG.warn("Cannot run {}: {}; removing what is left through the engine", cmd.argv().get(0), e.getMessage());
        } catch (SlipwayException e) {
            LOG.warn("{}; removing what is left through the engine", mask(e.getMessage(), variables, secrets));
        }
    }

    /** The project directory of the last apply as Compose labelled its containers, else the work directory. */
    private Path projectDirectory(List<Container> containers) {
        return containers.stream().map(c -> c.getLabels().get("com.docker.compose.project.working_dir"))
                .filter(d -> d != null && !d.isBlank()).findFirst().map(Path::of)
                .orElse(settings.workDir().dir(deployment));
    }

    private static String mask(String text, Map<String, String> variables, Set<String> secrets) {
        String out = text;
        List<String> values = secrets.stream().map(variables::get).filter(v -> v != null && !v.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String v : values) {
            out = out.replace(v, Secret.MASK);
        }
        return out;
    }
}
