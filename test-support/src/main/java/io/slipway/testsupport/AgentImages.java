package io.slipway.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Images for the atomic backend's tests (atomic, heat), built locally through the Engine API (nothing can be
 * pulled): the agent (busybox + the machine's docker CLI) and images with atomic labels, written as Dockerfile
 * LABEL lines.
 */
public final class AgentImages {

    /** busybox + a docker CLI in /usr/local/bin. */
    public static final String AGENT = "slipway-test/agent:1";
    /** The same content under another tag and id: a changed agent image. */
    public static final String AGENT_2 = "slipway-test/agent:2";

    private static final Date EPOCH = new Date(0);

    private AgentImages() {
    }

    /** {@value #AGENT}, built once. */
    public static synchronized String agent() {
        return agent(AGENT, "1");
    }

    /** {@value #AGENT_2}, built once. */
    public static synchronized String agent2() {
        return agent(AGENT_2, "2");
    }

    private static String agent(String tag, String generation) {
        return exists(tag) ? tag : agentFrom(dockerCli(), tag, generation);
    }

    /** Builds {@code tag}: busybox + the docker CLI {@code cli} (with its libraries when it is dynamically linked). */
    public static String agentFrom(Path cli, String tag, String generation) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("docker.tar", dockerCliTar(cli));
        build(tag, "FROM " + TestImages.busybox() + "\nADD docker.tar /\nLABEL io.slipway.test-agent=" + generation + "\n",
                files);
        return tag;
    }

    /**
     * Builds {@code tag} from {@value TestImages#BUSYBOX} with {@code labels} as Dockerfile LABEL lines (quoted
     * and escaped as a Dockerfile needs), every time: the label texts are the test's.
     */
    public static String withLabels(String tag, Map<String, String> labels) {
        StringBuilder df = new StringBuilder("FROM " + TestImages.busybox() + "\n");
        labels.forEach((k, v) -> df.append("LABEL ").append(k).append("=\"").append(escape(v)).append("\"\n"));
        build(tag, df.toString(), Map.of());
        Map<String, String> got = TestEngine.client().inspectImageCmd(tag).exec().getConfig().getLabels();
        labels.forEach((k, v) -> {
            if (!v.equals(got.get(k))) {
                throw new IllegalStateException("label " + k + " of " + tag + " is '" + got.get(k) + "', not '" + v + "'");
            }
        });
        return tag;
    }

    /**
     * As {@link #withLabels}, with a command that runs until it is stopped (and stops at once on SIGTERM), for
     * images whose service is run by atomic's default run.
     */
    public static String serviceWithLabels(String tag, Map<String, String> labels) {
        StringBuilder df = new StringBuilder("FROM " + TestImages.busybox() + "\n");
        labels.forEach((k, v) -> df.append("LABEL ").append(k).append("=\"").append(escape(v)).append("\"\n"));
        df.append("CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 300 & wait\"]\n");
        build(tag, df.toString(), Map.of());
        return tag;
    }

    /** An image whose docker is a shell script that idles for {@code docker events} and fails otherwise. */
    public static String fakeDockerAgent(String tag) {
        String script = "#!/bin/sh\nif [ \"$1\" = events ]; then exec sleep 3600; fi\n"
                + "echo \"fake docker: cannot reach the engine\" >&2\nexit 1\n";
        Map<String, byte[]> files = Map.of("docker.tar", tar(Map.of("usr/local/bin/docker",
                script.getBytes(StandardCharsets.UTF_8)), Set.of("usr/local/bin/docker")));
        build(tag, "FROM " + TestImages.busybox() + "\nADD docker.tar /\n", files);
        return tag;
    }

    /** {@code v} quoted for a Dockerfile LABEL value in double quotes. */
    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
    }

    /** Whether {@code image} exists on the test engine. */
    public static boolean exists(String image) {
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
                .withLabels(Map.of("io.slipway.test-image", "atomic")).withPull(false).withRemove(true)
                .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
    }

    /**
     * A tar of the docker CLI at usr/local/bin/docker: a statically linked one as it is, else a dynamically
     * linked one with the libraries {@code ldd} names, at their paths.
     */
    private static byte[] dockerCliTar(Path cli) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put("usr/local/bin/docker", Files.readAllBytes(cli));
            if (dynamic(cli)) {
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
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tar(files, Set.of("usr/local/bin/docker"));
    }

    /** A docker CLI on this machine, a statically linked one preferred. */
    public static Path dockerCli() {
        Set<Path> candidates = new LinkedHashSet<>();
        candidates.add(Path.of("/usr/local/bin/docker"));
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, "docker"));
        }
        Path dynamic = null;
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                if (!dynamic(c)) {
                    return c;
                }
                dynamic = dynamic == null ? c : dynamic;
            }
        }
        if (dynamic == null) {
            throw new IllegalStateException("no docker CLI found (looked at " + candidates + "); the atomic tests copy "
                    + "it into their agent image. Install docker.io, or run scripts/docker-engine.sh.");
        }
        return dynamic;
    }

    /** Whether the ELF binary has a program interpreter (PT_INTERP), i.e. is dynamically linked. */
    public static boolean dynamic(Path binary) {
        try {
            byte[] b = Files.readAllBytes(binary);
            if (b.length < 64 || b[0] != 0x7f || b[1] != 'E' || b[4] != 2) {
                return false;
            }
            long phoff = read(b, 0x20, 8);
            int size = (int) read(b, 0x36, 2);
            int count = (int) read(b, 0x38, 2);
            for (int i = 0; i < count; i++) {
                int at = (int) (phoff + (long) i * size);
                if (at + 4 <= b.length && read(b, at, 4) == 3) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long read(byte[] b, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (b[offset + i] & 0xffL) << (8 * i);
        }
        return v;
    }

    private static byte[] tar(Map<String, byte[]> files, Set<String> executables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Set<String> dirs = new LinkedHashSet<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String name = f.getKey();
                for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                    String dir = name.substring(0, i + 1);
                    if (dirs.add(dir)) {
                        TarArchiveEntry d = new TarArchiveEntry(dir);
                        d.setMode(040755);
                        d.setModTime(EPOCH);
                        tar.putArchiveEntry(d);
                        tar.closeArchiveEntry();
                    }
                }
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setMode(executables.contains(name) || name.contains(".so") ? 0100755 : 0100644);
                e.setSize(f.getValue().length);
                e.setModTime(EPOCH);
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
