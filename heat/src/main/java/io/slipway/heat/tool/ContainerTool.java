package io.slipway.heat.tool;

import java.util.List;
import java.util.Map;

/**
 * What the {@code docker-cmd} group asks of a container engine, in the terms of the {@code docker} commands
 * heat-agents' hook ran: {@link EngineTool} answers through the Engine API, {@link CliTool} by running the CLI
 * that {@code HEAT_DOCKER_CMD} names, with the original's arguments.
 */
public sealed interface ContainerTool extends AutoCloseable permits EngineTool, CliTool {

    /** Whether a container is called exactly {@code name} ({@code docker inspect --format exists NAME}). */
    boolean exists(String name);

    /** {@code docker run --name NAME --label ... [options] IMAGE [COMMAND]}: the run's output and exit code. */
    ToolResult run(String name, Map<String, String> labels, DockerCmdContainer c);

    /** {@code docker exec [--privileged] [--user U] CONTAINER ARGS...}. */
    ToolResult exec(String container, DockerCmdContainer c, List<String> args);

    /** Names of the containers carrying every label of {@code labels}, newest first ({@code docker ps -a --filter}). */
    List<String> names(Map<String, String> labels);

    /** Every container labelled {@code managed_by=docker-cmd}, running or not. */
    List<Managed> managed();

    /**
     * The {@code config_id} label of every managed container, one entry per container ({@code docker ps -a --filter
     * label=managed_by=docker-cmd --format '{{.Label "config_id"}}'}); empty when the listing failed.
     */
    List<String> configIds();

    /**
     * The ids of the managed containers of config {@code configId} ({@code docker ps -q -a --filter
     * label=managed_by=docker-cmd --filter label=config_id=ID}); empty when the listing failed.
     */
    List<String> containersOf(String configId);

    /**
     * Every container's name and its {@code container_name} label, "" when it has none ({@code docker ps -a
     * --format '{{.Names}} {{.Label "container_name"}}'}); null when the listing failed.
     */
    List<NamedContainer> containerNames();

    /** {@code docker rm -f ID}. */
    ToolResult remove(String id);

    /** {@code docker rename ID NAME}. */
    ToolResult rename(String id, String name);

    /** {@code docker stop ID}. */
    ToolResult stop(String id);

    /** {@code docker start ID}. */
    ToolResult start(String id);

    /** Releases the engine connection, if any. */
    @Override
    void close();

    /**
     * What one command printed and returned.
     *
     * @param stdout its standard output
     * @param stderr its standard error
     * @param exitCode its exit code, as the docker CLI would return it
     */
    record ToolResult(String stdout, String stderr, int exitCode) {
        public ToolResult {
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
        }

        /** Whether the exit code is 0. */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * A container's name and its {@code container_name} label.
     *
     * @param name the container's name
     * @param containerName its {@code container_name} label, "" when it has none
     */
    record NamedContainer(String name, String containerName) {
    }

    /**
     * A container the hook manages.
     *
     * @param id its id
     * @param name its name, without the leading '/'
     * @param running whether it runs now
     * @param labels its labels ({@code config_id}, {@code container_name}, ...)
     */
    record Managed(String id, String name, boolean running, Map<String, String> labels) {
        /** The value of label {@code key}, or "" when it has none. */
        public String label(String key) {
            String v = labels.get(key);
            return v == null ? "" : v;
        }
    }
}
