package io.slipway.compose;

import io.slipway.SlipwayException;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.SecretSpec;
import io.slipway.spi.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The per-user directory holding one subdirectory per deployment, with the compose file and the env file
 * Slipway hands the tool, the env files inputs supply ({@code env_files/}), and the content inputs and inline
 * {@code content} supply for secrets and configs ({@code secrets/}, {@code configs/}). They hold inputs, secrets too,
 * so they are {@link PrivateFiles}: directories 0700, files 0600, each replaced whole.
 */
final class WorkDir {

    /** The compose file's name: JSON, which is YAML too, so every string stays a string for either generation. */
    static final String COMPOSE_FILE = "compose.json";
    /** The env file's name (not {@code .env}, which Compose would read by itself from a project directory). */
    static final String ENV_FILE = "inputs.env";
    /** The directory of the env files inputs supply ({@code x-slipway.env_files}), by their names in the spec. */
    static final String ENV_FILES_DIR = "env_files";
    /** The directory of inline Dockerfiles written for docker-compose v1, which has no {@code dockerfile_inline}. */
    static final String DOCKERFILES_DIR = "dockerfiles";

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

    /** Where the env file an input supplies under {@code name} (relative to the spec, normalised) is written. */
    Path envFilePath(String deployment, String name) {
        Path dir = dir(deployment).resolve(ENV_FILES_DIR);
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new IllegalArgumentException("env file name '" + name + "' leaves " + dir);
        }
        return file;
    }

    /**
     * Replaces the deployment's supplied env files with {@code files} (name to content), 0600 in 0700
     * directories: the directory is emptied first, so a file the spec no longer supplies does not linger.
     */
    void writeEnvFiles(String deployment, Map<String, String> files) {
        PrivateFiles.removeTree(dir(deployment).resolve(ENV_FILES_DIR));
        files.forEach((name, content) -> {
            Path file = envFilePath(deployment, name);
            PrivateFiles.directory(file.getParent());
            write(file, content);
        });
    }

    /** Where the content an input or inline {@code content} supplies for secret or config {@code key} is written. */
    Path secretFilePath(String deployment, SecretSpec.Kind kind, String key) {
        return dir(deployment).resolve(kind.key()).resolve(key);
    }

    /**
     * Writes {@code files} (path from {@link #secretFilePath} to content), 0600 in 0700 directories, each only when its
     * content changed (a running container's mount is left alone otherwise), and {@code copies} likewise, each with
     * the owner and mode of its grant; files no longer supplied are removed.
     */
    void writeSecretFiles(String deployment, Map<Path, byte[]> files, Map<Path, ComposeSecrets.Copy> copies) {
        for (SecretSpec.Kind kind : SecretSpec.Kind.values()) {
            Path dir = dir(deployment).resolve(kind.key());
            if (Files.isDirectory(dir)) {
                try (var old = Files.list(dir)) {
                    for (Path f : old.filter(f -> !files.containsKey(f) && !copies.containsKey(f)).toList()) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    throw new SlipwayException("cannot remove old secret files in " + dir + ": " + e.getMessage(), e);
                }
            }
        }
        files.forEach((file, content) -> {
            try {
                if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                    return;
                }
            } catch (IOException e) {
                // rewritten below
            }
            PrivateFiles.directory(file.getParent());
            PrivateFiles.write(file, content);
        });
        copies.forEach((file, copy) -> SecretFiles.writeCopy(file, copy.content(), copy.grant()));
    }

    /** Where the inline Dockerfile of {@code service} is written for a tool that cannot read {@code dockerfile_inline}. */
    Path dockerfilePath(String deployment, String service) {
        return dir(deployment).resolve(DOCKERFILES_DIR).resolve(service + ".Dockerfile");
    }

    /** Replaces the deployment's inline Dockerfiles with {@code files} (service to text), as the env files are. */
    void writeDockerfiles(String deployment, Map<String, String> files) {
        PrivateFiles.removeTree(dir(deployment).resolve(DOCKERFILES_DIR));
        files.forEach((service, text) -> {
            Path file = dockerfilePath(deployment, service);
            PrivateFiles.directory(file.getParent());
            write(file, text);
        });
    }

    /** Creates the deployment's directory (and missing parents) with mode 0700, or resets an existing one to it. */
    Path prepare(String deployment) {
        Path dir = dir(deployment);
        try {
            return PrivateFiles.directory(dir);
        } catch (SlipwayException | UnsupportedOperationException e) {
            throw new SlipwayException("cannot create the compose work directory " + dir + ": " + e.getMessage()
                    + " (option work-dir picks another)", e);
        }
    }

    /** Replaces {@code file} (in a prepared directory) with {@code content}, mode 0600. */
    void write(Path file, String content) {
        PrivateFiles.write(file, content);
    }

    /** Removes the deployment's files and its directory, if nothing else was put there. */
    void remove(String deployment) {
        Path dir = dir(deployment);
        try {
            Files.deleteIfExists(dir.resolve(COMPOSE_FILE));
            Files.deleteIfExists(dir.resolve(ENV_FILE));
            PrivateFiles.removeTree(dir.resolve(ENV_FILES_DIR));
            for (SecretSpec.Kind kind : SecretSpec.Kind.values()) {
                PrivateFiles.removeTree(dir.resolve(kind.key()));
            }
            PrivateFiles.removeTree(dir.resolve(DOCKERFILES_DIR));
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
