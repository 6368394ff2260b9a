package io.slipway.engine;

import io.slipway.spec.BuildSpec;
import io.slipway.spec.DockerfileLowering;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * What a build sends the engine: the context's files that {@code .dockerignore} keeps, and the Dockerfile. One
 * walk of the context gives both the tar and the hash, so the hash covers exactly what the engine sees. The hash
 * is over content, names, file modes and symlink targets, not times: touching a file rebuilds nothing.
 *
 * @param build the service's build
 * @param entries the context's paths that are sent, relative, {@code /}-separated, sorted
 * @param dockerfileName the Dockerfile's name in the tar
 * @param dockerfileText the Dockerfile's text, lowered for the classic builder ({@link DockerfileLowering})
 * @param generated whether the Dockerfile is added to the tar by Slipway (inline, outside the context, or lowered)
 * @param lowering what the lowering did, on the lines of the Dockerfile as written
 */
record BuildContext(BuildSpec build, List<String> entries, String dockerfileName, String dockerfileText,
        boolean generated, DockerfileLowering.Result lowering) {

    /** The name in the tar of a Dockerfile Slipway adds (inline, or one outside the context). */
    static final String GENERATED_DOCKERFILE = ".slipway.Dockerfile";

    /** Walks {@code build}'s context. */
    static BuildContext of(BuildSpec build) throws IOException {
        Path context = build.context();
        DockerIgnore ignore = DockerIgnore.of(context);
        Path dockerfile = build.dockerfilePath();
        String inContext = dockerfile != null && dockerfile.startsWith(context)
                ? context.relativize(dockerfile).toString().replace('\\', '/') : null;
        List<String> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(context)) {
            for (Path p : walk.sorted().toList()) {
                String rel = context.relativize(p).toString().replace('\\', '/');
                boolean special = rel.equals(inContext) || rel.equals(".dockerignore"); // always sent, as by the CLI
                if (rel.isEmpty() || !(special || !ignore.excluded(rel))) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        || Files.isSymbolicLink(p)) {
                    entries.add(rel);
                }
            }
        }
        String text = dockerfile != null ? Files.readString(dockerfile, StandardCharsets.UTF_8) : build.dockerfileInline();
        DockerfileLowering.Result lowering = DockerfileLowering.lower(text); // a lowered one is sent beside the original
        boolean generated = inContext == null || lowering.changed();
        return new BuildContext(build, List.copyOf(entries), generated ? GENERATED_DOCKERFILE : inContext,
                lowering.text(), generated, lowering);
    }

    /** SHA-256 over the sent files and everything else the image depends on: Dockerfile, args, target, labels, options. */
    String hash() throws IOException {
        MessageDigest d = sha256();
        for (String rel : entries) {
            Path p = build.context().resolve(rel);
            if (Files.isSymbolicLink(p)) {
                line(d, "L " + rel + " -> " + Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p)) {
                line(d, "D " + rel + " " + mode(p));
            } else {
                MessageDigest content = sha256();
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buf = new byte[65536];
                    for (int n; (n = in.read(buf)) > 0;) {
                        content.update(buf, 0, n);
                    }
                }
                line(d, "F " + rel + " " + mode(p) + " " + HexFormat.of().formatHex(content.digest()));
            }
        }
        BuildSpec b = build;
        line(d, "dockerfile " + dockerfileName + "\n" + dockerfileText);
        line(d, "args " + b.args() + "\ntarget " + b.target() + "\nlabels " + b.labels() + "\nnetwork " + b.network()
                + "\nshm " + b.shmSize() + "\nhosts " + b.extraHosts());
        return HexFormat.of().formatHex(d.digest());
    }

    /**
     * Writes the tar the engine builds from. A generated Dockerfile is added, and listed in the tar's
     * {@code .dockerignore} so that the engine leaves it (and that file) out of {@code COPY .}, as the CLI does.
     */
    void writeTar(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String rel : entries) {
                Path p = build.context().resolve(rel);
                if (generated && rel.equals(".dockerignore")) {
                    continue; // written below, with the generated Dockerfile added
                }
                TarArchiveEntry e;
                if (Files.isSymbolicLink(p)) {
                    e = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
                    e.setLinkName(Files.readSymbolicLink(p).toString());
                } else {
                    e = new TarArchiveEntry(p.toFile(), Files.isDirectory(p) ? rel + "/" : rel);
                    e.setMode((Files.isDirectory(p) ? 040000 : 0100000) | mode(p));
                }
                e.setIds(0, 0); // as the CLI sends them: the files are root's in the image unless the Dockerfile chowns
                tar.putArchiveEntry(e);
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
            if (generated) {
                String ignore = Files.isRegularFile(build.context().resolve(".dockerignore"))
                        ? Files.readString(build.context().resolve(".dockerignore")) + "\n" : "";
                file(tar, ".dockerignore", ignore + GENERATED_DOCKERFILE + "\n.dockerignore\n");
                file(tar, GENERATED_DOCKERFILE, dockerfileText);
            }
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100644);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** The permission bits (where the file system has none, 0755 for directories and 0644 for files). */
    private static int mode(Path p) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(p) ? 0755 : 0644;
        }
        int mode = 0;
        for (PosixFilePermission perm : perms) {
            mode |= 1 << (8 - perm.ordinal()); // OWNER_READ is ordinal 0, bit 0400
        }
        return mode;
    }

    private static void line(MessageDigest d, String text) {
        d.update(text.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
