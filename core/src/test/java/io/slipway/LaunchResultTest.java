package io.slipway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LaunchResultTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ServiceResult ok(String name, String logs) {
        return new ServiceResult(name, Outcome.SUCCEEDED, "id-" + name, "shop-" + name + "-1", null, "running", logs,
                Duration.ofMillis(1200), true);
    }

    private static ServiceResult failed(String name, Integer exitCode, String reason, String logs) {
        return new ServiceResult(name, Outcome.FAILED, "id-" + name, "shop-" + name + "-1", exitCode, reason, logs,
                Duration.ofSeconds(2), true);
    }

    private static ServiceResult timedOut(String name, String reason, String logs) {
        return new ServiceResult(name, Outcome.TIMED_OUT, "id-" + name, "shop-" + name + "-1", null, reason, logs,
                Duration.ofSeconds(30), false);
    }

    private static LaunchResult result(ServiceResult... services) {
        return LaunchResult.of("shop", "docker-run", List.of(services), Map.of());
    }

    private static void assertContains(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue(text.contains(f), () -> "expected '" + f + "' in:\n" + text);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- status ----

    @Test
    void allSucceeded() {
        LaunchResult r = result(ok("web", ""), ok("db", ""));
        assertEquals(Outcome.SUCCEEDED, r.status());
        assertTrue(r.succeeded());
        assertEquals(0, r.deployStatusCode());
        assertEquals("", r.deployStderr());
    }

    @Test
    void noServicesIsSuccess() {
        assertEquals(Outcome.SUCCEEDED, result().status());
        assertEquals(0, result().deployStatusCode());
    }

    @Test
    void timedOutAndNoneFailedIsTimedOut() {
        LaunchResult r = result(ok("db", ""), timedOut("web", "port 8080: connection refused", ""));
        assertEquals(Outcome.TIMED_OUT, r.status());
        assertFalse(r.succeeded());
        assertEquals(1, r.deployStatusCode());
    }

    @Test
    void anyFailedIsFailedEvenWithTimeouts() {
        LaunchResult r = result(timedOut("web", "x", ""), failed("migrate", 3, "exited with code 3, expected [0]", ""),
                ok("db", ""));
        assertEquals(Outcome.FAILED, r.status());
        assertFalse(r.succeeded());
    }

    // ---- deploy_status_code ----

    @Test
    void statusCodeIsTheFirstFailedServicesNonZeroExitCode() {
        assertEquals(3, result(ok("db", ""), failed("migrate", 3, "r", ""), failed("seed", 7, "r", "")).deployStatusCode());
        assertEquals(7, result(failed("web", null, "unhealthy", ""), failed("seed", 7, "r", "")).deployStatusCode());
        assertEquals(7, result(failed("web", 0, "expected to keep running, but it is exited (code 0)", ""),
                failed("seed", 7, "r", "")).deployStatusCode());
    }

    @Test
    void statusCodeIsOneWithoutAnExitCode() {
        assertEquals(1, result(failed("web", null, "image missing", "")).deployStatusCode());
        assertEquals(1, result(failed("web", 0, "exited too early", "")).deployStatusCode());
        assertEquals(1, result(timedOut("web", "x", "")).deployStatusCode());
    }

    @Test
    void statusCodeIgnoresSucceededServicesExitCodes() {
        ServiceResult task = new ServiceResult("task", Outcome.SUCCEEDED, "i", "n", 2, "exited with code 2", "", null, true);
        assertEquals(1, result(task, failed("web", null, "unhealthy", "")).deployStatusCode());
        assertEquals(0, result(task).deployStatusCode());
    }

    // ---- deploy_stdout / deploy_stderr ----

    @Test
    void deployStdoutPrefixesEveryLogLineWithTheServiceName() {
        LaunchResult r = result(ok("web", "listening on 8080\nGET /health 200\n"), ok("empty", ""),
                failed("migrate", 3, "r", "migrating\n\nboom"));
        assertEquals("web | listening on 8080\nweb | GET /health 200\nmigrate | migrating\nmigrate | boom\n", r.deployStdout());
    }

    @Test
    void deployStdoutStartsWithTheToolOutput() {
        LaunchResult r = new LaunchResult("shop", "compose", List.of(ok("web", "hi")), Map.of(),
                "Container shop-web-1 Started\n", null);
        assertEquals("Container shop-web-1 Started\nweb | hi\n", r.deployStdout());
        assertEquals("", r.toolErrors());
    }

    @Test
    void deployStderrListsTheServicesThatDidNotSucceed() {
        LaunchResult r = result(ok("db", "fine"), failed("migrate", 3, "exited with code 3, expected [0]", ""),
                timedOut("web", "port 8080: connection refused", ""));
        assertEquals("migrate: FAILED (exited with code 3, expected [0])\nweb: TIMED_OUT (port 8080: connection refused)",
                r.deployStderr());
    }

    @Test
    void deployStderrStartsWithTheToolErrors() {
        LaunchResult r = new LaunchResult("shop", "compose", List.of(failed("web", 1, "exited", "")), Map.of(), "",
                "pull access denied\n\n");
        assertEquals("pull access denied\nweb: FAILED (exited)", r.deployStderr());
        LaunchResult onlyTool = new LaunchResult("shop", "compose", List.of(ok("web", "")), Map.of(), "", "warning: x\n");
        assertEquals("warning: x\n", onlyTool.deployStderr());
    }

    // ---- JSON ----

    @Test
    void toJsonHasExactlyTheContractTopLevelKeys() throws Exception {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("task_exit", 3);
        outputs.put("web_id", "id-web");
        LaunchResult r = LaunchResult.of("shop", "docker-run",
                List.of(ok("web", "line1\n"), failed("migrate", 3, "exited with code 3, expected [0]", "boom\n")), outputs);
        JsonNode root = MAPPER.readTree(r.toJson());
        assertEquals(new TreeSet<>(List.of("deployment", "backend", "status", "services", "outputs", "deploy_stdout",
                "deploy_stderr", "deploy_status_code")), fieldNames(root));
        assertEquals("shop", root.get("deployment").asText());
        assertEquals("docker-run", root.get("backend").asText());
        assertEquals("FAILED", root.get("status").asText());
        assertEquals(3, root.get("deploy_status_code").asInt());
        assertTrue(root.get("deploy_status_code").isInt());
        assertEquals(r.deployStdout(), root.get("deploy_stdout").asText());
        assertEquals("web | line1\nmigrate | boom\n", root.get("deploy_stdout").asText());
        assertEquals("migrate: FAILED (exited with code 3, expected [0])", root.get("deploy_stderr").asText());
        assertEquals(3, root.get("outputs").get("task_exit").asInt());
        assertEquals("id-web", root.get("outputs").get("web_id").asText());
        // the top-level order is the documented one
        List<String> order = new ArrayList<>();
        root.fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("deployment", "backend", "status", "services", "outputs", "deploy_stdout", "deploy_stderr",
                "deploy_status_code"), order);
    }

    @Test
    void eachServiceInJsonHasTheContractKeys() throws Exception {
        LaunchResult r = result(ok("web", "line1\n"), failed("migrate", 3, "exited with code 3, expected [0]", "boom\n"),
                new ServiceResult("ghost", Outcome.FAILED, null, null, null, null, null, null, false));
        JsonNode services = MAPPER.readTree(r.toJson()).get("services");
        assertTrue(services.isArray());
        assertEquals(3, services.size());
        List<String> contract = List.of("name", "status", "containerId", "containerName", "exitCode", "reason", "logs");
        for (JsonNode s : services) {
            assertTrue(fieldNames(s).containsAll(contract), fieldNames(s).toString());
        }
        JsonNode web = services.get(0);
        assertEquals("web", web.get("name").asText());
        assertEquals("SUCCEEDED", web.get("status").asText());
        assertEquals("id-web", web.get("containerId").asText());
        assertEquals("shop-web-1", web.get("containerName").asText());
        assertTrue(web.get("exitCode").isNull());
        assertEquals("running", web.get("reason").asText());
        assertEquals("line1\n", web.get("logs").asText());
        JsonNode migrate = services.get(1);
        assertEquals("migrate", migrate.get("name").asText());
        assertEquals("FAILED", migrate.get("status").asText());
        assertEquals(3, migrate.get("exitCode").asInt());
        assertEquals("exited with code 3, expected [0]", migrate.get("reason").asText());
        JsonNode ghost = services.get(2);
        assertTrue(ghost.get("containerId").isNull());
        assertTrue(ghost.get("containerName").isNull());
        assertEquals("", ghost.get("reason").asText());
        assertEquals("", ghost.get("logs").asText());
    }

    @Test
    void toMapMatchesToJson() throws Exception {
        LaunchResult r = result(ok("web", "x"));
        Map<?, ?> parsed = MAPPER.readValue(r.toJson(), Map.class);
        assertEquals(MAPPER.readValue(MAPPER.writeValueAsString(r.toMap()), Map.class), parsed);
        assertEquals("SUCCEEDED", r.toMap().get("status"));
    }

    // ---- describe ----

    @Test
    void describeHasOneLinePerServiceAndTheLogTailsOfFailedOnes() {
        LaunchResult r = result(ok("db", "db ready\n"), failed("migrate", 3, "exited with code 3, expected [0]",
                "migrating\nERROR: relation missing\n\n"), timedOut("web", "port 8080: connection refused", "  "));
        String d = r.describe();
        assertEquals("deployment 'shop' on docker-run: FAILED\n"
                + "  db: SUCCEEDED (running)\n"
                + "  migrate: FAILED (exited with code 3, expected [0])\n"
                + "  web: TIMED_OUT (port 8080: connection refused)\n"
                + "--- migrate logs ---\n"
                + "migrating\nERROR: relation missing", d);
        assertFalse(d.contains("db ready"), d);
    }

    @Test
    void describeIncludesToolErrors() {
        LaunchResult r = new LaunchResult("shop", "compose", List.of(failed("web", null, "image missing", "")), Map.of(),
                "", "Error: pull access denied\n");
        assertContains(r.describe(), "deployment 'shop' on compose: FAILED", "  web: FAILED (image missing)",
                "--- compose stderr ---\nError: pull access denied");
        assertFalse(r.describe().endsWith("\n"));
    }

    @Test
    void describeOfSuccess() {
        assertEquals("deployment 'shop' on docker-run: SUCCEEDED\n  web: SUCCEEDED (running)", result(ok("web", "log")).describe());
    }

    // ---- ServiceResult / misc ----

    @Test
    void serviceResultDefaultsAndDescribe() {
        ServiceResult s = new ServiceResult("web", Outcome.TIMED_OUT, null, null, null, null, null, null, false);
        assertEquals("", s.reason());
        assertEquals("", s.logs());
        assertEquals(Duration.ZERO, s.duration());
        assertFalse(s.succeeded());
        assertEquals("web: TIMED_OUT", s.describe());
        assertEquals("migrate: FAILED (exited with code 3, expected [0])",
                failed("migrate", 3, "exited with code 3, expected [0]", "").describe());
        assertThrows(NullPointerException.class,
                () -> new ServiceResult(null, Outcome.FAILED, null, null, null, null, null, null, false));
        assertThrows(NullPointerException.class,
                () -> new ServiceResult("x", null, null, null, null, null, null, null, false));
    }

    @Test
    void serviceLookupAndImmutability() {
        ServiceResult web = ok("web", "");
        List<ServiceResult> list = new ArrayList<>(List.of(web));
        Map<String, Object> outputs = new LinkedHashMap<>(Map.of("a", 1));
        LaunchResult r = LaunchResult.of("shop", "docker-run", list, outputs);
        list.add(ok("late", ""));
        outputs.put("b", 2);
        assertSame(web, r.service("web"));
        assertNull(r.service("late"));
        assertEquals(1, r.services().size());
        assertEquals(Map.of("a", 1), r.outputs());
        assertThrows(UnsupportedOperationException.class, () -> r.services().clear());
        assertThrows(UnsupportedOperationException.class, () -> r.outputs().put("c", 3));
        assertThrows(NullPointerException.class, () -> LaunchResult.of(null, "b", List.of(), Map.of()));
        assertThrows(NullPointerException.class, () -> LaunchResult.of("d", null, List.of(), Map.of()));
    }

    @Test
    void outputsKeepTheirOrderInJson() throws Exception {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("z", "1");
        outputs.put("a", "2");
        JsonNode o = MAPPER.readTree(LaunchResult.of("d", "b", List.of(), outputs).toJson()).get("outputs");
        Iterator<String> it = o.fieldNames();
        assertEquals("z", it.next());
        assertEquals("a", it.next());
        assertFalse(it.hasNext());
    }
}
