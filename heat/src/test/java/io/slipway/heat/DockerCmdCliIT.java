package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HEAT_DOCKER_CMD}: the group runs that CLI with heat-agents' arguments. First against a fake CLI that
 * records its arguments and answers as heat-agents' tests/config-tool-fake.py does in tests/test_hook_docker_cmd.py
 * (the same item, the same expected argument lists: nothing more, nothing in between), then against the real
 * docker CLI and engine.
 */
class DockerCmdCliIT extends DockerCmdTestBase {

    /** heat-agents' test item (tests/test_hook_docker_cmd.py, {@code data}). */
    private static final String DATA = "{\"name\": \"abcdef001\", \"group\": \"docker-cmd\", \"id\": \"abc123\","
            + " \"inputs\": [{\"name\": \"deploy_stack_id\", \"value\": \"the_stack\"},"
            + " {\"name\": \"deploy_resource_name\", \"value\": \"the_deployment\"}],"
            + " \"config\": {"
            + "  \"db\": {\"name\": \"x\", \"image\": \"xxx\", \"privileged\": false, \"environment\": [\"foo=bar\"],"
            + "          \"env_file\": \"env.file\", \"start_order\": 0},"
            + "  \"web-ls\": {\"action\": \"exec\", \"start_order\": 2, \"command\": [\"web\", \"/bin/ls\", \"-l\"]},"
            + "  \"web\": {\"name\": \"y\", \"start_order\": 1, \"image\": \"yyy\", \"net\": \"host\", \"restart\": \"always\","
            + "          \"privileged\": true, \"user\": \"root\", \"command\": \"/bin/webserver start\","
            + "          \"volumes\": [\"/run:/run\", \"db:/var/lib/db\"],"
            + "          \"environment\": [\"KOLLA_CONFIG_STRATEGY=COPY_ALWAYS\", \"FOO=BAR\"],"
            + "          \"env_file\": [\"foo.env\", \"bar.conf\"]}}}";

    /** Records each call's arguments, one per line, in $STATE.N; answers like config-tool-fake.py's TEST_RESPONSE. */
    private static final String FAKE = "#!/bin/sh\n"
            + "n=$(ls \"$STATE\".* 2>/dev/null | wc -l)\n"
            + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$STATE.$n\"\n"
            + "case \"$1\" in\n"
            + "  inspect) if [ -n \"$TAKEN\" ] && [ \"$4\" = \"${4%%-*}\" ]; then echo exists; exit 0; fi\n"
            + "           echo \"Error: No such object: $4\" >&2; exit 1;;\n"
            + "  ps) case \"$*\" in *managed_by=docker-cmd*) exit 0;; esac; echo \"${EXEC_NAME:-web}\";;\n"
            + "  run) printf 'Creating %s...' \"${3%%-*}\" >&2;;\n"
            + "  exec) printf \"$EXEC_ERR\" >&2; exit ${EXEC_CODE:-0};;\n"
            + "esac\n";

    private Path state;

    private Dispatcher.Run fake(Path dir, Map<String, String> settings) throws IOException {
        Path tool = dir.resolve("fake-docker");
        Files.writeString(tool, FAKE);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        state = dir.resolve("state");
        env.put("HEAT_DOCKER_CMD", tool.toString());
        env.put("STATE", state.toString());
        env.putAll(settings);
        return Dispatcher.run("docker-cmd", DATA, env);
    }

    /** Every recorded call, in order. */
    private List<List<String>> calls() throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(state.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("state."))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(6)))).toList()) {
                out.add(Files.readAllLines(f));
            }
        }
        return out;
    }

    private static List<String> run(String name, String... rest) {
        List<String> a = new ArrayList<>(List.of("run", "--name", name, "--label", "deploy_stack_id=the_stack", "--label",
                "deploy_resource_name=the_deployment", "--label", "config_id=abc123", "--label",
                "container_name=" + name.replaceFirst("-.*", ""), "--label", "managed_by=docker-cmd"));
        a.addAll(List.of(rest));
        return a;
    }

    private static final String[] DB = {"--detach=true", "--env-file=env.file", "--env=foo=bar", "--privileged=false", "xxx"};
    private static final String[] WEB = {"--detach=true", "--env-file=foo.env", "--env-file=bar.conf",
        "--env=KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "--env=FOO=BAR", "--net=host", "--privileged=true", "--restart=always",
        "--user=root", "--volume=/run:/run", "--volume=db:/var/lib/db", "yyy", "/bin/webserver", "start"};
    private static final List<String> PS_WEB = List.of("ps", "-a", "--filter", "label=container_name=web", "--filter",
            "label=config_id=abc123", "--format", "{{.Names}}");

    @Test
    void theOriginalsArgumentsAndJoinedOutputs(@TempDir Path dir) throws IOException {
        Dispatcher.Run r = fake(dir, Map.of("EXEC_ERR", "one.txt\\ntwo.txt\\nthree.txt"));
        assertEquals(0, r.exit());
        assertEquals(Map.of("deploy_stdout", "", "deploy_stderr", "Creating db...\nCreating web...\none.txt\ntwo.txt\nthree.txt",
                "deploy_status_code", 0), r.map());
        assertEquals(List.of(List.of("inspect", "--format", "exists", "db"), run("db", DB),
                List.of("inspect", "--format", "exists", "web"), run("web", WEB), PS_WEB,
                List.of("exec", "web", "/bin/ls", "-l")), calls());
    }

    @Test
    void aFailedExecBecomesTheStatusAndAnAcceptedOneDoesNot(@TempDir Path dir) throws IOException {
        Dispatcher.Run r = fake(dir, Map.of("EXEC_ERR", "No such file or directory", "EXEC_CODE", "2"));
        assertEquals(2, r.status());
        assertEquals("Creating db...\nCreating web...\nNo such file or directory", r.deployStderr());
    }

    @Test
    void takenNamesGetARandomSuffix(@TempDir Path dir) throws IOException {
        Dispatcher.Run r = fake(dir, Map.of("TAKEN", "1", "EXEC_NAME", "web-asdf1234", "EXEC_ERR", "one.txt"));
        assertEquals(0, r.status(), r.toString());
        List<List<String>> calls = calls();
        String db = calls.get(1).get(3);
        String web = calls.get(4).get(3);
        assertTrue(db.matches("db-[0-9a-z]{8}"), db);
        assertTrue(web.matches("web-[0-9a-z]{8}"), web);
        assertEquals(List.of(List.of("inspect", "--format", "exists", "db"), List.of("inspect", "--format", "exists", db),
                run(db, DB), List.of("inspect", "--format", "exists", "web"), List.of("inspect", "--format", "exists", web),
                run(web, WEB), PS_WEB, List.of("exec", "web-asdf1234", "/bin/ls", "-l")), calls);
    }

    @Test
    void theRealDockerCliAgainstTheEngine() {
        env.put("HEAT_DOCKER_CMD", "docker");
        String web = P + "-cliweb";
        Map<String, Object> config = Map.of(web, Map.of("image", "slipway-test/busybox:1",
                "command", List.of("sh", "-c", "echo via-cli > /tmp/m; exec sleep 300")),
                P + "-cliexec", Map.of("action", "exec", "start_order", 1,
                        "command", List.of(web, "sh", "-c", "while [ ! -f /tmp/m ]; do sleep 0.05; done; cat /tmp/m")));
        Dispatcher.Run r = hook(item("cli-1", "cli", config));
        assertEquals(0, r.status(), r.toString());
        InspectContainerResponse c = inspect(web);
        assertTrue(r.deployStdout().startsWith(c.getId() + "\n"), r.deployStdout());
        assertTrue(r.deployStdout().endsWith("via-cli\n"), r.deployStdout());
        assertEquals("cli-1", c.getConfig().getLabels().get("config_id"));
        assertEquals(null, c.getConfig().getLabels().get("config_name"), "the original's labels only");
        Dispatcher.Run delete = hook(item("cli-1", "cli", config).action("DELETE"));
        assertEquals(0, delete.status(), delete.toString());
        assertEquals(null, inspect(web), "DELETE removes the config's containers with the cleanup's commands");
    }
}
