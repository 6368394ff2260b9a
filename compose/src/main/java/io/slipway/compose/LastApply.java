package io.slipway.compose;

import com.github.dockerjava.api.model.Container;
import io.slipway.SlipwayException;
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
 * The files of a deployment's last apply, for the commands that follow it ({@code down}, {@code stop},
 * {@code start}): they read and interpolate the compose file too, so the tool gets that apply's variables
 * in its environment again, and its output is masked with that apply's secrets.
 */
final class LastApply {

    private static final Logger LOG = LoggerFactory.getLogger(LastApply.class);

    private final ComposeSettings settings;
    private final String deployment;
    private final Map<String, String> variables;
    private final Set<String> secrets;
    private final Path projectDirectory;

    private LastApply(ComposeSettings settings, String deployment, Map<String, String> variables, Set<String> secrets,
            Path projectDirectory) {
        this.settings = settings;
        this.deployment = deployment;
        this.variables = variables;
        this.secrets = secrets;
        this.projectDirectory = projectDirectory;
    }

    /** Reads what the last apply of {@code deployment} left; {@code containers} are the project's, for its directory. */
    static LastApply read(ComposeSettings settings, String deployment, List<Container> containers) {
        WorkDir work = settings.workDir();
        String envText = "";
        try {
            if (Files.isRegularFile(work.envFile(deployment))) {
                envText = Files.readString(work.envFile(deployment));
            }
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; running the tool without the inputs", work.envFile(deployment), e.getMessage());
        }
        Path dir = EnvFileFormat.projectDirectory(envText).orElseGet(() -> containers.stream()
                .map(c -> c.getLabels().get("com.docker.compose.project.working_dir"))
                .filter(d -> d != null && !d.isBlank()).findFirst().map(Path::of)
                .orElse(work.dir(deployment)));
        return new LastApply(settings, deployment, EnvFileFormat.read(envText), EnvFileFormat.secretNames(envText), dir);
    }

    /** Whether the last apply's compose file is still there (without it the tool cannot be run). */
    boolean hasComposeFile() {
        return Files.isRegularFile(settings.workDir().composeFile(deployment));
    }

    /** The command builder for Compose project {@code project} on these files. */
    ComposeCommand command(String project) {
        return settings.command(deployment, project, projectDirectory);
    }

    /** Runs {@code cmd}; returns null when it succeeded, else why not (masked). */
    String run(ToolRunner runner, ToolCommand cmd) {
        Map<String, String> env;
        try {
            env = ToolEnvironment.withVariables(settings.baseEnv(), variables, settings.tool().displayName());
        } catch (InputException e) {
            // Not a file apply wrote (it refuses such names); the command may still work without it.
            LOG.warn("{}; running {} without the inputs", e.getMessage(), cmd.what());
            env = settings.baseEnv();
        }
        try {
            ToolResult r = runner.run(cmd, env, settings.workDir().dir(deployment), settings.timeout());
            return r.succeeded() ? null : mask(r.failure());
        } catch (IOException e) {
            return "cannot run " + cmd.argv().get(0) + ": " + e.getMessage();
        } catch (SlipwayException e) {
            return mask(e.getMessage());
        }
    }

    private String mask(String text) {
        String out = text;
        List<String> values = secrets.stream().map(variables::get).filter(v -> v != null && !v.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String v : values) {
            out = out.replace(v, Secret.MASK);
        }
        return out;
    }
}
