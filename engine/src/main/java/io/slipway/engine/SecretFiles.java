package io.slipway.engine;

import io.slipway.PlanAction;
import io.slipway.SlipwayException;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.SecretMount;
import io.slipway.spec.SecretSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import io.slipway.spi.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * A grant with {@code uid}, {@code gid} or {@code mode} gets a copy of its own, from a file too, since a bind mount
 * shows the host file's owner and mode: {@code <key>@<tag>} ({@link SecretMount#ownershipTag()}, e.g.
 * {@code db_password@u1000-g1000-m440}) beside the others, owned and moded as asked (mode {@value
 * SecretMount#DEFAULT_MODE} in octal when only an owner is given, as Compose). Only root can give a file to another
 * user, so {@link #checkOwners} refuses, before anything starts, an owner Slipway's user cannot give.
 * The engine resolves a bind mount's source on its own host, so the root must be on the engine's host.
 *
 * <pre>{@code
 * SecretFiles.checkOwners(resolved, "docker-run");               // before anything starts
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
            String source = source(dir, d, m);
            sources.add(source);
            if (m.hasOwnership()) {
                if (written.add(Path.of(source))) {
                    writeCopy(Path.of(source), spec.content(d), m);
                }
            } else if (d.file() == null && written.add(Path.of(source))) {
                byte[] content = spec.content(d);
                Path file = Path.of(source);
                if (!sameContent(file, content)) {
                    PrivateFiles.directory(file.getParent());
                    PrivateFiles.write(file, content);
                }
            }
        }
        removeOthers(dir, written);
        return sources;
    }

    /**
     * The host paths {@link #prepare} mounts for the grants of {@code service}, in the same order, without writing
     * or removing anything: what a plan compares with.
     */
    public List<String> sources(String deployment, ResolvedSpec spec, ServiceSpec service) {
        Path dir = serviceDir(deployment, service.name());
        return SecretGrants.of(service).stream().map(m -> source(dir, spec.declaration(m), m)).toList();
    }

    /** A grant's host path: its own copy when it sets an owner or mode, else the spec's file, else the shared copy. */
    private static String source(Path dir, SecretSpec d, SecretMount m) {
        if (m.hasOwnership()) {
            return dir.resolve(d.kind().key()).resolve(copyName(d.key(), m)).toString();
        }
        return d.file() != null ? d.file() : dir.resolve(d.kind().key()).resolve(d.key()).toString();
    }

    /** The name of the copy of declaration {@code key} that {@code grant} (one with an owner or mode) gets. */
    public static String copyName(String key, SecretMount grant) {
        return key + "@" + grant.ownershipTag();
    }

    /**
     * Writes {@code content} to {@code file} (0700 directories) unless it holds it already, then gives it the owner
     * and mode {@code grant} asks for: {@code uid} and {@code gid} when given (else it stays the user running
     * Slipway's), the {@code mode} or {@value SecretMount#DEFAULT_MODE} (octal).
     *
     * @throws SlipwayException naming the file when it cannot be written, chowned or chmodded
     */
    public static void writeCopy(Path file, byte[] content, SecretMount grant) {
        if (!sameContent(file, content)) {
            PrivateFiles.directory(file.toAbsolutePath().getParent());
            PrivateFiles.write(file, content);
        }
        try {
            if (grant.uid() != null) {
                Files.setAttribute(file, "unix:uid", Integer.parseInt(grant.uid()), LinkOption.NOFOLLOW_LINKS);
            }
            if (grant.gid() != null) {
                Files.setAttribute(file, "unix:gid", Integer.parseInt(grant.gid()), LinkOption.NOFOLLOW_LINKS);
            }
            // After chown, which may clear mode bits.
            Files.setAttribute(file, "unix:mode", grant.mode() != null ? grant.mode() : SecretMount.DEFAULT_MODE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new SlipwayException("cannot give " + file + " the owner and mode " + grant.ownershipTag()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before anything starts, a {@code uid} or {@code gid} the user running Slipway cannot give a file: any
     * but its own unless it is root.
     *
     * @throws SpecException at {@code services.<name>.secrets[i].uid} (or {@code gid}, or {@code configs}), naming
     *         the backend, the ids Slipway runs as and what would be valid
     */
    public static void checkOwners(ResolvedSpec spec, String backend) {
        checkOwners(spec, backend, ProcessIds.current());
    }

    /** {@link #checkOwners(ResolvedSpec, String)} for a process of the given ids (null: unknown). */
    static void checkOwners(ResolvedSpec spec, String backend, ProcessIds self) {
        if (self != null && self.uid() == 0) {
            return;
        }
        for (ServiceSpec s : spec.services()) {
            for (List<SecretMount> list : List.of(s.secrets(), s.configs())) {
                for (int i = 0; i < list.size(); i++) {
                    SecretMount m = list.get(i);
                    String at = "services." + s.name() + "." + m.kind().key() + "[" + i + "].";
                    String runsAs = self == null ? "Slipway cannot tell which user it runs as"
                            : "Slipway runs as user " + self.uid() + " (group " + self.gid() + "), not root";
                    if (m.uid() != null && (self == null || Long.parseLong(m.uid()) != self.uid())) {
                        throw new SpecException(at + "uid", "uid " + m.uid() + " cannot be given on the " + backend
                                + " backend: " + runsAs + ", and only root can give a file to another user; "
                                + (self == null ? "" : "use uid " + self.uid() + ", ") + "run Slipway as root, or remove uid");
                    }
                    if (m.gid() != null && (self == null || Long.parseLong(m.gid()) != self.gid())) {
                        throw new SpecException(at + "gid", "gid " + m.gid() + " cannot be given on the " + backend
                                + " backend: " + runsAs + ", and only root can give a file to any group; "
                                + (self == null ? "" : "use gid " + self.gid() + ", ") + "run Slipway as root, or remove gid");
                    }
                }
            }
        }
    }

    /**
     * The user and group ids of this process, read from {@code /proc/self} (Linux), which the kernel gives them.
     *
     * @param uid the effective user id
     * @param gid the effective group id
     */
    record ProcessIds(long uid, long gid) {

        /** This process's ids, or null when they cannot be read. */
        static ProcessIds current() {
            try {
                Path self = Path.of("/proc/self");
                return new ProcessIds(((Number) Files.getAttribute(self, "unix:uid")).longValue(),
                        ((Number) Files.getAttribute(self, "unix:gid")).longValue());
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return null;
            }
        }
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

    /**
     * What {@link #prepare} would do for the secrets and configs the services of {@code spec} are granted (those of 0
     * replicas aside), writing nothing: {@code create} when a private copy is missing, {@code replace} when one holds
     * other content, else {@code unchanged} (so is a user's file, mounted as it is); one change per declaration, by
     * {@code secrets.KEY} or {@code configs.KEY}.
     */
    public List<io.slipway.DeploymentPlan.Change> plan(String deployment, ResolvedSpec spec) {
        Map<String, PlanAction> actions = new java.util.LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            if (s.replicas() == 0) {
                continue;
            }
            List<SecretMount> grants = SecretGrants.of(s);
            List<String> sources = sources(deployment, spec, s);
            for (int i = 0; i < grants.size(); i++) {
                SecretSpec d = spec.declaration(grants.get(i));
                String key = d.kind().key() + "." + d.key();
                // A user's file is mounted as it is; a copy (of an input, inline content, or with an owner or mode)
                // is written by the apply.
                PlanAction a = d.file() != null && !grants.get(i).hasOwnership() ? PlanAction.UNCHANGED
                        : copyAction(Path.of(sources.get(i)), spec.content(d));
                actions.merge(key, a, (x, y) -> x == PlanAction.UNCHANGED ? y : x);
            }
        }
        List<io.slipway.DeploymentPlan.Change> out = new ArrayList<>();
        actions.forEach((k, a) -> out.add(io.slipway.DeploymentPlan.Change.of(k, a)));
        return out;
    }

    /**
     * What an apply does to the private copy at {@code file} to make it hold {@code content}: create it, rewrite it
     * ({@code REPLACE}), or nothing ({@code UNCHANGED}); for a plan, which writes nothing.
     */
    public static PlanAction copyAction(Path file, byte[] content) {
        return !Files.isRegularFile(file) ? PlanAction.CREATE
                : sameContent(file, content) ? PlanAction.UNCHANGED : PlanAction.REPLACE;
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
