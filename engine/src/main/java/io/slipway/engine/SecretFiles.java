package io.slipway.engine;

import io.slipway.SlipwayException;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.SecretMount;
import io.slipway.spec.SecretSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host files behind the secrets and configs a backend bind-mounts read-only: a file the spec names is mounted as
 * it is; the content of an input or an inline {@code content} is written to a {@link PrivateFiles private} copy
 * (0600 in 0700 directories) at {@code <root>/<deployment>/<service>/<secrets|configs>/<key>}, rewritten whole only
 * when it changed (so a running container's mount is left alone otherwise), removed with the service or deployment.
 * The engine resolves a bind mount's source on its own host, so the root must be on the engine's host.
 *
 * <pre>{@code
 * SecretFiles files = new SecretFiles(SecretFiles.defaultRoot("docker-run", System.getenv()));
 * List<String> sources = files.prepare("shop", resolved, web);   // one host path per SecretGrants.of(web)
 * }</pre>
 */
public final class SecretFiles {

    private final Path root;

    /** Files under {@code root} (made absolute). */
    public SecretFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code $XDG_STATE_HOME/slipway/<backend>}, else {@code ~/.local/state/slipway/<backend>}. */
    public static Path defaultRoot(String backend, Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state, "slipway", backend);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "slipway", backend);
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    /**
     * The host path to mount for each grant of {@code service}, in {@link SecretGrants#of} order, with the private
     * copies written; copies the service no longer has are removed.
     *
     * @throws SlipwayException when a copy cannot be written
     */
    public List<String> prepare(String deployment, ResolvedSpec spec, ServiceSpec service) {
        Path dir = serviceDir(deployment, service.name());
        List<String> sources = new ArrayList<>();
        Set<Path> written = new HashSet<>();
        for (SecretMount m : SecretGrants.of(service)) {
            SecretSpec d = spec.declaration(m);
            if (d.file() != null) {
                sources.add(d.file());
                continue;
            }
            Path file = dir.resolve(d.kind().key()).resolve(d.key());
            if (written.add(file)) {
                byte[] content = spec.content(d);
                if (!sameContent(file, content)) {
                    PrivateFiles.directory(file.getParent());
                    PrivateFiles.write(file, content);
                }
            }
            sources.add(file.toString());
        }
        removeOthers(dir, written);
        return sources;
    }

    /** Removes the private copies of one service. */
    public void removeService(String deployment, String service) {
        PrivateFiles.removeTree(serviceDir(deployment, service));
        removeIfEmpty(root.resolve(deployment));
    }

    /** Removes the private copies of every service of {@code deployment}. */
    public void removeDeployment(String deployment) {
        PrivateFiles.removeTree(root.resolve(deployment));
    }

    private Path serviceDir(String deployment, String service) {
        return root.resolve(deployment).resolve(service);
    }

    private static boolean sameContent(Path file, byte[] content) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == content.length
                    && Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false; // rewritten
        }
    }

    /** Removes the files under {@code dir} not in {@code keep}, and {@code dir} when nothing is left. */
    private void removeOthers(Path dir, Set<Path> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (keep.isEmpty()) {
            PrivateFiles.removeTree(dir);
            removeIfEmpty(dir.getParent());
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !keep.contains(f)).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot remove old secret files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void removeIfEmpty(Path dir) {
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // missing, or not empty meanwhile: nothing to do
        }
    }
}
