package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway hook install} and the installed hooks, driven the way heat-config's dispatcher
 * ({@code 55-heat-config}) drives a hook: the script run with no arguments, the item as JSON on stdin, stdout
 * read as one JSON object. The scripts exec the JVM and class path of the installing command; here that is this
 * test JVM and its class path (no shaded jar is needed), the same code path {@code bin/slipway} takes with the jar.
 */
class HookCommandIT {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String P = "hk" + UUID.randomUUID().toString().substring(0, 6);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @AfterEach
    void removeEverything() {
        for (Container c : TestEngine.client().listContainersCmd().withShowAll(true).exec()) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            if (labels.getOrDefault("config_name", "").startsWith(P)
                    || labels.getOrDefault("io.slipway.deployment", "").startsWith(P)) {
                TestEngine.client().removeContainerCmd(c.getId()).withForce(true).exec();
            }
        }
    }

    @Test
    void installWritesOneExecutableScriptPerGroup(@TempDir Path dir) throws IOException {
        Path hooks = dir.resolve("hooks");
        Cli.Run r = Cli.run("hook", "install", "--dir", hooks.toString(), "--java", "/opt/my java/bin/java",
                "--classpath", "rel/slipway.jar");
        assertEquals(0, r.exit(), r::toString);
        for (String group : List.of("docker-compose", "docker-cmd", "atomic", "slipway")) {
            Path hook = hooks.resolve(group);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(hook)), group);
            String text = Files.readString(hook);
            assertTrue(text.startsWith("#!/bin/sh\n"), text);
            // Another java than this one: no class archive (an archive belongs to the JVM that made it).
            assertTrue(text.contains("exec '/opt/my java/bin/java' -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                    + " -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr -cp '"
                    + Path.of("rel/slipway.jar").toAbsolutePath() + "' io.slipway.cli.SlipwayCommand hook '" + group + "'\n"), text);
            assertTrue(r.out().contains("installed hook " + hook.toAbsolutePath()), r.out());
        }
        for (String group : List.of("docker-cmd", "docker-compose")) {
            Path cleanup = hooks.resolve("50-heat-config-" + group);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(cleanup)), group);
            assertTrue(Files.readString(cleanup).endsWith("io.slipway.cli.SlipwayCommand hook cleanup '" + group + "'\n"),
                    Files.readString(cleanup));
            assertTrue(r.out().contains("installed cleanup " + cleanup.toAbsolutePath()), r.out());
        }
    }

    @Test
    void theInstalledCleanupScriptMakesHeatAgentsCalls(@TempDir Path dir) throws Exception {
        Path hooks = dir.resolve("hooks");
        Path configure = dir.resolve("configure.d");
        assertEquals(0, Cli.run("hook", "install", "--dir", hooks.toString(), "--group", "docker-cmd",
                "--cleanup-dir", configure.toString()).exit());
        assertFalse(Files.exists(hooks.resolve("50-heat-config-docker-cmd")), "--cleanup-dir puts it there instead");
        Path tool = dir.resolve("fake-docker");
        Path calls = dir.resolve("calls");
        Files.writeString(tool, "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
                + "case \"$*\" in *' -q '*) echo c9;; *config_id*) echo gone;; esac\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("heat-config"), "[{\"group\": \"docker-cmd\", \"id\": \"live\"}]");
        ProcessBuilder pb = new ProcessBuilder(configure.resolve("50-heat-config-docker-cmd").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        pb.environment().put("HEAT_DOCKER_CMD", tool.toString());
        pb.environment().put("HEAT_SHELL_CONFIG", dir.resolve("heat-config").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out")));
        assertEquals(List.of("ps -a --filter label=managed_by=docker-cmd --format {{.Label \"config_id\"}}",
                "ps -q -a --filter label=managed_by=docker-cmd --filter label=config_id=gone", "rm -f c9",
                "ps -a --format {{.Names}} {{.Label \"container_name\"}}"), Files.readAllLines(calls));
        Cli.Run bad = Cli.run("hook", "cleanup", "atomic");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("no cleanup for group 'atomic'"), bad::toString);
    }

    @Test
    void installOneGroupOrRefuseAnUnknownOne(@TempDir Path dir) throws IOException {
        assertEquals(0, Cli.run("hook", "install", "--dir", dir.toString(), "--group", "slipway").exit());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("slipway")), files.toList());
        }
        Cli.Run bad = Cli.run("hook", "install", "--dir", dir.toString(), "--group", "puppet");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("unknown hook group 'puppet'; valid groups: docker-compose, docker-cmd, atomic, slipway"),
                bad::toString);
        assertEquals("'it'\\''s'", HookInstallCommand.quote("it's"));
    }

    @Test
    void inProcessHookReadsStdinAndAnswersWithJsonOnly() throws IOException {
        Cli.Run r = Cli.runWithStdin(Map.of(), "{\"id\": \"1\", \"group\": \"nope\"}", "hook", "nope");
        assertEquals(0, r.exit(), r::toString);
        JsonNode response = STRICT.readTree(r.out());
        assertEquals(2, response.get("deploy_status_code").asInt());
        assertTrue(response.get("deploy_stderr").asText().startsWith("unknown hook group 'nope'"), r::toString);
    }

    /** Runs an installed hook as the dispatcher does: no arguments, the item on stdin, stdout captured. */
    private static Process dispatch(Path hook, String item, Map<String, String> env, Path out, Path err)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(hook.toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(item.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the hook finished");
        return p;
    }

    private static JsonNode hook(Path hooks, String group, String item, Map<String, String> env, Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve(group + ".stdout");
        Path err = dir.resolve(group + ".stderr");
        Process p = dispatch(hooks.resolve(group), item, env, out, err);
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stdout + "\n" + stderr);
        assertFalse(stdout.contains(PASSWORD) || stderr.contains(PASSWORD), "a transport secret was printed:\n" + stdout + stderr);
        JsonNode response = STRICT.readTree(stdout); // exactly one JSON value...
        assertTrue(response.isObject(), stdout); // ...an object
        return response;
    }

    private static String item(String group, String id, String name, String action, String config) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"group\": \"" + group + "\", \"config\": " + config
                + ", \"options\": {}, \"outputs\": [{\"name\": \"task_exit\", \"type\": \"String\"}], \"inputs\": ["
                + "{\"name\": \"deploy_server_id\", \"type\": \"String\", \"value\": \"srv-1\"},"
                + "{\"name\": \"deploy_action\", \"type\": \"String\", \"value\": \"" + action + "\"},"
                + "{\"name\": \"deploy_stack_id\", \"type\": \"String\", \"value\": \"st/1\"},"
                + "{\"name\": \"deploy_resource_name\", \"type\": \"String\", \"value\": \"dep\"},"
                + "{\"name\": \"deploy_signal_transport\", \"type\": \"String\", \"value\": \"TEMP_URL_SIGNAL\"},"
                + "{\"name\": \"deploy_signal_id\", \"type\": \"String\", \"value\": \"http://swift/v1/x?temp_url_sig=" + PASSWORD + "\"},"
                + "{\"name\": \"deploy_signal_verb\", \"type\": \"String\", \"value\": \"PUT\"}]}";
    }

    @Test
    void installedHooksAnswerTheDispatcher(@TempDir Path dir) throws Exception {
        TestImages.busybox();
        Path hooks = dir.resolve("hooks");
        assertEquals(0, Cli.run("hook", "install", "--dir", hooks.toString()).exit());
        Map<String, String> env = new HashMap<>();
        env.put("HEAT_SHELL_CONFIG", dir.resolve("no-such-file").toString());

        String spec = "{\"x-slipway\": {\"outputs\": {\"task_exit\": {\"service\": \"task\", \"value\": \"exitCode\"}}},"
                + " \"services\": {\"task\": {\"image\": \"slipway-test/busybox:1\", \"command\": [\"sh\", \"-c\","
                + " \"echo signal=${deploy_signal_id}; exit 3\"], \"x-slipway\": {\"oneshot\": true, \"wait\": {\"exited\": [0, 3]}}}}}";
        JsonNode slipway = hook(hooks, "slipway", item("slipway", "s1", P + "-app", "CREATE", spec), env, dir);
        assertEquals(0, slipway.get("deploy_status_code").asInt(), slipway.toString());
        assertEquals(3, slipway.get("task_exit").asInt(), slipway.toString());
        JsonNode deleted = hook(hooks, "slipway", item("slipway", "s1", P + "-app", "DELETE", spec), env, dir);
        assertEquals(0, deleted.get("deploy_status_code").asInt(), deleted.toString());

        String containers = "{\"" + P + "-echo\": {\"image\": \"slipway-test/busybox:1\", \"detach\": false,"
                + " \"command\": [\"echo\", \"hello from docker-cmd\"]}}";
        JsonNode cmd = hook(hooks, "docker-cmd", item("docker-cmd", "d1", P + "-cmd", "CREATE", containers), env, dir);
        assertEquals(0, cmd.get("deploy_status_code").asInt(), cmd.toString());
        assertEquals("hello from docker-cmd\n", cmd.get("deploy_stdout").asText());
        JsonNode cmdDeleted = hook(hooks, "docker-cmd", item("docker-cmd", "d1", P + "-cmd", "DELETE", containers), env, dir);
        assertEquals(0, cmdDeleted.get("deploy_status_code").asInt(), cmdDeleted.toString());

        JsonNode garbage = hook(hooks, "docker-cmd", "not json", env, dir);
        assertEquals(2, garbage.get("deploy_status_code").asInt());
        assertTrue(garbage.get("deploy_stderr").asText().startsWith("stdin is not a JSON object"), garbage.toString());
        assertTrue(Files.readString(dir.resolve("docker-cmd.stderr")).contains("deploy_status_code 2"),
                "the reason is logged on stderr too");
    }
}
