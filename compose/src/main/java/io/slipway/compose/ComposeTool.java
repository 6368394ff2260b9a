package io.slipway.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Compose tool a launcher drives, as detected when it opened: how to invoke it and which generation it
 * is. Shown in the log and by {@link ComposeLauncher#tool()}.
 *
 * @param command the argv prefix: {@code [/usr/bin/docker-compose]} or {@code [/usr/bin/docker, compose]}
 * @param version the version it reported, e.g. {@code 1.29.2} or {@code 2.29.1}
 * @param generation v1 (the Python {@code docker-compose}) or v2 (the Go rewrite, plugin or standalone)
 * @param chosenBy how it was chosen, e.g. {@code binary=auto} or {@code SLIPWAY_COMPOSE_CMD=/opt/dc}
 */
public record ComposeTool(List<String> command, String version, Generation generation, String chosenBy) {

    /** The two Compose generations; they differ in flags, names and file support. */
    public enum Generation {
        /** docker-compose 1.x, Python: {@code project_service_1} names, no {@code --wait}, no {@code name:}. */
        V1,
        /** Compose 2.x and later, Go: {@code project-service-1} names. */
        V2
    }

    // "docker-compose version 1.29.2, build unknown", "Docker Compose version v2.29.1", "... version 2.24.6+ds1-0ubuntu1"
    private static final Pattern VERSION = Pattern.compile("(?i)compose version v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?\\S*");

    public ComposeTool {
        command = List.copyOf(command);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(generation, "generation");
    }

    /**
     * The tool that answered {@code output} to its {@code version} command, or null when the output is not
     * a Compose version line.
     */
    static ComposeTool fromVersionOutput(List<String> command, String output, String chosenBy) {
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            return null;
        }
        String version = m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3));
        Generation g = Integer.parseInt(m.group(1)) <= 1 ? Generation.V1 : Generation.V2;
        return new ComposeTool(command, version, g, chosenBy);
    }

    /** The tool as a user would type it, e.g. {@code docker-compose} or {@code docker compose}. */
    public String displayName() {
        StringBuilder sb = new StringBuilder(Path.of(command.get(0)).getFileName().toString());
        command.subList(1, command.size()).forEach(a -> sb.append(' ').append(a));
        return sb.toString();
    }

    /** Whether the version is at least {@code major.minor}. */
    boolean atLeast(int major, int minor) {
        String[] parts = version.split("\\.");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    /** One line, e.g. {@code docker-compose 1.29.2 (v1) at /usr/bin/docker-compose, chosen by binary=auto}. */
    public String describe() {
        return displayName() + " " + version + " (" + generation.name().toLowerCase(java.util.Locale.ROOT) + ") at "
                + String.join(" ", command) + ", chosen by " + chosenBy;
    }
}
