package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker-cmd group against the real engine, with the behaviour heat-agents' tests/test_hook_docker_cmd.py
 * and its cleanup script's tests specify: start_order, exec resolution through labels, exit_codes, unique
 * names, joined outputs, cleanup of a previous config and of configs the dispatcher no longer lists.
 */
class DockerCmdGroupIT extends DockerCmdTestBase {

    private static final String WAIT_MARKER = "while [ ! -f /tmp/marker ]; do sleep 0.05; done; cat /tmp/marker";

    @Test
    void runsInStartOrderWithLabelsEnvFilesAndExecResolution(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve("db.env");
        Files.writeString(envFile, "# comment\nFROM_FILE=yes\n  SPACED=kept\n");
        String web = P + "-web";
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(P + "-ls", Map.of("action", "exec", "start_order", 2, "command", List.of(web, "sh", "-c", WAIT_MARKER + "; echo to-err >&2")));
        config.put(web, Map.of("start_order", 1, "image", "slipway-test/busybox:1", "name", "ignored",
                "command", List.of("sh", "-c", "echo marker-ok > /tmp/marker; exec sleep 300")));
        config.put(P + "-db", Map.of("image", "slipway-test/busybox:1", "detach", false, "environment", List.of("FOO=bar"),
                "env_file", envFile.toString(), "command", List.of("sh", "-c", "echo db-ran $FOO $FROM_FILE $SPACED; echo db-warn >&2")));

        Dispatcher.Run r = hook(item("abc123", "order", config));
        assertEquals(0, r.exit());
        assertEquals(0, r.status(), r.toString());
        InspectContainerResponse w = inspect(web);
        assertNotNull(w, "the run container is named after its key");
        assertEquals("db-ran bar yes kept\n\n" + w.getId() + "\n\nmarker-ok\n", r.deployStdout(), "db, then web's id, then the exec");
        assertEquals("db-warn\n\nto-err\n", r.deployStderr());
        Map<String, String> labels = w.getConfig().getLabels();
        assertEquals("stack-" + P + "-order/42f6f66b-631a-44e7-8d01-e22fb54574a9", labels.get("deploy_stack_id"));
        assertEquals("deployment_" + P + "-order", labels.get("deploy_resource_name"));
        assertEquals("abc123", labels.get("config_id"));
        assertEquals(web, labels.get("container_name"));
        assertEquals("docker-cmd", labels.get("managed_by"));
        assertEquals(P + "-order", labels.get("config_name"));
        assertTrue(w.getState().getRunning());
        assertEquals(Boolean.FALSE, inspect(P + "-db").getState().getRunning(), "detach: false ran to its end");
        assertTrue(r.logs().contains("ignoring [name]"), "an ignored key is logged: " + r.logs());
    }

    @Test
    void aTakenNameGetsASuffixAndExecFollowsTheLabels() {
        String web = P + "-web";
        String squatter = occupy(web);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(web, Map.of("image", "slipway-test/busybox:1", "command", List.of("sh", "-c", "echo suffixed > /tmp/marker; exec sleep 300")));
        config.put(P + "-cat", Map.of("action", "exec", "start_order", 1, "command", List.of(web, "sh", "-c", WAIT_MARKER)));
        Dispatcher.Run r = hook(item("u1", "unique", config));
        assertEquals(0, r.status(), r.toString());
        Map<String, Container> mine = managed("unique");
        assertEquals(1, mine.size(), mine.keySet().toString());
        String name = mine.keySet().iterator().next();
        assertTrue(name.matches(web + "-[0-9a-z]{8}"), name);
        assertTrue(r.deployStdout().endsWith("suffixed\n"), "the exec ran in the labelled container: " + r.deployStdout());
        assertEquals(squatter, inspect(web).getId(), "the other container is untouched");
    }

    @Test
    void exitCodesDecideTheStatusAndLaterContainersStillRun() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(P + "-three", Map.of("image", "slipway-test/busybox:1", "detach", false, "command", List.of("sh", "-c", "exit 3"),
                "exit_codes", List.of(0, 3)));
        config.put(P + "-four", Map.of("image", "slipway-test/busybox:1", "detach", false, "start_order", 1,
                "command", List.of("sh", "-c", "echo four >&2; exit 4")));
        config.put(P + "-after", Map.of("image", "slipway-test/busybox:1", "detach", false, "start_order", 2,
                "command", "echo still-ran")); // a string command is split at whitespace
        config.put(P + "-lsx", Map.of("action", "exec", "start_order", 3, "exit_codes", List.of(0, 1),
                "command", List.of(P + "-after", "ls", "/nope")));
        Dispatcher.Run r = hook(item("x1", "codes", config));
        assertEquals(0, r.exit());
        assertEquals(4, r.status(), r.toString());
        assertTrue(r.deployStdout().contains("still-ran"), r.deployStdout());
        assertTrue(r.deployStderr().startsWith("four\n"), r.deployStderr());
        assertTrue(r.deployStderr().contains("is not running"), "an exec in a stopped container fails as docker exec does: "
                + r.deployStderr());
    }

    @Test
    void toolFailuresBecomeDockersExitCodes() {
        Dispatcher.Run missing = hook(item("f1", "noimage", Map.of(P + "-x", Map.of("image", "slipway-test/no-such-image:1"))));
        assertEquals(0, missing.exit());
        assertEquals(125, missing.status(), missing.toString());
        assertTrue(missing.deployStderr().startsWith("Unable to find image 'slipway-test/no-such-image:1' locally\n"
                + "docker: Error response from daemon: "), missing.deployStderr());

        Dispatcher.Run notFound = hook(item("f2", "noexec", Map.of(P + "-y", Map.of("image", "slipway-test/busybox:1",
                "command", "no-such-binary"))));
        assertEquals(127, notFound.status(), notFound.toString());
        assertTrue(notFound.deployStderr().contains("executable file not found"), notFound.deployStderr());

        Dispatcher.Run noContainer = hook(item("f3", "nocontainer", Map.of(P + "-z", Map.of("action", "exec",
                "command", List.of(P + "-nosuch", "true")))));
        assertEquals(1, noContainer.status(), noContainer.toString());
        assertEquals("Error: No such container: " + P + "-nosuch\n", noContainer.deployStderr());

        Map<String, Object> execMissing = new LinkedHashMap<>();
        execMissing.put(P + "-host", Map.of("image", "slipway-test/busybox:1", "command", List.of("sleep", "300")));
        execMissing.put(P + "-nobin", Map.of("action", "exec", "start_order", 1, "command", List.of(P + "-host", "no-such-binary")));
        Dispatcher.Run noBinary = hook(item("f5", "nobin", execMissing));
        assertEquals(126, noBinary.status(), "docker exec of a missing executable: " + noBinary);
        assertTrue(noBinary.deployStdout().contains("exec: \"no-such-binary\": executable file not found"),
                "on stdout, where the docker CLI prints it too: " + noBinary.deployStdout());

        Dispatcher.Run invalid = hook(item("f4", "invalid", Map.of(P + "-w", Map.of("action", "restart"))));
        assertEquals(Hooks.INVALID, invalid.status());
        assertEquals("config." + P + "-w.action: unknown action 'restart'; valid actions: run, exec", invalid.deployStderr());
        assertTrue(managed("invalid").isEmpty());
    }

    @Test
    void anUpdateWithANewConfigIdReplacesThePreviousConfigsContainers() {
        String web = P + "-web";
        Dispatcher.Run first = hook(item("cfg-1", "upd", Map.of(web, Map.of("image", "slipway-test/busybox:1",
                "command", List.of("sleep", "300")))));
        assertEquals(0, first.status(), first.toString());
        String oldId = inspect(web).getId();
        Dispatcher.Run second = hook(item("cfg-2", "upd", Map.of(web, Map.of("image", "slipway-test/busybox:1",
                "command", List.of("sleep", "301")))).action("UPDATE"));
        assertEquals(0, second.status(), second.toString());
        assertNull(inspect(oldId), "the previous config's container is removed");
        Map<String, Container> mine = managed("upd");
        assertEquals(List.of(web), List.copyOf(mine.keySet()), "and the name is free again, no suffix");
        assertEquals("cfg-2", mine.get(web).getLabels().get("config_id"));
    }

    @Test
    void dispatcherFileCleanupAndRenameBack(@TempDir Path dir) throws Exception {
        String svc = P + "-svc";
        String squatter = occupy(svc);
        Items x = item("cfg-x", "dx", Map.of(svc, Map.of("image", "slipway-test/busybox:1", "command", List.of("sleep", "300"))));
        assertEquals(0, hook(x).status());
        String suffixed = managed("dx").keySet().iterator().next();
        assertTrue(suffixed.startsWith(svc + "-"), suffixed);
        docker().removeContainerCmd(squatter).withForce(true).exec();

        // The dispatcher lists both deployments: nothing is removed, and x's container gets its name back.
        Items y = item("cfg-y", "dy", Map.of(P + "-other", Map.of("image", "slipway-test/busybox:1", "command", List.of("sleep", "300"))));
        Path file = dir.resolve("heat-config");
        Files.writeString(file, HeatValues.json(List.of(x.dispatched(), y.dispatched())));
        env.put("HEAT_SHELL_CONFIG", file.toString());
        assertEquals(0, hook(y).status());
        assertEquals(List.of(svc), List.copyOf(managed("dx").keySet()), "renamed back to its container_name");

        // x is no longer listed: its containers go, y's stay.
        Files.writeString(file, HeatValues.json(List.of(y.dispatched())));
        Dispatcher.Run again = hook(item("cfg-y", "dy", Map.of(P + "-other2", Map.of("image", "slipway-test/busybox:1",
                "command", List.of("sleep", "300")))));
        assertEquals(0, again.status(), again.toString());
        assertTrue(managed("dx").isEmpty(), "a config the dispatcher no longer lists is removed");
        assertEquals(2, managed("dy").size());
    }

    @Test
    void deleteSuspendAndResume() {
        String web = P + "-web";
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(web, Map.of("image", "slipway-test/busybox:1", "command", List.of("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")));
        config.put(P + "-task", Map.of("image", "slipway-test/busybox:1", "detach", false, "command", List.of("echo", "task")));
        assertEquals(0, hook(item("s1", "power", config)).status());

        Dispatcher.Run suspend = hook(item("s1", "power", config).action("SUSPEND"));
        assertEquals(0, suspend.status(), suspend.toString());
        assertFalse(inspect(web).getState().getRunning());

        Dispatcher.Run resume = hook(item("s1", "power", config).action("RESUME"));
        assertEquals(0, resume.status(), resume.toString());
        assertTrue(inspect(web).getState().getRunning());
        assertFalse(inspect(P + "-task").getState().getRunning(), "a foreground task is not run again");

        Dispatcher.Run delete = hook(item("s1", "power", config).action("DELETE"));
        assertEquals(0, delete.status(), delete.toString());
        assertEquals("", delete.deployStdout());
        assertTrue(managed("power").isEmpty(), "DELETE removes the deployment's containers");
        assertEquals(0, hook(item("s0", "empty", Map.of())).status(), "an empty config does nothing");
    }

    @Test
    void transportSecretsNeverReachStdoutStderrOrLogs() {
        Map<String, Object> config = Map.of(P + "-leak", Map.of("image", "slipway-test/busybox:1", "detach", false,
                "environment", List.of("PW=" + Items.PASSWORD), "command", List.of("sh", "-c", "echo pw=$PW; echo pw=$PW >&2")));
        Dispatcher.Run r = hook(item("sec1", "secret", config));
        assertEquals(0, r.status(), r.toString());
        assertEquals("pw=******\n", r.deployStdout());
        assertEquals("pw=******\n", r.deployStderr());
        assertFalse(r.everything().contains(Items.PASSWORD), r.toString());
        assertFalse(r.everything().contains(Items.SIGNAL), r.toString());
    }
}
