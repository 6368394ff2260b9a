package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import io.slipway.heat.group.DockerComposeGroup;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker-compose group against the real docker-compose (v1, /usr/bin/docker-compose) and engine, with the
 * item shapes of heat-agents' tests/test_hook_docker_compose.py: a Compose v1 config (services at the top),
 * {@code env_files} as JSON text.
 */
class DockerComposeGroupIT {

    static final String P = "hd" + UUID.randomUUID().toString().substring(0, 6);
    private static final String SLEEP = "trap 'exit 0' TERM; sleep 300 & wait";

    @TempDir
    Path working;
    private Map<String, String> env;
    private final List<Items> created = new ArrayList<>();

    @BeforeAll
    static void image() {
        TestImages.busybox();
    }

    @BeforeEach
    void environment() {
        env = new HashMap<>(System.getenv());
        env.put("HEAT_DOCKER_COMPOSE_WORKING", working.toString());
        env.remove("HEAT_DOCKER_COMPOSE_CMD");
        env.remove(DockerComposeGroup.BACKEND_CMD);
        env.put("HEAT_SHELL_CONFIG", working.resolve("no-dispatcher-file").toString());
    }

    @AfterEach
    void takeEverythingDown() {
        env.remove("HEAT_DOCKER_COMPOSE_CMD");
        for (Items item : created) {
            Dispatcher.run("docker-compose", item.action("DELETE").json(), env);
        }
        for (Container c : TestEngine.client().listContainersCmd().withShowAll(true).exec()) {
            String project = c.getLabels() == null ? null : c.getLabels().get("com.docker.compose.project");
            if (project != null && project.startsWith(P)) {
                TestEngine.client().removeContainerCmd(c.getId()).withForce(true).exec();
            }
        }
    }

    private Items item(String id, String name, Object config) {
        Items item = Items.item("docker-compose", id, P + "-" + name).config(config);
        created.add(Items.item("docker-compose", id, P + "-" + name).config(config));
        return item;
    }

    private Dispatcher.Run hook(Items item) {
        return Dispatcher.run("docker-compose", item.json(), env);
    }

    private static String envFiles(String common, String web, String unused) {
        return "[ { \"file_name\": \"./common.env\", \"content\": \"" + common + "\" }, "
                + "{ \"file_name\": \"./apps/web.env\", \"content\": \"" + web + "\" }, "
                + "{ \"file_name\": \"./test1.env\", \"content\": \"" + unused + "\" } ]";
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("web", Map.of("image", "slipway-test/busybox:1", "env_file", List.of("./common.env", "./apps/web.env"),
                "command", List.of("sh", "-c", SLEEP)));
        config.put("db", Map.of("image", "slipway-test/busybox:1", "env_file", "./common.env",
                "command", List.of("sh", "-c", SLEEP)));
        return config;
    }

    private static List<String> containerEnv(String project, String service) {
        for (Container c : TestEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service)).exec()) {
            return Arrays.asList(TestEngine.client().inspectContainerCmd(c.getId()).exec().getConfig().getEnv());
        }
        return List.of();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void envFilesAreWrittenPrivateAndUsedThenUpdateAndDelete() throws IOException {
        String name = P + "-app";
        Items create = item("c1", "app", config()).input(DockerComposeGroup.ENV_FILES, envFiles("SHARED=one", "WEB_ONLY=w1", "UNUSED=x"));
        Dispatcher.Run r = hook(create);
        assertEquals(0, r.exit());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.deployStdout().contains("web: SUCCEEDED") && r.deployStdout().contains("db: SUCCEEDED"), r.deployStdout());
        Path project = working.resolve(name);
        assertEquals("rwx------", mode(project));
        assertEquals("rw-------", mode(project.resolve("docker-compose.yml")));
        assertEquals("rw-------", mode(project.resolve("common.env")));
        assertEquals("rw-------", mode(project.resolve("apps/web.env")));
        assertEquals("rwx------", mode(project.resolve("apps")));
        assertEquals("WEB_ONLY=w1", Files.readString(project.resolve("apps/web.env")));
        assertFalse(Files.exists(project.resolve("test1.env")), "only files a service names are written");
        assertTrue(Files.readString(project.resolve("docker-compose.yml")).contains("services:"), "v1 read as services");
        assertTrue(containerEnv(name, "web").containsAll(List.of("SHARED=one", "WEB_ONLY=w1")), containerEnv(name, "web").toString());
        assertTrue(containerEnv(name, "db").contains("SHARED=one"));

        // An update with a shorter content: the file is replaced whole, and the container gets it.
        Files.writeString(project.resolve("apps/web.env"), "WEB_ONLY=a-much-longer-previous-value\nSTALE=1\n");
        Dispatcher.Run update = hook(item("c2", "app", config()).action("UPDATE")
                .input(DockerComposeGroup.ENV_FILES, envFiles("SHARED=one", "WEB_ONLY=w2", "UNUSED=x")));
        assertEquals(0, update.status(), update.toString());
        assertEquals("WEB_ONLY=w2", Files.readString(project.resolve("apps/web.env")));
        assertTrue(containerEnv(name, "web").contains("WEB_ONLY=w2"), containerEnv(name, "web").toString());

        Dispatcher.Run delete = hook(item("c2", "app", config()).action("DELETE"));
        assertEquals(0, delete.status(), delete.toString());
        assertTrue(containerEnv(name, "web").isEmpty() && containerEnv(name, "db").isEmpty(), "the project is down");
        assertFalse(Files.exists(project), "and its directory is gone");
    }

    @Test
    void aProjectTheDispatcherNoLongerListsIsTakenDown() throws IOException {
        Map<String, Object> one = Map.of("only", Map.of("image", "slipway-test/busybox:1", "command", List.of("sh", "-c", SLEEP)));
        Items old = item("o1", "old", one);
        assertEquals(0, hook(old).status());
        assertTrue(Files.isDirectory(working.resolve(P + "-old")));
        Items current = item("n1", "new", one);
        Path file = working.resolve("heat-config");
        Files.writeString(file, HeatValues.json(List.of(current.dispatched())));
        env.put("HEAT_SHELL_CONFIG", file.toString());
        Dispatcher.Run r = hook(current);
        assertEquals(0, r.status(), r.toString());
        assertFalse(Files.exists(working.resolve(P + "-old")), "the stale project's directory is removed");
        assertTrue(containerEnv(P + "-old", "only").isEmpty(), "and the project is down");
        assertFalse(containerEnv(P + "-new", "only").isEmpty(), "the listed one runs");
    }

    @Test
    void aToolFailureIsTheStatusWithComposesErrors() {
        Dispatcher.Run r = hook(item("f1", "fail", Map.of("web", Map.of("image", "slipway-test/no-such-image:1"))));
        assertEquals(0, r.exit());
        assertTrue(r.status() != 0, r.toString());
        assertTrue(r.deployStderr().contains("no-such-image"), r.deployStderr());

        Dispatcher.Run missingEnvFile = hook(item("f2", "noenv", config()));
        assertTrue(missingEnvFile.status() != 0, "without env_files the files are missing, as in heat-agents: " + missingEnvFile);
        assertTrue(missingEnvFile.deployStderr().contains("common.env"), missingEnvFile.deployStderr());
    }

    @Test
    void badItemsNameTheProblem() {
        Dispatcher.Run outside = hook(item("b1", "outside", Map.of("web", Map.of("image", "slipway-test/busybox:1",
                "env_file", "../escape.env"))).input(DockerComposeGroup.ENV_FILES, "[{'file_name': '../escape.env', 'content': 'X=1'}]"));
        assertEquals(Hooks.INVALID, outside.status(), outside.toString());
        assertTrue(outside.deployStderr().startsWith("env_file '../escape.env' is outside the project directory"), outside.deployStderr());
        assertFalse(Files.exists(working.resolve("escape.env")));

        Dispatcher.Run badName = Dispatcher.run("docker-compose", Items.item("docker-compose", "b2", "../up").config(config()).json(), env);
        assertEquals(Hooks.INVALID, badName.status());
        assertTrue(badName.deployStderr().startsWith("the item's name '../up' cannot name a project directory"), badName.deployStderr());

        env.put(DockerComposeGroup.BACKEND_CMD, "no-such-compose");
        Dispatcher.Run badCmd = hook(item("b3", "badcmd", config()));
        assertEquals(Hooks.INVALID, badCmd.status());
        assertTrue(badCmd.deployStderr().startsWith(DockerComposeGroup.BACKEND_CMD + " names 'no-such-compose'"), badCmd.deployStderr());

        Dispatcher.Run empty = hook(item("b4", "empty", ""));
        assertEquals(0, empty.status(), "no config: nothing to do, as in heat-agents");
    }

    @Test
    void secretsStayOutOfOutputsLogsAndTheBackendsFiles() throws IOException {
        env.put(DockerComposeGroup.BACKEND_CMD, "docker-compose");
        Map<String, Object> config = Map.of("services", Map.of("leak", Map.of("image", "slipway-test/busybox:1",
                "env_file", "./secret.env", "command", List.of("sh", "-c", "echo pw=$$PW tag=${tag}; exit 5"),
                "x-slipway", Map.of("oneshot", true))));
        Dispatcher.Run r = hook(item("s1", "secret", config).input("tag", "v1")
                .input(DockerComposeGroup.ENV_FILES, List.of(Map.of("file_name", "./secret.env", "content", "PW=" + Items.PASSWORD))));
        assertEquals(5, r.status(), r.toString());
        assertTrue(r.deployStderr().contains("pw=****** tag=v1"), r.deployStderr());
        assertFalse(r.everything().contains(Items.PASSWORD), r.toString());
        try (Stream<Path> files = Files.walk(working.resolve(".slipway"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", mode(f), f.toString());
                assertFalse(Files.readString(f).contains(Items.PASSWORD), "the transport password is no variable: " + f);
            }
        }
    }
}
