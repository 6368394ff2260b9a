package io.slipway.tck;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Images for Slipway's tests, built locally: no registry is ever needed (tests must run where nothing can
 * be pulled).
 */
public final class TestImages {

    /** Tag of the busybox test image. */
    public static final String BUSYBOX = "slipway-test/busybox:1";

    /** Host binary the image is made from; Debian's busybox-static package installs it. */
    static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    /** Content of /www/index.html in the busybox image. */
    public static final String INDEX_HTML = "hello from slipway\n";

    /** The root file system recipe, packaged from scripts/busybox-rootfs.sh. */
    private static final String ROOTFS_SCRIPT = "busybox-rootfs.sh";

    private static final Date EPOCH = new Date(0); // fixed timestamps: the same host binary gives the same layer

    private TestImages() {}

    /**
     * {@value #BUSYBOX}: {@code FROM scratch} with a static busybox and all its applets in /bin, /tmp (1777),
     * /www/index.html ("hello from slipway"), /etc/passwd and /etc/group with root and nobody; CMD ["sh"].
     * Built on first use if the engine does not have it yet.
     */
    public static synchronized String busybox() {
        DockerClient docker = TestEngine.client();
        try {
            docker.inspectImageCmd(BUSYBOX).exec();
            return BUSYBOX;
        } catch (NotFoundException absent) {
            // build it below
        }
        byte[] context = buildContext(rootfsTar(), "FROM scratch\nADD rootfs.tar /\nCMD [\"sh\"]\n");
        docker.buildImageCmd(new ByteArrayInputStream(context))
                .withTags(Set.of(BUSYBOX))
                .withLabels(Map.of("io.slipway.test-image", "busybox"))
                .withPull(false)
                .withRemove(true)
                .exec(new BuildImageResultCallback())
                .awaitImageId(5, TimeUnit.MINUTES);
        return BUSYBOX;
    }

    /** The build context: a tar with the Dockerfile and rootfs.tar (which the Dockerfile ADDs, i.e. unpacks). */
    private static byte[] buildContext(byte[] rootfsTar, String dockerfile) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "Dockerfile", 0644, dockerfile.getBytes(StandardCharsets.UTF_8));
            file(tar, "rootfs.tar", 0644, rootfsTar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The root file system as a tar: made by {@code busybox-rootfs.sh} (scripts/busybox-rootfs.sh, packaged in this
     * jar; the examples' images use the same script), then archived with fixed owners and timestamps.
     */
    static byte[] rootfsTar() {
        hostBusybox(); // fails first, saying what to install, when there is no static busybox
        Path work;
        try {
            work = Files.createTempDirectory("slipway-rootfs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path script = work.resolve("busybox-rootfs.sh");
            try (InputStream in = TestImages.class.getResourceAsStream(ROOTFS_SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(ROOTFS_SCRIPT + " is missing from slipway-tck");
                }
                Files.copy(in, script);
            }
            Path root = work.resolve("rootfs");
            run(List.of("bash", script.toString(), root.toString(), HOST_BUSYBOX.toString()));
            return tarOf(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the busybox root file system", e);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
    }

    /** {@code root}'s tree as a tar, in name order: modes as on disk (sticky bit included), owned by root, at the epoch. */
    private static byte[] tarOf(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : paths) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    symlink(tar, name, Files.readSymbolicLink(p).toString());
                    continue;
                }
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dir(tar, name + "/", mode);
                } else {
                    file(tar, name, mode, Files.readAllBytes(p));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** /bin/busybox, which must be statically linked: the image has no libc. */
    private static byte[] hostBusybox() {
        if (!Files.isRegularFile(HOST_BUSYBOX)) {
            throw new IllegalStateException(HOST_BUSYBOX + " not found; the busybox test image is built from it. "
                    + "Install it with `apt-get install busybox-static`, or run scripts/docker-engine.sh.");
        }
        try {
            byte[] binary = Files.readAllBytes(HOST_BUSYBOX);
            if (Elf.hasInterpreter(binary)) {
                throw new IllegalStateException(HOST_BUSYBOX + " is dynamically linked (Debian's `busybox` package), "
                        + "so it cannot run in a FROM scratch image. Install the static one with "
                        + "`apt-get install busybox-static`, or run scripts/docker-engine.sh.");
            }
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HOST_BUSYBOX, e);
        }
    }

    private static void dir(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
        root(e);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        e.setSize(content.length);
        root(e);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0120777);
        root(e);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void root(TarArchiveEntry e) {
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(EPOCH);
    }

    /** Just enough ELF to tell a static binary from a dynamic one (a PT_INTERP program header). */
    static final class Elf {
        private static final int PT_INTERP = 3;

        private Elf() {}

        static boolean hasInterpreter(byte[] b) {
            if (b.length < 64 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
                return false; // not ELF: let the build (or the container) report what is wrong
            }
            boolean is64 = b[4] == 2;
            boolean little = b[5] == 1;
            long phoff = is64 ? read(b, 0x20, 8, little) : read(b, 0x1C, 4, little);
            int phentsize = (int) read(b, is64 ? 0x36 : 0x2A, 2, little);
            int phnum = (int) read(b, is64 ? 0x38 : 0x2C, 2, little);
            for (int i = 0; i < phnum; i++) {
                long at = phoff + (long) i * phentsize;
                if (at + 4 > b.length) {
                    return false;
                }
                if (read(b, (int) at, 4, little) == PT_INTERP) {
                    return true;
                }
            }
            return false;
        }

        private static long read(byte[] b, int offset, int size, boolean little) {
            long v = 0;
            for (int i = 0; i < size; i++) {
                int shift = little ? 8 * i : 8 * (size - 1 - i);
                v |= (b[offset + i] & 0xffL) << shift;
            }
            return v;
        }
    }
}
