package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * heat-agents' compatibility mode, without an engine: {@code HEAT_DOCKER_CMD} / {@code HEAT_DOCKER_COMPOSE_CMD} name
 * a fake tool, written here, that records each call's arguments, environment and working directory and answers
 * canned outputs in call order. The hooks and the cleanup scripts must make exactly heat-agents' calls, in order,
 * with the hook's whole environment, and answer with the tool's outputs and codes as heat-agents' hooks do.
 */
class HeatAgentsCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Call N: argv to calls/N.args, environment to calls/N.env, cwd to calls/N.cwd; answers/N.{out,err,code}. */
    private static final String FAKE = "#!/bin/sh\n"
            + "d=\"$FAKE_DIR\"\n"
            + "n=$(ls \"$d/calls\" | grep -c '\\.args$')\n"
            + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$d/calls/$n.args\"\n"
            + "env > \"$d/calls/$n.env\"\n"
            + "pwd > \"$d/calls/$n.cwd\"\n"
            + "[ -f \"$d/answers/$n.out\" ] && cat \"$d/answers/$n.out\"\n"
            + "[ -f \"$d/answers/$n.err\" ] && cat \"$d/answers/$n.err\" >&2\n"
            + "[ -f \"$d/answers/$n.code\" ] && exit \"$(cat \"$d/answers/$n.code\")\"\n"
            + "exit 0\n";

    @TempDir
    Path dir;
    private Path tool;
    private Path working;
    private int answers;
    private Map<String, String> env;

    @BeforeEach
    void fake() throws IOException {
        tool = dir.resolve("fake-tool");
        Files.writeString(tool, FAKE);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("calls"));
        Files.createDirectories(dir.resolve("answers"));
        working = dir.resolve("working");
        env = new HashMap<>(System.getenv());
        env.remove("HEAT_DOCKER_CMD");
        env.remove("HEAT_DOCKER_COMPOSE_CMD");
        env.put("FAKE_DIR", dir.toString());
        env.put("HEAT_DOCKER_COMPOSE_WORKING", working.toString());
        env.put("HEAT_SHELL_CONFIG", dir.resolve("no-dispatcher-file").toString());
        env.put("HEAT_AGENT_MARK", "agent-variable"); // an agent's variable: heat-agents hands the tool everything
        env.put("TEST_MARK", "m1");
    }

    /** The next call's answer. */
    private void answer(String out, String err, int code) throws IOException {
        Path a = dir.resolve("answers");
        Files.writeString(a.resolve(answers + ".out"), out);
        Files.writeString(a.resolve(answers + ".err"), err);
        Files.writeString(a.resolve(answers + ".code"), String.valueOf(code));
        answers++;
    }

    private List<List<String>> calls() throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (int n = 0; Files.exists(dir.resolve("calls/" + n + ".args")); n++) {
            List<String> args = new ArrayList<>(List.of(tool.toString()));
            args.addAll(Files.readAllLines(dir.resolve("calls/" + n + ".args")));
            out.add(args);
        }
        return out;
    }

    private Map<String, String> envOf(int call) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("calls/" + call + ".env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private String cwdOf(int call) throws IOException {
        return Files.readString(dir.resolve("calls/" + call + ".cwd")).strip();
    }

    private List<String> call(String... args) {
        List<String> out = new ArrayList<>(List.of(tool.toString()));
        out.addAll(List.of(args));
        return out;
    }

    private void dispatcherFile(String json) throws IOException {
        Path f = dir.resolve("heat-config");
        Files.writeString(f, json);
        env.put("HEAT_SHELL_CONFIG", f.toString());
    }

    private static String item(String group, String id, String name, String action, String config, String... inputs) {
        StringBuilder in = new StringBuilder("[{\"name\": \"deploy_stack_id\", \"value\": \"stk\"},"
                + " {\"name\": \"deploy_resource_name\", \"value\": \"res\"}");
        if (action != null) {
            in.append(", {\"name\": \"deploy_action\", \"value\": \"").append(action).append("\"}");
        }
        for (String i : inputs) {
            in.append(", ").append(i);
        }
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"group\": \"" + group + "\", \"inputs\": " + in
                + "], \"config\": " + config + "}";
    }

    // ---- docker-cmd ----

    private static final String CMD_CONFIG = "{"
            + "\"app\": {\"image\": \"img-a\", \"start_order\": 1, \"command\": \"serve --port 80\", \"environment\": [\"A=1\"],"
            + "          \"volumes_from\": [\"data\"], \"restart\": \"always\", \"ignored_key\": 1},"
            + "\"data\": {\"image\": \"img-d\", \"detach\": false, \"user\": \"nobody\", \"privileged\": false},"
            + "\"check\": {\"action\": \"exec\", \"start_order\": 2, \"command\": [\"app\", \"cat\", \"/etc/x\"], \"user\": \"root\","
            + "           \"exit_codes\": [0, 4]}}";

    private List<String> run(String name, String key, String... rest) {
        List<String> a = call("run", "--name", name, "--label", "deploy_stack_id=stk", "--label", "deploy_resource_name=res",
                "--label", "config_id=cfg1", "--label", "container_name=" + key, "--label", "managed_by=docker-cmd");
        a.addAll(List.of(rest));
        return a;
    }

    @Test
    void dockerCmdMakesExactlyTheOriginalsCallsAndAnswersWithTheirOutputs() throws IOException {
        env.put("HEAT_DOCKER_CMD", tool.toString());
        answer("", "Error: No such object: data", 1);
        answer("ran data", "", 0);
        answer("", "Error: No such object: app", 1);
        answer("cid-app\n", "", 0);
        answer("app\n", "", 0);
        answer("", "no x", 4);
        Dispatcher.Run r = Dispatcher.run("docker-cmd", item("docker-cmd", "cfg1", "dep", null, CMD_CONFIG), env);

        assertEquals(0, r.exit());
        assertEquals(Map.of("deploy_stdout", "ran data\ncid-app\n", "deploy_stderr", "no x", "deploy_status_code", 0), r.map(),
                "code 4 is among exit_codes");
        assertEquals(List.of(call("inspect", "--format", "exists", "data"),
                run("data", "data", "--privileged=false", "--user=nobody", "img-d"),
                call("inspect", "--format", "exists", "app"),
                // --volumes-from as the docker CLI spells it (heat-agents passes --volumes_from)
                run("app", "app", "--detach=true", "--env=A=1", "--restart=always", "--volumes-from=data", "img-a", "serve",
                        "--port", "80"),
                call("ps", "-a", "--filter", "label=container_name=app", "--filter", "label=config_id=cfg1", "--format", "{{.Names}}"),
                call("exec", "--user=root", "app", "cat", "/etc/x")), calls(), "no listing before, no label added");
        for (int n = 0; n < 6; n++) {
            assertEquals("agent-variable", envOf(n).get("HEAT_AGENT_MARK"), "the hook's whole environment");
            assertEquals("m1", envOf(n).get("TEST_MARK"));
            assertEquals(Path.of("").toAbsolutePath().toString(), cwdOf(n), "the hook's working directory");
        }
    }

    @Test
    void dockerCmdCodeOutsideExitCodesIsTheStatusAndLaterContainersStillRun() throws IOException {
        env.put("HEAT_DOCKER_CMD", tool.toString());
        answer("", "", 1);
        answer("", "bad image", 125);
        answer("", "", 1);
        answer("id2", "", 0);
        answer("", "", 0); // no container of that label: the exec targets the name as given
        answer("", "", 0);
        Dispatcher.Run r = Dispatcher.run("docker-cmd", item("docker-cmd", "cfg1", "dep", null, CMD_CONFIG), env);
        assertEquals(Map.of("deploy_stdout", "id2", "deploy_stderr", "bad image", "deploy_status_code", 125), r.map());
        assertEquals(6, calls().size());
        assertEquals(call("exec", "--user=root", "app", "cat", "/etc/x"), calls().get(5));
    }

    @Test
    void dockerCmdDeleteRemovesTheConfigsContainersWithTheCleanupsCommands() throws IOException {
        env.put("HEAT_DOCKER_CMD", tool.toString());
        answer("k1\nk2\n", "", 0);
        Dispatcher.Run r = Dispatcher.run("docker-cmd", item("docker-cmd", "cfg1", "dep", "DELETE", CMD_CONFIG), env);
        assertEquals(Map.of("deploy_stdout", "", "deploy_stderr", "", "deploy_status_code", 0), r.map());
        assertEquals(List.of(call("ps", "-q", "-a", "--filter", "label=managed_by=docker-cmd", "--filter", "label=config_id=cfg1"),
                call("rm", "-f", "k1"), call("rm", "-f", "k2")), calls());
    }

    @Test
    void dockerCmdCleanupScriptMakesTheOriginalScriptsCalls() throws IOException {
        env.put("HEAT_DOCKER_CMD", tool.toString());
        dispatcherFile("[{\"group\": \"docker-cmd\", \"id\": \"live\", \"name\": \"a\"},"
                + " {\"group\": \"script\", \"id\": \"other\", \"name\": \"b\"}]");
        answer("live\nold\nold\nother\n", "", 0);
        answer("c1\nc2\n", "", 0);
        answer("", "", 0);
        answer("", "Error: cannot remove c2", 1); // logged; the cleanup goes on
        answer("", "", 0);
        answer("web-abcdefgh web\nweb2 web2\nq-12345678 q\nq q\nlonely\n", "", 0);
        answer("", "", 0);
        assertEquals(0, Hooks.cleanup("docker-cmd", env));
        String managedBy = "label=managed_by=docker-cmd";
        assertEquals(List.of(call("ps", "-a", "--filter", managedBy, "--format", "{{.Label \"config_id\"}}"),
                call("ps", "-q", "-a", "--filter", managedBy, "--filter", "label=config_id=old"),
                call("rm", "-f", "c1"), call("rm", "-f", "c2"),
                call("ps", "-q", "-a", "--filter", managedBy, "--filter", "label=config_id=other"),
                call("ps", "-a", "--format", "{{.Names}} {{.Label \"container_name\"}}"),
                call("rename", "web-abcdefgh", "web")), calls(), "q-12345678 stays: q exists");
        assertEquals("agent-variable", envOf(0).get("HEAT_AGENT_MARK"));
    }

    @Test
    void cleanupScriptsWithoutADispatcherFileDoNothing() throws IOException {
        env.put("HEAT_DOCKER_CMD", tool.toString());
        env.put("HEAT_DOCKER_COMPOSE_CMD", tool.toString());
        Files.createDirectories(working.resolve("proj"));
        Files.writeString(working.resolve("proj/docker-compose.yml"), "services: {}\n");
        assertEquals(0, Hooks.cleanup("docker-cmd", env));
        assertEquals(0, Hooks.cleanup("docker-compose", env));
        assertEquals(List.of(), calls());
        assertTrue(Files.exists(working.resolve("proj/docker-compose.yml")));
        assertEquals(Hooks.INVALID, Hooks.cleanup("atomic", env));
    }

    // ---- docker-compose ----

    /** A v1 file with a key Compose would refuse (name): the tool decides, not the hook. */
    private static final String COMPOSE_TEXT = "web:\n  image: img-w\n  name: not-a-compose-key\n"
            + "  env_file: [./a.env, ./sub/b.env]\ndb:\n  image: img-d\n  env_file: ./c.env\n";
    private static final String ENV_FILES = "{\"name\": \"env_files\", \"value\": \"[{\\\"file_name\\\": \\\"./a.env\\\", "
            + "\\\"content\\\": \\\"A=1\\\"}, {\\\"file_name\\\": \\\"./sub/b.env\\\", \\\"content\\\": \\\"B=2\\\"}, "
            + "{\\\"file_name\\\": \\\"./unused.env\\\", \\\"content\\\": \\\"U=3\\\"}]\"}";

    @Test
    void dockerComposeRunsUpInTheProjectWithTheConfigAsGivenAndAnswersTheToolsCode() throws IOException {
        env.put("HEAT_DOCKER_COMPOSE_CMD", tool.toString());
        answer("Creating web\n", "ERROR: web: something Compose refused", 3);
        Dispatcher.Run r = Dispatcher.run("docker-compose", item("docker-compose", "c1", "proj1", null,
                JSON.writeValueAsString(COMPOSE_TEXT), ENV_FILES), env);

        assertEquals(0, r.exit());
        assertEquals(Map.of("deploy_stdout", "Creating web\n", "deploy_stderr", "ERROR: web: something Compose refused",
                "deploy_status_code", 3), r.map());
        assertEquals(List.of(call("up", "-d", "--no-build")), calls());
        Path project = working.resolve("proj1");
        assertEquals(project.toString(), cwdOf(0));
        assertEquals("agent-variable", envOf(0).get("HEAT_AGENT_MARK"), "the hook's whole environment");
        assertEquals(working.toString(), envOf(0).get("HEAT_DOCKER_COMPOSE_WORKING"));
        assertEquals(COMPOSE_TEXT, Files.readString(project.resolve("docker-compose.yml")), "the config as given");
        assertEquals("rw-------", mode(project.resolve("docker-compose.yml")));
        assertEquals("rwx------", mode(project));
        assertEquals("A=1", Files.readString(project.resolve("a.env")));
        assertEquals("B=2", Files.readString(project.resolve("sub/b.env")));
        assertEquals("rw-------", mode(project.resolve("sub/b.env")));
        assertFalse(Files.exists(project.resolve("unused.env")), "only the files a service names");
        assertFalse(Files.exists(project.resolve("c.env")), "not given: Compose reports it");
    }

    @Test
    void dockerComposeMapConfigIsWrittenAsYamlAndSuccessIsZero() throws IOException {
        env.put("HEAT_DOCKER_COMPOSE_CMD", tool.toString());
        answer("", "Creating proj2_web_1 ... done", 0);
        String config = "{\"version\": \"2.1\", \"services\": {\"web\": {\"image\": \"img\", \"x-anything\": [1, 2]}}}";
        Dispatcher.Run r = Dispatcher.run("docker-compose", item("docker-compose", "c2", "proj2", "UPDATE", config), env);
        assertEquals(Map.of("deploy_stdout", "", "deploy_stderr", "Creating proj2_web_1 ... done", "deploy_status_code", 0), r.map());
        assertEquals(List.of(call("up", "-d", "--no-build")), calls());
        assertEquals(JSON.readValue(config, Map.class),
                new YAMLMapper().readValue(working.resolve("proj2/docker-compose.yml").toFile(), Map.class));
    }

    @Test
    void dockerComposeDeleteTakesTheProjectDownAfterwardsAndTheCleanupTakesStaleOnesDown() throws IOException {
        env.put("HEAT_DOCKER_COMPOSE_CMD", tool.toString());
        answer("", "", 0);
        Dispatcher.Run up = Dispatcher.run("docker-compose", item("docker-compose", "c3", "proj3", null, JSON.writeValueAsString(COMPOSE_TEXT)), env);
        assertEquals(0, up.status());
        answer("", "Stopping proj3_web_1", 0);
        Dispatcher.Run delete = Dispatcher.run("docker-compose", item("docker-compose", "c3", "proj3", "DELETE", "{}"), env);
        assertEquals(Map.of("deploy_stdout", "", "deploy_stderr", "", "deploy_status_code", 0), delete.map());
        assertEquals(call("down"), calls().get(1));
        assertEquals(working.resolve("proj3").toString(), cwdOf(1));
        assertFalse(Files.exists(working.resolve("proj3")));

        for (String p : List.of("keep", "gone")) {
            Files.createDirectories(working.resolve(p));
            Files.writeString(working.resolve(p + "/docker-compose.yml"), "services: {}\n");
        }
        Files.createDirectories(working.resolve("no-compose-file"));
        dispatcherFile("[{\"group\": \"docker-compose\", \"id\": \"k\", \"name\": \"keep\"}]");
        answer("", "", 0);
        assertEquals(0, Hooks.cleanup("docker-compose", env));
        assertEquals(3, calls().size());
        assertEquals(call("down"), calls().get(2));
        assertEquals(working.resolve("gone").toString(), cwdOf(2));
        assertFalse(Files.exists(working.resolve("gone")));
        assertTrue(Files.exists(working.resolve("keep/docker-compose.yml")));
        assertTrue(Files.exists(working.resolve("no-compose-file")));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
