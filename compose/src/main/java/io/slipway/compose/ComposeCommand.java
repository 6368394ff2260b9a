package io.slipway.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv of each Compose command Slipway runs for one deployment. Only paths, the project name, service
 * names and flags: inputs travel in the environment and the env file, never on argv (where {@code ps} would
 * show them).
 *
 * <p>The generations differ here in one flag: {@code --ansi never} (v2, and v1 since 1.28) or {@code --no-ansi}
 * (older v1). Neither {@code up --wait} (v2 only, and it treats a finished one-shot task as a failure in many
 * versions) nor {@code up --pull} (v2 only) is used: Slipway waits by itself, with its own conditions, and
 * applies the pull policy the same way for both.
 *
 * @param tool the tool
 * @param project the Compose project name ({@link io.slipway.spec.ProjectNames})
 * @param projectDirectory what relative paths in the spec resolve against (the spec's directory)
 * @param composeFile the compose file Slipway wrote
 * @param envFile the env file Slipway wrote
 * @param stopTimeout the grace period for stopping containers, or null for Compose's own
 */
record ComposeCommand(ComposeTool tool, String project, Path projectDirectory, Path composeFile, Path envFile,
        Duration stopTimeout) {

    /** {@code up -d --remove-orphans --no-build}, for every service, or only {@code services} (then without their dependencies). */
    ToolCommand up(List<String> services) {
        List<String> argv = base("up");
        argv.addAll(List.of("-d", "--remove-orphans", "--no-build"));
        stopTimeout(argv);
        if (!services.isEmpty()) {
            argv.add("--no-deps");
            argv.addAll(services);
        }
        return command("up", argv);
    }

    /**
     * {@code build [--force-rm] [--pull] SERVICE...}: the images of {@code services}, from their {@code build}; v1's
     * classic builder keeps a failed step's container unless {@code --force-rm} is given.
     */
    ToolCommand build(List<String> services, boolean pull) {
        List<String> argv = base("build");
        if (tool.generation() == ComposeTool.Generation.V1) {
            argv.add("--force-rm");
        }
        if (pull) {
            argv.add("--pull");
        }
        argv.addAll(services);
        return command("build", argv);
    }

    /** {@code down --remove-orphans}, with {@code -v} to remove volumes too. */
    ToolCommand down(boolean volumes) {
        List<String> argv = base("down");
        argv.add("--remove-orphans");
        if (volumes) {
            argv.add("-v");
        }
        stopTimeout(argv);
        return command("down", argv);
    }

    /** {@code stop}: every running container of the project, kept for {@code start}. */
    ToolCommand stop() {
        List<String> argv = base("stop");
        stopTimeout(argv);
        return command("stop", argv);
    }

    /** {@code start} of the stopped containers of {@code services}. */
    ToolCommand start(List<String> services) {
        List<String> argv = base("start");
        argv.addAll(services);
        return command("start", argv);
    }

    /** {@code pull --quiet}: every service's image. */
    ToolCommand pull() {
        return pull(List.of());
    }

    /** {@code pull --quiet SERVICE...}: the images of {@code services} (every service's when empty). */
    ToolCommand pull(List<String> services) {
        List<String> argv = base("pull");
        argv.add("--quiet");
        argv.addAll(services);
        return command("pull", argv);
    }

    /** {@code config --hash=a,b}: each service's config hash, as Compose puts it in the container's label. */
    ToolCommand configHash(List<String> services) {
        List<String> argv = base("config");
        argv.add("--hash=" + String.join(",", services));
        return command("config", argv);
    }

    private ToolCommand command(String subcommand, List<String> argv) {
        return new ToolCommand(tool.displayName() + " " + subcommand, argv);
    }

    /** The tool, the global options, then {@code subcommand}. */
    private List<String> base(String subcommand) {
        List<String> argv = new ArrayList<>(tool.command());
        if (tool.generation() == ComposeTool.Generation.V2 || tool.atLeast(1, 28)) {
            argv.addAll(List.of("--ansi", "never"));
        } else {
            argv.add("--no-ansi");
        }
        argv.addAll(List.of("-p", project, "--project-directory", projectDirectory.toString(),
                "-f", composeFile.toString(), "--env-file", envFile.toString(), subcommand));
        return argv;
    }

    private void stopTimeout(List<String> argv) {
        if (stopTimeout != null) {
            // Whole seconds only; rounded up, so that a grace period is never cut short.
            long seconds = (stopTimeout.toMillis() + 999) / 1000;
            argv.addAll(List.of("-t", Long.toString(seconds)));
        }
    }
}
