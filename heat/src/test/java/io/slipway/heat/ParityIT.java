package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.engine.Labels;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9's promise: one spec and one set of inputs through the slipway group, the launcher chosen by the item's
 * {@code launcher} input, give the same {@code deploy_status_code}, the same per-service outcomes and the same
 * outputs on docker-run, compose and atomic. The specs are the parity contract's (test-support).
 */
class ParityIT {

    private static final String P = "hp" + UUID.randomUUID().toString().substring(0, 6);
    private static final String SECRET = "parity-secret-" + UUID.randomUUID();

    @ParameterizedTest
    @ValueSource(strings = {"task-exit.yaml", "task-fails.yaml", "inputs-secret.yaml", "depends-on.yaml"})
    void sameOutcomeOnEveryBackend(String spec) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
        Map<String, Map<String, Object>> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, String> backend : Backends.configs().entrySet()) {
            outcomes.put(backend.getKey(), outcome(spec, backend.getKey(), backend.getValue(), env));
        }
        Map<String, Object> reference = outcomes.get("docker-run");
        assertFalse(((List<?>) reference.get("services")).isEmpty(), reference.toString());
        outcomes.forEach((backend, outcome) -> assertEquals(reference, outcome, backend + " differs from docker-run"));
    }

    /**
     * CREATE of {@code spec} through the slipway group with {@code launcher: config}, then DELETE: the outcome
     * ({@link Backends#outcome}), after checking that the secret input was never printed and nothing is left.
     */
    static Map<String, Object> outcome(String spec, String backend, String config, Map<String, String> env) {
        String d = P + "-" + spec.replace(".yaml", "") + "-" + backend;
        String text = SlipwayGroupIT.parity(spec);
        Items item = Items.item("slipway", "p-" + backend, d).config(text)
                .input("launcher", config).output("task_exit").output("migrate_exit");
        if (spec.equals("inputs-secret.yaml")) {
            item.input("greeting", "hi there").input("debug", "Boolean", true).input("db_password", SECRET);
        }
        try {
            Dispatcher.Run r = Dispatcher.run("slipway", item.json(), env);
            assertEquals(0, r.exit());
            assertFalse(r.everything().contains(SECRET), backend + " printed the secret:\n" + r);
            return Backends.outcome(r);
        } finally {
            Dispatcher.Run deleted = Dispatcher.run("slipway", item.action("DELETE").json(), env);
            assertEquals(0, deleted.status(), deleted.toString());
            assertTrue(Backends.containers(d).isEmpty(), backend + " left containers of " + d);
        }
    }

    /**
     * CREATE, SUSPEND, RESUME, an unchanged UPDATE and DELETE of a service and a one-shot task: the same states on
     * every backend; the service's container is kept throughout and the task never runs again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"docker-run", "compose", "atomic"})
    void suspendAndResumeOnEveryBackend(String backend) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
        String d = P + "-power-" + backend;
        String text = SlipwayGroupIT.parity("service-and-task.yaml");
        Items item = Items.item("slipway", "p-" + backend, d).config(text).input("launcher", Backends.configs().get(backend));
        try {
            assertEquals(0, Dispatcher.run("slipway", item.json(), env).status());
            Map<String, String> created = ids(d);

            Dispatcher.Run suspend = Dispatcher.run("slipway", item.action("SUSPEND").json(), env);
            assertEquals(0, suspend.status(), suspend.toString());
            assertTrue(suspend.deployStdout().contains("(1 containers stopped)"), suspend.toString());
            assertEquals(Map.of("web", "exited", "task", "exited"), states(d));

            Dispatcher.Run resume = Dispatcher.run("slipway", item.action("RESUME").json(), env);
            assertEquals(0, resume.status(), resume.toString());
            assertEquals(Map.of("web", "running", "task", "exited"), states(d));

            Dispatcher.Run update = Dispatcher.run("slipway", item.action("UPDATE").json(), env);
            assertEquals(0, update.status(), update.toString());
            assertEquals(created, ids(d), "nothing recreated");
        } finally {
            Dispatcher.Run deleted = Dispatcher.run("slipway", item.action("DELETE").json(), env);
            assertEquals(0, deleted.status(), deleted.toString());
            assertTrue(Backends.containers(d).isEmpty(), backend + " left containers of " + d);
        }
    }

    private static Map<String, String> states(String deployment) {
        Map<String, String> out = new HashMap<>();
        Backends.containers(deployment).forEach(c -> out.put(c.getLabels().get(Labels.SERVICE), c.getState()));
        return out;
    }

    private static Map<String, String> ids(String deployment) {
        Map<String, String> out = new HashMap<>();
        Backends.containers(deployment).forEach(c -> out.put(c.getLabels().get(Labels.SERVICE), c.getId()));
        return out;
    }
}
