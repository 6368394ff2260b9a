package io.slipway.compose;

import io.slipway.LauncherConfigException;
import io.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the Compose tool for a {@code binary} choice and asks it for its version, which alone decides v1
 * or v2: a file called {@code docker-compose} may well be v2 (distributions ship the Go binary under that
 * name), and a path may name the docker CLI. Every attempt is recorded, so that a failure can list them.
 */
final class ToolDetector {

    private final ToolRunner runner;
    private final Map<String, String> env;
    private final Path dir;
    private final Duration timeout;
    private final List<String> tried = new ArrayList<>();

    /**
     * @param env the environment the tool will run with (its PATH is searched)
     * @param dir where to run the version commands
     */
    ToolDetector(ToolRunner runner, Map<String, String> env, Path dir, Duration timeout) {
        this.runner = runner;
        this.env = env;
        this.dir = dir;
        this.timeout = timeout;
    }

    /**
     * The tool {@code choice} selects.
     *
     * @param choice {@code auto}, {@code docker-compose}, {@code docker} or an absolute path
     * @param chosenBy where the choice came from, e.g. {@code binary=auto}, for messages
     * @throws LauncherConfigException when an absolute path names no executable file
     * @throws SlipwayException when no Compose tool answers, listing every attempt
     */
    ComposeTool detect(String choice, String chosenBy) {
        ComposeTool tool = switch (choice) {
            case "auto" -> {
                ComposeTool plugin = onPath("docker", List.of("compose"), chosenBy);
                yield plugin != null ? plugin : onPath("docker-compose", List.of(), chosenBy);
            }
            case "docker" -> onPath("docker", List.of("compose"), chosenBy);
            case "docker-compose" -> onPath("docker-compose", List.of(), chosenBy);
            default -> atPath(Path.of(choice), chosenBy);
        };
        if (tool == null) {
            throw new SlipwayException("no Compose tool found (" + chosenBy + "); tried: " + String.join("; ", tried)
                    + ". Install Compose v2 (docker compose) or docker-compose, or name one with binary=/path/to/it or "
                    + ComposeOptions.BINARY_ENV);
        }
        if (tool.generation() == ComposeTool.Generation.V1 && !tool.atLeast(1, 27)) {
            throw new SlipwayException(tool.displayName() + " " + tool.version() + " is too old: Slipway writes Compose "
                    + "Specification files (no version key), which need docker-compose 1.27 or later, or Compose v2");
        }
        return tool;
    }

    /** The program {@code name} found on the PATH, asked with {@code prefix} then {@code version}; or null. */
    private ComposeTool onPath(String name, List<String> prefix, String chosenBy) {
        Path program = which(name);
        if (program == null) {
            tried.add("'" + name + "' is not on the PATH (" + env.get("PATH") + ")");
            return null;
        }
        return ask(program, prefix, chosenBy);
    }

    /** An absolute path: a Compose binary ({@code P version}) or a docker CLI ({@code P compose version}). */
    private ComposeTool atPath(Path program, String chosenBy) {
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new LauncherConfigException("compose binary '" + program + "' (" + chosenBy + ") "
                    + (Files.exists(program) ? "is not an executable file" : "does not exist")
                    + "; give auto, docker-compose, docker, or the absolute path of an executable");
        }
        ComposeTool tool = ask(program, List.of(), chosenBy);
        return tool != null ? tool : ask(program, List.of("compose"), chosenBy);
    }

    /** Runs {@code program prefix... version}; the tool if it answered with a Compose version, else null. */
    private ComposeTool ask(Path program, List<String> prefix, String chosenBy) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(prefix);
        List<String> argv = new ArrayList<>(command);
        argv.add("version");
        String shown = String.join(" ", argv);
        try {
            ToolResult r = runner.run(new ToolCommand(shown, argv), env, dir, timeout);
            ComposeTool tool = r.succeeded() ? ComposeTool.fromVersionOutput(command, r.stdout(), chosenBy) : null;
            if (tool == null) {
                String said = (r.stdout() + " " + r.stderr()).strip().replaceAll("\\s+", " ");
                tried.add("'" + shown + "' " + (r.killed() ? "did not answer within " + timeout.toSeconds() + " s"
                        : "answered (exit " + r.exitCode() + "): " + (said.length() > 200 ? said.substring(0, 200) + "..." : said)));
            }
            return tool;
        } catch (IOException e) {
            tried.add("'" + shown + "' cannot run: " + e.getMessage());
            return null;
        }
    }

    /** The first executable file called {@code name} in the PATH directories, or null. */
    private Path which(String name) {
        String path = env.getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(d).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }
}
