package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol, without an engine: the {@code noisy-test} backend (which prints on System.out) stands in for a
 * real one. Every run must exit 0 and leave exactly one JSON object on stdout, whatever went wrong.
 */
class HooksProtocolTest {

    private static final String SPEC = "x-slipway:\n"
            + "  inputs:\n"
            + "    port: {type: number, default: 8080}\n"
            + "    debug: {type: boolean, default: false}\n"
            + "    names: {type: list, default: []}\n"
            + "    settings: {type: json, default: {}}\n"
            + "    greeting: {type: string, required: true}\n"
            + "    db_password: {type: string, secret: true, default: ''}\n"
            + "  outputs:\n"
            + "    web_name: {service: web, value: containerName}\n"
            + "    web_exit: {service: web, value: exitCode}\n"
            + "services:\n"
            + "  web:\n"
            + "    image: slipway-test/busybox:1\n"
            + "    environment:\n"
            + "      PORT: ${port}\n"
            + "      DEBUG: ${debug}\n"
            + "      NAMES: ${names}\n"
            + "      SETTINGS: ${settings}\n"
            + "      GREETING: ${greeting}\n"
            + "      PW: ${db_password}\n"
            + "      STACK: ${deploy_stack_id}\n"
            + "      WHO: ${launcher}\n"
            + "      SIGNAL_PW: ${deploy_password}\n";

    private Map<String, String> env;

    @BeforeEach
    void setUp() {
        env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
        NoisyProvider.CALLS.clear();
    }

    private Items slipway(String name) {
        return Items.item("slipway", "cfg-" + name, name).config(SPEC).input("launcher", "noisy-test")
                .input("greeting", "hello");
    }

    @Test
    void stdoutIsOneJsonObjectEvenWhenTheBackendPrints() {
        Dispatcher.Run r = Dispatcher.run("slipway", slipway("noisy").output("web_name").json(), env);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(0, r.status(), r.toString());
        assertFalse(r.stdout().contains("a0b1c2d3e4f5"), r.stdout());
        assertTrue(r.stderr().contains("noisy-test: a0b1c2d3e4f5 (a container id)"), r.stderr());
        assertTrue(r.stderr().contains("noisy-test: closed"), r.stderr());
        assertTrue(r.deployStdout().startsWith("web: SUCCEEDED [noisy-web] ({PORT=8080, DEBUG=false"), r.deployStdout());
        assertEquals("", r.deployStderr());
        assertEquals("noisy-web", r.response().get("web_name").asText());
        assertFalse(r.response().has("web_exit"), "only declared outputs are returned: " + r.stdout());
        assertFalse(r.stdout().endsWith("\n"), "written as heat-agents' json.dump writes it");
        assertEquals(List.of("apply noisy"), NoisyProvider.CALLS);
    }

    @Test
    void heatStringFormsBecomeTypedInputsAndReservedNamesInterpolate() {
        Dispatcher.Run r = Dispatcher.run("slipway", slipway("typed").input("port", 9090).input("debug", true)
                .input("names", List.of("a", "b's")).input("settings", Map.of("k", List.of(1, true)))
                .input("db_password", "declared-secret-42").json(), env);
        assertEquals(0, r.status(), r.toString());
        String env = r.deployStdout();
        for (String expected : List.of("PORT=9090", "DEBUG=true", "NAMES=[\"a\",\"b's\"]", "SETTINGS={\"k\":[1,true]}",
                "GREETING=hello", "PW=******", "STACK=stack-typed/42f6f66b", "WHO=noisy-test", "SIGNAL_PW=******")) {
            assertTrue(env.contains(expected), expected + " in " + env);
        }
        assertFalse(r.everything().contains("declared-secret-42"), r.toString());
        assertFalse(r.everything().contains(Items.PASSWORD), r.toString());
    }

    @Test
    void everyActionReachesTheBackend() {
        for (String action : List.of("CREATE", "UPDATE", "SUSPEND", "RESUME", "DELETE")) {
            Dispatcher.Run r = Dispatcher.run("slipway", slipway("acts").action(action).json(), env);
            assertEquals(0, r.status(), action + ": " + r);
        }
        assertEquals(List.of("apply acts", "apply acts", "suspend acts", "resume acts", "apply acts", "delete acts"),
                NoisyProvider.CALLS);
    }

    @Test
    void aBackendThatCannotSuspendOrResumeSaysSo() {
        for (String action : List.of("SUSPEND", "RESUME")) {
            Dispatcher.Run r = Dispatcher.run("slipway", slipway("inert").input("launcher", "inert-test").action(action).json(), env);
            assertEquals(0, r.exit());
            assertEquals(Hooks.FAILED, r.status(), r.toString());
            assertEquals("backend 'inert-test' cannot " + action.toLowerCase(Locale.ROOT) + " deployment 'inert': it does "
                    + "not implement ContainerLauncher." + action.toLowerCase(Locale.ROOT), r.deployStderr());
        }
    }

    @Test
    void launcherFromInputThenOptionsThenEnvironment() {
        Items noInput = Items.item("slipway", "c1", "fromopts").config(SPEC).input("greeting", "x");
        assertEquals(0, Dispatcher.run("slipway", noInput.option("launcher", "noisy-test").json(), env).status());
        env.put("SLIPWAY_LAUNCHER", "noisy-test");
        Items neither = Items.item("slipway", "c2", "fromenv").config(SPEC).input("greeting", "x");
        assertEquals(0, Dispatcher.run("slipway", neither.json(), env).status());
        assertEquals(List.of("apply fromopts", "apply fromenv"), NoisyProvider.CALLS);
    }

    @Test
    void unknownLauncherListsTheAvailableOnesAndStartsNothing() {
        Dispatcher.Run r = Dispatcher.run("slipway", slipway("nope").input("launcher", "kubernetes?ns=x").json(), env);
        assertEquals(0, r.exit());
        assertEquals(Hooks.INVALID, r.status(), r.toString());
        assertTrue(r.deployStderr().contains("no launcher backend named 'kubernetes'"), r.deployStderr());
        assertTrue(r.deployStderr().contains("available:") && r.deployStderr().contains("docker-run")
                && r.deployStderr().contains("noisy-test") && r.deployStderr().contains("compose")
                && r.deployStderr().contains("atomic"), r.deployStderr());
        assertEquals(List.of(), NoisyProvider.CALLS);
    }

    @Test
    void badInputsAndConfigsNameTheProblemAndStartNothing() {
        Map<String, Items> cases = Map.of(
                "unknown input 'colour'; the spec declares: db_password, debug, greeting, names, port, settings",
                slipway("bad1").input("colour", "red"),
                "input 'port' must be a number but was: eighty", slipway("bad2").input("port", "eighty"),
                "missing required input 'greeting'",
                Items.item("slipway", "c", "bad3").config(SPEC).input("launcher", "noisy-test"),
                "input 'debug' must be a boolean but was: perhaps", slipway("bad4").input("debug", "perhaps"),
                "input 'names' must be a list", slipway("bad5").input("names", "[1, 2"),
                "unknown deploy_action 'REBUILD'; valid actions: CREATE, UPDATE, DELETE, SUSPEND, RESUME",
                slipway("bad6").action("REBUILD"),
                "the item has no config", Items.item("slipway", "c", "bad7").input("launcher", "noisy-test"),
                "services.web.imagee: unsupported key", Items.item("slipway", "c", "bad8").input("launcher", "noisy-test")
                        .config(Map.of("services", Map.of("web", Map.of("imagee", "x")))),
                "line", Items.item("slipway", "c", "bad9").input("launcher", "noisy-test").config("services: [web\n  - x: {"));
        cases.forEach((expected, item) -> {
            Dispatcher.Run r = Dispatcher.run("slipway", item.json(), env);
            assertEquals(0, r.exit());
            assertEquals(Hooks.INVALID, r.status(), expected + ": " + r);
            assertTrue(r.deployStderr().contains(expected), expected + ": " + r.deployStderr());
        });
        assertEquals(List.of(), NoisyProvider.CALLS);
    }

    @Test
    void aSecretInABadValueIsMasked() {
        // a list (Heat type Json, so not stringified) given for a secret string: the error shows the mask only
        Dispatcher.Run r = Dispatcher.run("slipway", slipway("badsecret").input("db_password", "Json", List.of("list-secret-77")).json(), env);
        assertEquals(Hooks.INVALID, r.status(), r.toString());
        assertEquals("input 'db_password' must be a string but was: ******", r.deployStderr());
        assertFalse(r.everything().contains("list-secret-77"), r.toString());
        assertFalse(r.everything().contains(Items.PASSWORD), r.toString());
    }

    @Test
    void unknownOrMissingGroupAndBadStdinStillAnswerWithJson() {
        Dispatcher.Run r = Dispatcher.run("puppet", slipway("g").json(), env);
        assertEquals(0, r.exit());
        assertEquals(Hooks.INVALID, r.status());
        assertEquals("unknown hook group 'puppet'; valid groups: docker-compose, docker-cmd, atomic, slipway", r.deployStderr());
        assertTrue(Dispatcher.run(null, slipway("g").json(), env).deployStderr().startsWith("no hook group given"));

        r = Dispatcher.run("docker-cmd", "{\"id\": \"1\", \"inputs\": [{\"name\": \"deploy_password\", \"value\": \"s3cr3t-in-bad-json\"", env);
        assertEquals(0, r.exit());
        assertEquals(Hooks.INVALID, r.status());
        assertTrue(r.deployStderr().startsWith("stdin is not a JSON object: invalid JSON at line 1, column"), r.deployStderr());
        assertFalse(r.everything().contains("s3cr3t-in-bad-json"), r.toString());

        assertEquals("stdin is empty: a hook reads one deployment item as a JSON object",
                Dispatcher.run("docker-cmd", "", env).deployStderr());
        assertTrue(Dispatcher.run("docker-cmd", "[1, 2]", env).deployStderr().startsWith("stdin is not a JSON object but a list"));
        assertEquals("item field 'inputs' must be a list of {name, value} objects but was a string",
                Dispatcher.run("docker-cmd", "{\"inputs\": \"x\"}", env).deployStderr());
        assertEquals("item field 'inputs[0]' must be an object with a string 'name'",
                Dispatcher.run("docker-cmd", "{\"inputs\": [{\"value\": 1}]}", env).deployStderr());
    }
}
