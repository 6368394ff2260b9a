package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atomic group: on Slipway's atomic backend (a privileged agent of this class's own, removed at the end), and
 * with {@code HEAT_ATOMIC_CMD} against a fake atomic tool answering as heat-templates'
 * tests/software_config/test_hook_atomic.py expects.
 */
class AtomicGroupIT {

    static final String P = "ha" + UUID.randomUUID().toString().substring(0, 6);
    static final String AGENT = "slipway-heat-agent-" + P;
    static String image;
    static String broken;

    @TempDir
    Path working;
    private Map<String, String> env;
    private final List<Items> deployed = new ArrayList<>();

    @BeforeAll
    static void images() {
        image = AgentImages.serviceWithLabels("slipway-test/heat-atomic-" + P + ":1", Map.of(
                "INSTALL", "docker run --rm IMAGE echo installed NAME",
                "UNINSTALL", "docker run --rm IMAGE echo uninstalled NAME"));
        broken = AgentImages.serviceWithLabels("slipway-test/heat-atomic-broken-" + P + ":1", Map.of(
                "INSTALL", "docker run --rm IMAGE sh -c 'echo install broke >&2; exit 4'"));
    }

    @AfterAll
    static void removeAgent() {
        try {
            TestEngine.client().removeContainerCmd(AGENT).withForce(true).exec();
        } catch (NotFoundException e) {
            // never started
        }
    }

    @BeforeEach
    void environment() {
        env = new HashMap<>(System.getenv());
        env.remove("HEAT_ATOMIC_CMD");
        env.put("HEAT_ATOMIC_WORKING", working.resolve("atomic").toString());
        env.put("SLIPWAY_ATOMIC_LAUNCHER", "atomic?privileged-agent=true&agent-image=" + AgentImages.agent()
                + "&agent-name=" + AGENT);
    }

    @AfterEach
    void uninstall() {
        env.remove("HEAT_ATOMIC_CMD");
        deployed.forEach(i -> Dispatcher.run("atomic", i.action("DELETE").json(), env));
    }

    private Items item(String id, String name, Map<String, Object> config) {
        deployed.add(Items.item("atomic", id, P + "-" + name).config(config));
        return Items.item("atomic", id, P + "-" + name).config(config);
    }

    private Dispatcher.Run hook(Items item) {
        return Dispatcher.run("atomic", item.json(), env);
    }

    private static boolean volumeExists(String name) {
        try {
            TestEngine.client().inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static InspectContainerResponse container(String name) {
        try {
            return TestEngine.client().inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    @Test
    void installRunsOnlyTheInstallLabelUpdateKeepsItDeleteUninstalls() throws IOException {
        String d = P + "-rabbit";
        Map<String, Object> config = new LinkedHashMap<>(Map.of("command", "install", "image", image, "name", "rabbitmq"));
        Dispatcher.Run r = hook(item("a1", "rabbit", config));
        assertEquals(0, r.exit());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.deployStdout().contains("installed " + d + "-rabbitmq"), r.deployStdout());
        assertTrue(r.deployStdout().contains("rabbitmq: SUCCEEDED (the INSTALL label command exited with code 0; install only"),
                r.deployStdout());
        assertNull(container(d + "-rabbitmq"), "heat-agents' install ran 'atomic install' alone: the service is not run");
        assertTrue(volumeExists("slipway-atomic." + d + "-rabbitmq"), "the installation is recorded");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(working.resolve("atomic"))));

        Dispatcher.Run update = hook(item("a1b", "rabbit", config).action("UPDATE"));
        assertEquals(0, update.status(), update.toString());
        assertFalse(update.deployStdout().contains("installed"), "INSTALL is not run again: " + update.deployStdout());
        assertNull(container(d + "-rabbitmq"));

        Dispatcher.Run suspend = hook(item("a1", "rabbit", config).action("SUSPEND"));
        assertEquals("stopped 0 containers of '" + d + "'", suspend.deployStdout(), suspend.toString());

        Dispatcher.Run delete = hook(item("a1", "rabbit", config).action("DELETE"));
        assertEquals(0, delete.status(), delete.toString());
        assertFalse(volumeExists("slipway-atomic." + d + "-rabbitmq"), "uninstalled");
    }

    @Test
    void runWithPrivilegedIsSuperPrivilegedSkipsInstallAndSuspendsAndResumes() {
        String d = P + "-spc";
        Map<String, Object> config = Map.of("command", "run", "image", image, "privileged", true);
        Dispatcher.Run r = hook(item("a2", "spc", config));
        assertEquals(0, r.status(), r.toString());
        assertFalse(r.deployStdout().contains("installed"), r.deployStdout());
        String service = "a2"; // no name: the item's id, as the original's -n
        InspectContainerResponse c = container(d + "-" + service);
        assertTrue(c.getState().getRunning(), "run runs the service");
        assertTrue(c.getHostConfig().getPrivileged(), "spc runs privileged");
        assertEquals("host", c.getHostConfig().getNetworkMode());

        Dispatcher.Run suspend = hook(item("a2", "spc", config).action("SUSPEND"));
        assertEquals("stopped 1 containers of '" + d + "'", suspend.deployStdout(), suspend.toString());
        assertEquals("exited", container(d + "-" + service).getState().getStatus());
        Dispatcher.Run resume = hook(item("a2", "spc", config).action("RESUME"));
        assertEquals(0, resume.status(), resume.toString());
        assertTrue(container(d + "-" + service).getState().getRunning());
        assertEquals(c.getId(), container(d + "-" + service).getId(), "resume starts the same container");
    }

    @Test
    void failuresAndBadConfigs() {
        Dispatcher.Run r = hook(item("a3", "broken", Map.of("image", broken)));
        assertEquals(0, r.exit());
        assertTrue(r.status() != 0, r.toString());
        assertTrue(r.deployStderr().contains("install broke"), r.deployStderr());

        Map<String, String> invalid = Map.of(
                "config.installcmd: extra arguments for 'atomic install' have no equivalent", "{\"image\": \"x\", \"installcmd\": \"--foo\"}",
                "config.command: unknown command 'upgrade'; valid commands: install, run", "{\"image\": \"x\", \"command\": \"upgrade\"}",
                "config.image: an image is required", "{\"command\": \"run\"}",
                "config.tag: unsupported key; supported: command, image, name, installcmd, privileged", "{\"image\": \"x\", \"tag\": 1}");
        invalid.forEach((expected, config) -> {
            Dispatcher.Run bad = Dispatcher.run("atomic", "{\"id\": \"b\", \"name\": \"" + P + "-bad\", \"config\": " + config + "}", env);
            assertEquals(Hooks.INVALID, bad.status(), bad.toString());
            assertTrue(bad.deployStderr().startsWith(expected), bad.deployStderr());
        });
    }

    /** heat-templates' config-tool-fake.py, as a shell script: records its arguments and working directory. */
    private Path fakeAtomic(Path dir, String stdout, String stderr, int code) throws IOException {
        Path tool = dir.resolve("fake-atomic");
        Files.writeString(tool, "#!/bin/sh\n{ pwd; for a in \"$@\"; do printf '%s\\n' \"$a\"; done; } > \"$STATE\"\n"
                + "printf '%s' \"" + stdout + "\"\nprintf '%s' \"" + stderr + "\" >&2\nexit " + code + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("HEAT_ATOMIC_CMD", tool.toString());
        env.put("STATE", dir.resolve("state").toString());
        return dir.resolve("state");
    }

    /** heat-templates' test item. */
    private static final String DATA = "{\"id\": \"abcdef001\", \"group\": \"atomic\", \"inputs\": [], \"config\": "
            + "{\"command\": \"install\", \"image\": \"imain/atomic-install-rabbitmq\"}}";

    @Test
    void heatAtomicCmdRunsTheToolAsTheOriginalDid(@TempDir Path dir) throws IOException {
        Path state = fakeAtomic(dir, "Downloading xxx", "", 0);
        Dispatcher.Run r = Dispatcher.run("atomic", DATA, env);
        assertEquals(Map.of("deploy_stdout", "Downloading xxx", "deploy_stderr", "", "deploy_status_code", 0), r.map());
        assertEquals(List.of(working.resolve("atomic").toString(), "install", "imain/atomic-install-rabbitmq", "-n", "abcdef001"),
                Files.readAllLines(state));

        fakeAtomic(dir, "", "Container exists...", 1);
        r = Dispatcher.run("atomic", DATA, env);
        assertEquals(Map.of("deploy_stdout", "", "deploy_stderr", "Container exists...", "deploy_status_code", 1), r.map());

        fakeAtomic(dir, "", "", 0);
        r = Dispatcher.run("atomic", DATA.replace("\"inputs\": []",
                "\"inputs\": [{\"name\": \"deploy_action\", \"value\": \"DELETE\"}]"), env);
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of(working.resolve("atomic").toString(), "uninstall", "-n", "abcdef001", "imain/atomic-install-rabbitmq"),
                Files.readAllLines(state), "DELETE uninstalls (the original ran 'uninstall' without the tool)");

        fakeAtomic(dir, "", "", 0);
        r = Dispatcher.run("atomic", DATA.replace("\"command\": \"install\"", "\"command\": \"run\", \"privileged\": true,"
                + " \"name\": \"rabbit\"").replace("}}", ", \"installcmd\": \"ignored for run\"}}"), env);
        assertEquals(List.of(working.resolve("atomic").toString(), "run", "imain/atomic-install-rabbitmq", "-n", "rabbit", "--spc"),
                Files.readAllLines(state));

        String run = DATA.replace("\"command\": \"install\"", "\"command\": \"run\", \"name\": \"rabbit\"");
        fakeAtomic(dir, "", "", 0);
        r = Dispatcher.run("atomic", run.replace("\"inputs\": []", "\"inputs\": [{\"name\": \"deploy_action\", \"value\": \"SUSPEND\"}]"), env);
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of(working.resolve("atomic").toString(), "stop", "-n", "rabbit", "imain/atomic-install-rabbitmq"),
                Files.readAllLines(state), "SUSPEND of a run config stops its container");
        r = Dispatcher.run("atomic", run.replace("\"inputs\": []", "\"inputs\": [{\"name\": \"deploy_action\", \"value\": \"RESUME\"}]"), env);
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of(working.resolve("atomic").toString(), "run", "imain/atomic-install-rabbitmq", "-n", "rabbit"),
                Files.readAllLines(state), "RESUME runs it again, which starts the stopped container");
        Files.delete(state);
        r = Dispatcher.run("atomic", DATA.replace("\"inputs\": []", "\"inputs\": [{\"name\": \"deploy_action\", \"value\": \"SUSPEND\"}]"), env);
        assertEquals(0, r.status(), r.toString());
        assertFalse(Files.exists(state), "an install-only config has no container to stop: the tool is not run");

        fakeAtomic(dir, "", "", 0);
        Dispatcher.Run withArgs = Dispatcher.run("atomic", DATA.replace("}}", ", \"installcmd\": \"--opt 'a b'\"}}"), env);
        assertEquals(0, withArgs.status());
        assertEquals(List.of(working.resolve("atomic").toString(), "install", "imain/atomic-install-rabbitmq", "-n", "abcdef001",
                "--opt", "a b"), Files.readAllLines(state));
    }

    @Test
    void transportSecretsTheToolPrintsAreMasked(@TempDir Path dir) throws IOException {
        fakeAtomic(dir, "token " + Items.PASSWORD, "signal " + Items.SIGNAL, 0);
        Dispatcher.Run r = hook(Items.item("atomic", "s1", P + "-secret").config(Map.of("image", "x")));
        assertEquals("token ******", r.deployStdout());
        assertEquals("signal ******", r.deployStderr());
        assertFalse(r.everything().contains(Items.PASSWORD), r.toString());
    }
}
