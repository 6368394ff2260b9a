package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import io.slipway.ContainerLauncher;
import io.slipway.Launchers;
import io.slipway.engine.Labels;
import io.slipway.tck.LauncherParityContract;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slipway group on the docker-run backend (the default), against the real engine. */
class SlipwayGroupIT {

    static final String P = "hs" + UUID.randomUUID().toString().substring(0, 6);

    private static final String APP = "x-slipway:\n"
            + "  inputs:\n"
            + "    greeting: {type: string, required: true}\n"
            + "    replicas: {type: number, default: 1}\n"
            + "  outputs:\n"
            + "    setup_exit: {service: setup, value: exitCode}\n"
            + "    greeter_name: {service: greeter, value: containerName}\n"
            + "services:\n"
            + "  setup:\n"
            + "    image: slipway-test/busybox:1\n"
            + "    command: [sh, -c, 'echo set up for ${deploy_resource_name}']\n"
            + "    x-slipway: {oneshot: true}\n"
            + "  greeter:\n"
            + "    image: slipway-test/busybox:1\n"
            + "    command: [sh, -c, 'trap \"exit 0\" TERM; echo $$GREETING; sleep 300 & wait']\n"
            + "    environment: {GREETING: '${greeting}'}\n"
            + "    x-slipway: {wait: {log: '${greeting}', timeout: 20s}}\n"
            + "  steady:\n"
            + "    image: slipway-test/busybox:1\n"
            + "    command: [sh, -c, 'trap \"exit 0\" TERM; sleep 300 & wait']\n"
            + "    environment: {REPLICAS: '${replicas}'}\n";

    private final List<String> deployments = new ArrayList<>();
    private Map<String, String> env;

    @BeforeAll
    static void image() {
        TestImages.busybox();
    }

    @BeforeEach
    void environment() {
        env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
    }

    @AfterEach
    void deleteAll() {
        try (ContainerLauncher l = Launchers.open("docker-run")) {
            deployments.forEach(l::delete);
        }
    }

    private String name(String n) {
        String d = P + "-" + n;
        deployments.add(d);
        return d;
    }

    private Dispatcher.Run hook(Items item) {
        return Dispatcher.run("slipway", item.json(), env);
    }

    /** Container id by service, of deployment {@code d}. */
    private static Map<String, Container> containers(String d) {
        Map<String, Container> out = new TreeMap<>();
        for (Container c : TestEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.DEPLOYMENT, d)).exec()) {
            out.put(c.getLabels().get(Labels.SERVICE), c);
        }
        return out;
    }

    static String parity(String name) {
        try (InputStream in = LauncherParityContract.class.getResourceAsStream("/io/slipway/parity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createThenUpdateReplacesOnlyTheChangedServiceThenDelete() {
        String d = name("app");
        Items create = Items.item("slipway", "c1", d).config(APP).input("greeting", "hello").input("replicas", "Number", 2)
                .output("setup_exit").output("greeter_name");
        Dispatcher.Run r = hook(create);
        assertEquals(0, r.exit());
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("setup: SUCCEEDED [" + d + "-setup]", "greeter: SUCCEEDED [" + d + "-greeter]",
                "steady: SUCCEEDED [" + d + "-steady]"),
                r.deployStdout().lines().map(l -> l.replaceFirst(" \\(.*\\)$", "")).toList(), r.deployStdout());
        assertEquals("", r.deployStderr());
        assertEquals(0, r.response().get("setup_exit").asInt());
        assertEquals(d + "-greeter", r.response().get("greeter_name").asText());
        Map<String, Container> before = containers(d);
        assertEquals(List.of("greeter", "setup", "steady"), List.copyOf(before.keySet()));

        Dispatcher.Run update = hook(Items.item("slipway", "c2", d).config(APP).input("greeting", "bonjour")
                .input("replicas", "Number", 2).action("UPDATE"));
        assertEquals(0, update.status(), update.toString());
        Map<String, Container> after = containers(d);
        assertNotEquals(before.get("greeter").getId(), after.get("greeter").getId(), "the service using the input is replaced");
        assertEquals(before.get("steady").getId(), after.get("steady").getId(), "the others are left alone");
        assertEquals(before.get("setup").getId(), after.get("setup").getId(), "a finished task is not run again");

        Dispatcher.Run delete = hook(Items.item("slipway", "c2", d).config(APP).input("greeting", "bonjour").action("DELETE"));
        assertEquals(0, delete.status(), delete.toString());
        assertEquals("deleted deployment '" + d + "' (3 containers) with docker-run", delete.deployStdout());
        assertTrue(containers(d).isEmpty());
    }

    @Test
    void aFailedTaskGivesItsExitCodeReasonAndLogTail() {
        String d = name("fails");
        Dispatcher.Run r = hook(Items.item("slipway", "f1", d).config(parity("task-fails.yaml")));
        assertEquals(0, r.exit());
        assertEquals(7, r.status(), r.toString());
        assertTrue(r.deployStdout().startsWith("broken: FAILED [" + d + "-broken]"), r.deployStdout());
        assertTrue(r.deployStderr().startsWith("broken: FAILED (exited with code 7"), r.deployStderr());
        assertTrue(r.deployStderr().contains("--- broken logs ---\nsomething went wrong"), r.deployStderr());
    }

    @Test
    void secretsNeverReachStdoutStderrOrLogs() {
        String d = name("secret");
        String declared = "declared-" + UUID.randomUUID();
        String spec = parity("inputs-secret.yaml").replace("pw=$$DB_PASSWORD\\\"", "pw=$$DB_PASSWORD signal=$$SIGNAL\\\"; exit 9")
                .replace("      DB_PASSWORD: ${db_password}", "      DB_PASSWORD: ${db_password}\n      SIGNAL: ${deploy_password}");
        Dispatcher.Run r = hook(Items.item("slipway", "s1", d).config(spec).input("greeting", "hi there")
                .input("debug", "Boolean", true).input("db_password", declared));
        assertEquals(9, r.status(), r.toString());
        assertTrue(r.deployStderr().contains("greeting=hi there replicas=2 debug=true pw=****** signal=******"), r.deployStderr());
        assertFalse(r.everything().contains(declared), r.toString());
        assertFalse(r.everything().contains(Items.PASSWORD), r.toString());
        assertFalse(r.everything().contains(Items.SIGNAL), r.toString());
    }

    @Test
    void suspendStopsAndResumeStartsTheSameContainers() {
        String d = name("power");
        Items item = Items.item("slipway", "p1", d).config(APP).input("greeting", "hi");
        assertEquals(0, hook(item).status());
        Map<String, Container> before = containers(d);

        Dispatcher.Run suspend = hook(item.action("SUSPEND"));
        assertEquals(0, suspend.status(), suspend.toString());
        assertEquals("suspended deployment '" + d + "' (2 containers stopped) with docker-run", suspend.deployStdout());
        containers(d).values().forEach(c -> assertFalse("running".equals(c.getState()), c.getNames()[0]));

        Dispatcher.Run resume = hook(item.action("RESUME"));
        assertEquals(0, resume.status(), resume.toString());
        Map<String, Container> after = containers(d);
        before.forEach((service, c) -> assertEquals(c.getId(), after.get(service).getId(), service + " kept its container"));
        assertEquals("running", after.get("greeter").getState());
        assertEquals("running", after.get("steady").getState());
        assertEquals("exited", after.get("setup").getState(), "the task is not run again");
    }

    @Test
    void invalidInputCreatesNothing() {
        String d = name("invalid");
        Dispatcher.Run r = hook(Items.item("slipway", "i1", d).config(APP).input("greeting", "x").input("replicas", "many"));
        assertEquals(Hooks.INVALID, r.status(), r.toString());
        assertEquals("input 'replicas' must be a number but was: many", r.deployStderr());
        assertTrue(containers(d).isEmpty());
    }
}
