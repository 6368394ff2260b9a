package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/slipway}'s class archive (scripts/cli-class-archive.sh), through the script itself and the jar the build
 * made: one archive per JVM, named by its runtime version, and the installed Heat hooks starting from it. Where a JVM
 * would quietly run without its archive (made by another JVM, for another class path), {@code -Xshare:on} (JDK 25's
 * AOT cache: {@code -XX:AOTMode=on}) makes it fail instead; given here through {@code JAVA_TOOL_OPTIONS}, so that the
 * command lines under test stay as they are, an exit code 0 says the whole archive was used.
 */
class ClassArchiveIT {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Path BIN = Path.of("..", "bin", "slipway").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Pattern ARCHIVE = Pattern.compile("-XX:(?:SharedArchiveFile|AOTCache)=(\\S+)");

    @TempDir
    Path dir;

    @Test
    void anInstalledHookStartsFromTheClassArchiveAndKeepsStdoutToItsJson() throws Exception {
        Run install = run(List.of(BIN.toString(), "hook", "install", "--dir", dir.resolve("hooks").toString(), "--group",
                "slipway"), Map.of(), null);
        assertEquals(0, install.exit, install::toString);
        String script = Files.readString(dir.resolve("hooks").resolve("slipway"));
        Matcher m = ARCHIVE.matcher(script);
        assertTrue(m.find(), script);
        Path archive = Path.of(m.group(1));
        assertTrue(Files.isRegularFile(archive) && archive.getParent().equals(TARGET), script);
        assertTrue(archive.getFileName().toString().matches("slipway-.+\\.(jsa|aot)"), "named by its JVM: " + archive);
        assertTrue(script.contains("-Xlog:all=warning:stderr"), script);

        // An invalid spec: the hook answers at once, with no engine call.
        Run hook = run(List.of(dir.resolve("hooks").resolve("slipway").toString()), required(archive),
                "{\"id\": \"ca1\", \"name\": \"ca1\", \"group\": \"slipway\", \"config\": {\"services\": 5}}");
        assertEquals(0, hook.exit, "the hook runs with its archive required: " + hook);
        JsonNode answer = STRICT.readTree(hook.out);
        assertTrue(answer.get("deploy_status_code").asInt() != 0, hook::toString);
    }

    @Test
    void anotherJvmGetsAnArchiveOfItsOwnWithNothingOnStderr() throws Exception {
        Optional<Jdk> other = otherJdk();
        assumeTrue(other.isPresent(), "no second JDK under /usr/lib/jvm with another runtime version");
        Jdk jdk = other.get();
        String suffix = jdk.major >= 25 ? ".aot" : ".jsa";
        Path archive = TARGET.resolve("slipway-" + jdk.version.replaceAll("[^A-Za-z0-9._+-]", "_") + suffix);
        Files.deleteIfExists(archive);
        Map<String, String> env = Map.of("JAVA_HOME", jdk.home.toString());
        Run first = run(List.of(BIN.toString(), "--version"), env, null);
        assertEquals(0, first.exit, first::toString);
        assertTrue(first.out.startsWith("slipway "), first::toString);
        assertEquals("", first.err, first::toString);
        assertTrue(Files.isRegularFile(archive), "made on the first run: " + archive);

        Map<String, String> required = new HashMap<>(env);
        required.putAll(required(archive));
        Run second = run(List.of(BIN.toString(), "--version"), required, null);
        assertEquals(0, second.exit, "the second run, with its archive required: " + second);
    }

    /** The environment that makes a JVM fail where it cannot use {@code archive} whole. */
    private static Map<String, String> required(Path archive) {
        return Map.of("JAVA_TOOL_OPTIONS", archive.toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on");
    }

    /** A JDK with its runtime version and feature number. */
    private record Jdk(Path home, String version, int major) {
    }

    /** A JDK under /usr/lib/jvm whose runtime version differs from this JVM's (a machine of this project's has two). */
    private static Optional<Jdk> otherJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
                    continue;
                }
                Map<String, String> fields = new HashMap<>();
                for (String line : Files.readAllLines(release)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        fields.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                    }
                }
                String version = fields.get("JAVA_RUNTIME_VERSION");
                String feature = fields.getOrDefault("JAVA_VERSION", "").split("\\.")[0];
                if (version != null && feature.matches("\\d+") && Integer.parseInt(feature) >= 17
                        && !version.equals(System.getProperty("java.runtime.version"))) {
                    return Optional.of(new Jdk(home, version, Integer.parseInt(feature)));
                }
            }
        }
        return Optional.empty();
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** Runs {@code command} with {@code env} added (stdin: {@code stdin}, or nothing), up to two minutes. */
    private Run run(List<String> command, Map<String, String> env, String stdin) throws IOException, InterruptedException {
        String name = UUID.randomUUID().toString();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
