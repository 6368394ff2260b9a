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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    private static byte[] rootfsTar() {
        byte[] busybox = hostBusybox();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            dir(tar, "bin/", 0755);
            file(tar, "bin/busybox", 0755, busybox);
            for (String applet : applets()) {
                if (!applet.equals("busybox")) {
                    symlink(tar, "bin/" + applet, "busybox");
                }
            }
            dir(tar, "tmp/", 01777);
            dir(tar, "root/", 0700);
            dir(tar, "www/", 0755);
            file(tar, "www/index.html", 0644, INDEX_HTML.getBytes(StandardCharsets.UTF_8));
            dir(tar, "etc/", 0755);
            file(tar, "etc/passwd", 0644, ("root:x:0:0:root:/root:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n").getBytes(StandardCharsets.UTF_8));
            file(tar, "etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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

    /** Applet names, as `busybox --list` prints them. */
    private static List<String> applets() {
        try {
            Process p = new ProcessBuilder(HOST_BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(HOST_BUSYBOX + " --list failed: " + out);
            }
            List<String> applets = new ArrayList<>();
            for (String line : out.split("\n")) {
                String name = line.trim();
                // applet names are plain file names; anything else would escape /bin
                if (!name.isEmpty() && name.matches("[A-Za-z0-9._\\[\\]-]+") && !name.startsWith(".")) {
                    applets.add(name);
                }
            }
            return applets;
        } catch (IOException e) {
            throw new UncheckedIOException(HOST_BUSYBOX + " --list failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
