package io.slipway.atomic;

import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.engine.DockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A ready agent container ({@link AgentBootstrap#ensure}): runs commands in it, and reads host files
 * through its {@code /host} mount with the Engine API (so the agent image needs no tools for that).
 */
final class Agent {

    private static final int MAX_FILE = 64 * 1024;

    private final DockerEngine engine;
    private final String id;
    private final String name;
    private final Duration commandTimeout;

    Agent(DockerEngine engine, String id, String name, Duration commandTimeout) {
        this.engine = engine;
        this.id = id;
        this.name = name;
        this.commandTimeout = commandTimeout;
    }

    /** The agent container's id. */
    String id() {
        return id;
    }

    /** The agent container's name. */
    String name() {
        return name;
    }

    /** How long one command may take. */
    Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Runs {@code argv} to its end, at most the command timeout.
     *
     * @param env added to the agent's environment for this command
     * @throws com.github.dockerjava.api.exception.DockerException when the engine refuses the exec
     */
    CommandResult run(List<String> argv, Map<String, String> env) throws InterruptedException {
        try (AgentCommand c = start(argv, env)) {
            c.await(commandTimeout);
            return c.result();
        }
    }

    /** Starts {@code argv}; the caller follows it and closes it. */
    AgentCommand start(List<String> argv, Map<String, String> env) {
        return AgentCommand.start(engine, id, argv, env);
    }

    /**
     * The content of the host file {@code path} (absolute), at most 64 KiB, or null when there is none.
     *
     * @throws IOException when the archive the engine sends cannot be read
     */
    String readHostFile(String path) throws IOException {
        try (InputStream in = engine.calls().copyArchiveFromContainerCmd(id, AgentSpec.HOST_ROOT + path).exec();
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e = tar.getNextEntry();
            if (e == null || !e.isFile()) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = tar.read(buf)) > 0 && out.size() < MAX_FILE) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** Whether the host has {@code path} (a file, directory or link); read as a small file. */
    boolean hostHas(String path) {
        try (InputStream in = engine.calls().copyArchiveFromContainerCmd(id, AgentSpec.HOST_ROOT + path).exec()) {
            return in != null;
        } catch (NotFoundException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true; // it is there, we just could not read it
        }
    }
}
