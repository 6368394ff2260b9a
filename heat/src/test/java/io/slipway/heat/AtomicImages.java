package io.slipway.heat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.testsupport.TestEngine;
import io.slipway.testsupport.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Images for the atomic tests, built locally (nothing can be pulled): an agent (busybox and this machine's docker
 * CLI with the libraries it needs) and images carrying atomic labels. Images this JVM built are removed when it
 * exits; an agent image the atomic module's tests left is reused as it is.
 */
final class AtomicImages {

    /** The atomic module's test agent: reused when present. */
    static final String SHARED_AGENT = "slipway-test/agent:1";
    /** Built when the shared one is absent. */
    static final String OWN_AGENT = "slipway-test/heat-agent:1";

    private static final List<String> BUILT = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String tag : BUILT) {
                try {
                    TestEngine.client().removeImageCmd(tag).withForce(true).exec();
                } catch (RuntimeException e) {
                    // best effort at exit
                }
            }
        }));
    }

    private AtomicImages() {
    }

    /** An agent image: the shared one, else one built here. */
    static synchronized String agent() {
        if (exists(SHARED_AGENT)) {
            return SHARED_AGENT;
        }
        if (!exists(OWN_AGENT)) {
            build(OWN_AGENT, "FROM " + TestImages.busybox() + "\nADD docker.tar /\n", Map.of("docker.tar", dockerCli()));
        }
        return OWN_AGENT;
    }

    /** {@code tag} from the busybox image with {@code labels} and a CMD that runs until stopped; removed at exit. */
    static synchronized String labelled(String tag, Map<String, String> labels) {
        StringBuilder df = new StringBuilder("FROM " + TestImages.busybox() + "\n");
        labels.forEach((k, v) -> df.append("LABEL ").append(k).append("=\"").append(v.replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("$", "\\$")).append("\"\n"));
        df.append("CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 300 & wait\"]\n");
        build(tag, df.toString(), Map.of());
        return tag;
    }

    static boolean exists(String image) {
        try {
            TestEngine.client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void build(String tag, String dockerfile, Map<String, byte[]> files) {
        Map<String, byte[]> context = new LinkedHashMap<>();
        context.put("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        context.putAll(files);
        DockerClient docker = TestEngine.client();
        docker.buildImageCmd(new ByteArrayInputStream(tar(context, Set.of()))).withTags(Set.of(tag))
                .withLabels(Map.of("io.slipway.test-image", "heat")).withPull(false).withRemove(true)
                .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        if (!BUILT.contains(tag)) {
            BUILT.add(tag);
        }
    }

    /** usr/local/bin/docker and the shared libraries ldd names for it, at their paths. */
    private static byte[] dockerCli() {
        Path cli = Path.of("/usr/bin/docker");
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put("usr/local/bin/docker", Files.readAllBytes(cli));
            Process p = new ProcessBuilder("ldd", cli.toString()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(/\\S+)\\s+\\(0x").matcher(out);
            while (m.find()) {
                Path lib = Path.of(m.group(1));
                files.put(lib.toString().substring(1), Files.readAllBytes(lib.toRealPath()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tar(files, Set.of("usr/local/bin/docker"));
    }

    private static byte[] tar(Map<String, byte[]> files, Set<String> executables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<String> dirs = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String name = f.getKey();
                for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                    String dir = name.substring(0, i + 1);
                    if (!dirs.contains(dir)) {
                        dirs.add(dir);
                        TarArchiveEntry d = new TarArchiveEntry(dir);
                        d.setMode(040755);
                        tar.putArchiveEntry(d);
                        tar.closeArchiveEntry();
                    }
                }
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setMode(executables.contains(name) || name.contains(".so") ? 0100755 : 0100644);
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
