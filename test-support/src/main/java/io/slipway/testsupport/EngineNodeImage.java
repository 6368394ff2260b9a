package io.slipway.testsupport;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.slipway.tck.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * An image that runs a Docker engine, made from the host's own engine binaries (Debian's docker.io, containerd, runc,
 * iptables) and the shared libraries {@code ldd} names for them, plus the static busybox for a shell: nothing can be
 * pulled here, and these are exactly the binaries of the engine under test. It is imported ({@code docker import})
 * rather than built, so it has no entrypoint or environment of its own: {@link #ENTRYPOINT} starts the engine.
 */
final class EngineNodeImage {

    /** Starts dockerd with the container's arguments, after making cgroup v2 delegable as docker:dind does. */
    static final String ENTRYPOINT = "/usr/local/bin/engine-node";

    /** Host binaries the engine needs, as installed by docker.io and its dependencies. */
    private static final List<String> BINARIES = List.of("/usr/sbin/dockerd", "/usr/bin/containerd",
            "/usr/bin/containerd-shim-runc-v2", "/usr/sbin/runc", "/usr/bin/docker-init", "/usr/sbin/docker-proxy");

    private static final Path IPTABLES = Path.of("/usr/sbin/iptables");
    private static final Path XTABLES_MODULES = Path.of("/usr/lib/x86_64-linux-gnu/xtables");
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "cat", "mkdir", "sed", "mount", "umount", "ls", "ps");

    /*
     * cgroup v2 (the engine container has its own cgroup namespace): a cgroup with processes cannot delegate
     * controllers, so the engine's own processes move to a child first. cgroup v1 needs nothing.
     */
    private static final String START_SCRIPT = """
            #!/bin/sh
            set -e
            if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
              mkdir -p /sys/fs/cgroup/engine-node
              for pid in $(cat /sys/fs/cgroup/cgroup.procs); do
                echo "$pid" > /sys/fs/cgroup/engine-node/cgroup.procs 2>/dev/null || true
              done
              sed -e 's/ / +/g' -e 's/^/+/' /sys/fs/cgroup/cgroup.controllers > /sys/fs/cgroup/cgroup.subtree_control
            fi
            exec dockerd "$@"
            """;

    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private EngineNodeImage() {}

    /** Why no engine image can be made from this host's files, or empty when it can. */
    static Optional<String> unavailable() {
        for (String binary : BINARIES) {
            if (!Files.isExecutable(Path.of(binary))) {
                return Optional.of(binary + " is missing: the engine nodes are made from the host's docker.io package");
            }
        }
        if (!Files.isExecutable(IPTABLES) || !Files.isExecutable(BUSYBOX)) {
            return Optional.of(IPTABLES + " and " + BUSYBOX + " (busybox-static) are needed for the engine nodes");
        }
        return Optional.empty();
    }

    /**
     * Imports the image into the test engine as {@code ref} ({@code repository:tag}), as {@code docker import} does.
     * A raw request: docker-java 3.7.1's {@code createImageCmd} JSON-encodes its input stream instead of sending it,
     * so the engine sees a broken tar ("Error processing tar file(exit status 1): unexpected EOF").
     */
    static void importAs(String ref) {
        int colon = ref.lastIndexOf(':');
        String query = "?fromSrc=-&repo=" + URLEncoder.encode(ref.substring(0, colon), StandardCharsets.UTF_8)
                + "&tag=" + URLEncoder.encode(ref.substring(colon + 1), StandardCharsets.UTF_8);
        Path tar = null;
        try {
            tar = Files.createTempFile("engine-node", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                writeRootfs(out);
            }
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            try (InputStream in = Files.newInputStream(tar);
                    DockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                            .sslConfig(config.getSSLConfig()).connectionTimeout(Duration.ofSeconds(10))
                            .responseTimeout(Duration.ofMinutes(5)).build();
                    DockerHttpClient.Response r = http.execute(DockerHttpClient.Request.builder()
                            .method(DockerHttpClient.Request.Method.POST)
                            .path("/v" + TestEngine.apiVersion() + "/images/create" + query)
                            .putHeader("Content-Type", "application/x-tar").body(in).build())) {
                String answer = new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (r.getStatusCode() != 200 || answer.contains("\"error")) {
                    throw new IllegalStateException("cannot import the engine image " + ref + ": HTTP "
                            + r.getStatusCode() + " " + answer.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the engine image " + ref, e);
        } finally {
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans /tmp
                }
            }
        }
    }

    private static void writeRootfs(OutputStream out) throws IOException {
        Set<String> written = new LinkedHashSet<>(); // entry names, so that none is written twice
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String d : List.of("tmp/", "run/", "var/", "var/run/", "var/lib/", "var/lib/docker/", "etc/")) {
                dir(tar, written, d, d.equals("tmp/") ? 01777 : 0755);
            }
            Set<Path> libraries = new LinkedHashSet<>();
            List<Path> executables = new ArrayList<>();
            BINARIES.forEach(b -> executables.add(Path.of(b)));
            // iptables is an alternatives link to the nft or legacy multi-call binary: the image uses the host's choice
            Path xtables = IPTABLES.toRealPath();
            executables.add(xtables);
            for (Path binary : executables) {
                libraries.addAll(libraries(binary));
                file(tar, written, binary, binary, 0755);
            }
            for (String name : List.of("iptables", "iptables-save", "iptables-restore", "ip6tables", "ip6tables-save",
                    "ip6tables-restore")) {
                symlink(tar, written, "usr/sbin/" + name, xtables.getFileName().toString());
            }
            if (Files.isDirectory(XTABLES_MODULES)) {
                try (Stream<Path> modules = Files.list(XTABLES_MODULES)) {
                    for (Path module : modules.sorted().toList()) {
                        libraries.addAll(libraries(module));
                        file(tar, written, module, module, 0644);
                    }
                }
            }
            for (Path library : libraries) {
                file(tar, written, library, library, 0755);
            }
            file(tar, written, Path.of("/bin/busybox"), BUSYBOX, 0755);
            for (String applet : APPLETS) {
                symlink(tar, written, "bin/" + applet, "busybox");
            }
            bytes(tar, written, ENTRYPOINT.substring(1), 0755, START_SCRIPT.getBytes(StandardCharsets.UTF_8));
            bytes(tar, written, "etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            bytes(tar, written, "etc/group", 0644, "root:x:0:\n".getBytes(StandardCharsets.UTF_8));
            bytes(tar, written, "etc/nsswitch.conf", 0644, "hosts: files dns\n".getBytes(StandardCharsets.UTF_8));
            for (Path etc : List.of(Path.of("/etc/protocols"), Path.of("/etc/services"))) {
                if (Files.isRegularFile(etc)) {
                    file(tar, written, etc, etc, 0644);
                }
            }
        }
    }

    /** The shared libraries (and the loader) {@code ldd} lists for {@code binary}; none for a static binary. */
    private static List<Path> libraries(Path binary) {
        try {
            Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ldd " + binary + " did not finish within 30 s");
            }
            List<Path> libs = new ArrayList<>();
            Matcher m = LIBRARY.matcher(out);
            while (m.find()) {
                libs.add(Path.of(m.group(1)));
            }
            return libs; // a static binary: ldd says "not a dynamic executable" and exits 1
        } catch (IOException e) {
            throw new UncheckedIOException("ldd " + binary + " failed (is libc-bin installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void dir(TarArchiveOutputStream tar, Set<String> written, String name, int mode) throws IOException {
        if (!written.add(name)) {
            return;
        }
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040000 | mode);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void parents(TarArchiveOutputStream tar, Set<String> written, String name) throws IOException {
        int slash = -1;
        while ((slash = name.indexOf('/', slash + 1)) > 0) {
            dir(tar, written, name.substring(0, slash + 1), 0755);
        }
    }

    /** Host file {@code source} (links followed) at {@code target} in the image. */
    private static void file(TarArchiveOutputStream tar, Set<String> written, Path target, Path source, int mode)
            throws IOException {
        String name = target.toString().substring(1);
        if (written.contains(name)) {
            return; // listed twice (ldd names libc for every binary)
        }
        written.add(name);
        parents(tar, written, name);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(Files.size(source));
        tar.putArchiveEntry(e);
        Files.copy(source, tar);
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, Set<String> written, String name, int mode, byte[] content)
            throws IOException {
        parents(tar, written, name);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, Set<String> written, String name, String target)
            throws IOException {
        parents(tar, written, name);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0120777);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
