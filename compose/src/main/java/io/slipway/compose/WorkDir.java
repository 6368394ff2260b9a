package io.slipway.compose;

import io.slipway.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The per-user directory holding one subdirectory per deployment, with the compose file and the env file
 * Slipway hands the tool. The env file holds the inputs, secrets too, so directories are 0700 and files
 * 0600; each file is written to a fresh 0600 temporary file and moved over the old one, so it is always
 * whole (no stale tail of a longer earlier version, never half written) and never readable by others,
 * not even for a moment.
 */
final class WorkDir {

    /** The compose file's name: JSON, which is YAML too, so every string stays a string for either generation. */
    static final String COMPOSE_FILE = "compose.json";
    /** The env file's name (not {@code .env}, which Compose would read by itself from a project directory). */
    static final String ENV_FILE = "inputs.env";

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    WorkDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code $XDG_STATE_HOME/slipway/compose}, else {@code ~/.local/state/slipway/compose}. */
    static Path defaultRoot(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state, "slipway", "compose");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "slipway", "compose");
    }

    /** The root directory. */
    Path root() {
        return root;
    }

    /** The deployment's directory (which may not exist). */
    Path dir(String deployment) {
        return root.resolve(deployment);
    }

    /** The deployment's compose file. */
    Path composeFile(String deployment) {
        return dir(deployment).resolve(COMPOSE_FILE);
    }

    /** The deployment's env file. */
    Path envFile(String deployment) {
        return dir(deployment).resolve(ENV_FILE);
    }

    /** Creates the deployment's directory (and missing parents) with mode 0700, or resets an existing one to it. */
    Path prepare(String deployment) {
        Path dir = dir(deployment);
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE);
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new SlipwayException("cannot create the compose work directory " + dir + ": " + e.getMessage()
                    + " (option work-dir picks another)", e);
        }
    }

    /** Replaces {@code file} (in a prepared directory) with {@code content}, mode 0600. */
    void write(Path file, String content) {
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp", mode);
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new SlipwayException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // nothing more to do; it is 0600
                }
            }
        }
    }

    /** Removes the deployment's files and its directory, if nothing else was put there. */
    void remove(String deployment) {
        Path dir = dir(deployment);
        try {
            Files.deleteIfExists(dir.resolve(COMPOSE_FILE));
            Files.deleteIfExists(dir.resolve(ENV_FILE));
            if (Files.isDirectory(dir)) {
                try (var left = Files.list(dir)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot remove the compose work files in " + dir + ": " + e.getMessage(), e);
        }
    }
}
