package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = Cli.resource("specs/app.yaml");
    private static final String SECRET = "Tr0ub4dor-and-3-horses";

    private static JsonNode json(Cli.Run r) throws Exception {
        return JSON.readTree(r.out());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String logsOf(JsonNode result, String service) {
        for (JsonNode s : result.get("services")) {
            if (s.get("name").asText().equals(service)) {
                return s.get("logs").asText();
            }
        }
        throw new AssertionError("no service " + service + " in " + result);
    }

    @Test
    void successPrintsTheResultAsJsonAndExitsZero() throws Exception {
        Cli.Run r = Cli.run("apply", "ok-json", "-f", SPEC, "-b", "echo", "-i", "greeting=hi", "-i",
                "db_password=" + SECRET, "--json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode result = json(r);
        assertEquals(List.of("deployment", "backend", "status", "services", "outputs", "deploy_stdout",
                "deploy_stderr", "deploy_status_code"), keys(result));
        assertEquals("ok-json", result.get("deployment").asText());
        assertEquals("echo", result.get("backend").asText());
        assertEquals("SUCCEEDED", result.get("status").asText());
        assertEquals(0, result.get("deploy_status_code").asInt());
        assertEquals(2, result.get("services").size());
        for (JsonNode s : result.get("services")) {
            assertTrue(keys(s).containsAll(List.of("name", "status", "containerId", "containerName", "exitCode",
                    "reason", "logs")), s::toString);
            assertEquals("SUCCEEDED", s.get("status").asText());
        }
        assertEquals("echo-ok-json-web", result.get("outputs").get("web_id").asText());
        assertEquals(0, result.get("outputs").get("task_exit").asInt());
        assertTrue(logsOf(result, "web").contains("GREETING=hi\n"), r::toString);
        assertTrue(logsOf(result, "web").contains("PORT=8080\n"), r::toString);
        assertTrue(r.err().contains("applying ok-json with echo..."), r::toString);
        assertTrue(r.err().contains("  web: waiting for port 8080 (container ok-json-web)\n"), r::toString);
        assertTrue(r.err().contains("  migrate: waiting for exited [0] (container ok-json-migrate)\n"), r::toString);
        assertTrue(r.err().contains("  web: SUCCEEDED after "), r::toString);
        assertTrue(r.err().contains("  migrate: SUCCEEDED after "), r::toString);
    }

    @Test
    void successWithoutJsonPrintsASummary() {
        Cli.Run r = Cli.run("apply", "ok-human", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=" + SECRET);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("deployment 'ok-human' on echo: SUCCEEDED\n"), r::toString);
        assertTrue(r.out().contains("  web: SUCCEEDED"), r::toString);
    }

    @Test
    void aFailedServiceExitsOne() throws Exception {
        Cli.Run r = Cli.run("apply", "fails", "-f", SPEC, "-b", "dry-run?fail-service=web", "-i", "greeting=hi",
                "-i", "db_password=" + SECRET, "--json");
        assertEquals(1, r.exit(), r::toString);
        JsonNode result = json(r);
        assertEquals("FAILED", result.get("status").asText());
        JsonNode web = result.get("services").get(0);
        assertEquals("web", web.get("name").asText());
        assertEquals("FAILED", web.get("status").asText());
        assertEquals(3, web.get("exitCode").asInt());
        assertEquals("failed on request", web.get("reason").asText());
        assertEquals(3, result.get("deploy_status_code").asInt());
        assertTrue(r.err().contains("  web: FAILED"), r::toString);
    }

    @Test
    void aFailedServiceIsExplainedWithoutJson() {
        Cli.Run r = Cli.run("apply", "fails-human", "-f", SPEC, "-b", "echo?fail-service=migrate", "-i",
                "greeting=hi", "-i", "db_password=" + SECRET);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("migrate: FAILED (failed on request)"), r::toString);
        assertTrue(r.out().contains("--- migrate logs ---"), r::toString);
    }

    @Test
    void aMissingRequiredInputExitsTwoNamingIt() {
        Cli.Run r = Cli.run("apply", "missing", "-f", SPEC, "-i", "db_password=" + SECRET, "--json");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'greeting'"), r::toString);
        assertEquals("", r.out(), "nothing on stdout when nothing ran");
        assertTrue(Cli.run("status", "missing").out().contains("nothing deployed"), "nothing was started");
    }

    @Test
    void anUnknownBackendExitsTwoListingTheAvailableOnes() {
        Cli.Run r = Cli.run("apply", "nobackend", "-f", SPEC, "-b", "nope", "-i", "greeting=hi", "-i",
                "db_password=" + SECRET);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'nope'"), r::toString);
        assertTrue(r.err().contains("available: ") && r.err().contains("echo"), r::toString);
    }

    @Test
    void anUnknownBackendOptionExitsTwoNamingIt() {
        Cli.Run r = Cli.run("status", "whatever", "-b", "echo?nope=1");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'nope'") && r.err().contains("fail-service, delay"), r::toString);
    }

    @Test
    void theBackendDefaultsToSlipwayLauncherThenDockerRun() {
        Cli.Run fromEnv = Cli.run(Map.of("SLIPWAY_LAUNCHER", "dry-run?fail-service=web"), "apply", "from-env",
                "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=" + SECRET);
        assertEquals(1, fromEnv.exit(), fromEnv::toString);
        assertTrue(fromEnv.err().contains("applying from-env with echo..."), fromEnv::toString);

        Cli.Run explicit = Cli.run(Map.of("SLIPWAY_LAUNCHER", "nope"), "status", "from-flag", "-b", "echo");
        assertEquals(0, explicit.exit(), explicit::toString);

        // With neither (and no -Dslipway.launcher), docker-run.
        assertEquals("echo", new BackendOption().resolve(Cli.ECHO));
        if (System.getProperty("slipway.launcher") == null) {
            assertEquals("docker-run", new BackendOption().resolve(Map.of()));
        }
    }

    @Test
    void aSecretIsNeverPrinted() {
        String[][] runs = {
            {"apply", "secret-json", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=" + SECRET, "--json"},
            {"apply", "secret-human", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=" + SECRET},
            {"apply", "secret-fail", "-f", SPEC, "-b", "echo?fail-service=migrate", "-i", "greeting=hi", "-i",
                "db_password=" + SECRET},
            {"apply", "secret-fail-json", "-f", SPEC, "-b", "echo?fail-service=web", "-i", "greeting=hi", "-i",
                "db_password=" + SECRET, "--json"},
            {"apply", "secret-missing", "-f", SPEC, "-i", "db_password=" + SECRET},
            {"apply", "secret-strict", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=" + SECRET, "-i",
                "extra=1", "--strict"},
            {"apply", "secret-badpin", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x", "-i", "pin=" + SECRET},
            {"apply", "secret-noeq", "-f", SPEC, "-i", "greeting=hi", "-i", SECRET},
            {"status", "secret-json"},
        };
        for (String[] args : runs) {
            Cli.Run r = Cli.run(args);
            assertFalse(r.all().contains(SECRET), () -> String.join(" ", args) + "\n" + r);
        }
        Cli.Run shown = Cli.run("apply", "secret-shown", "-f", SPEC, "-i", "greeting=hi", "-i",
                "db_password=" + SECRET, "--json");
        assertTrue(shown.out().contains("DB_URL=postgres://app:******@db/app"), shown::toString);
        Cli.Run badPin = Cli.run("apply", "secret-badpin", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x",
                "-i", "pin=" + SECRET);
        assertEquals(2, badPin.exit(), badPin::toString);
        assertTrue(badPin.err().contains("'pin'"), badPin::toString);
    }

    @Test
    void anInputsFileKeepsItsTypesAndDashIWins() throws Exception {
        Cli.Run r = Cli.run("apply", "from-json", "-f", SPEC, "--inputs", Cli.resource("specs/inputs.json"),
                "-i", "db_password=" + SECRET, "--json");
        assertEquals(0, r.exit(), r::toString);
        String logs = logsOf(json(r), "web");
        assertTrue(logs.contains("GREETING=from-json\n"), logs);
        assertTrue(logs.contains("PORT=9000\n"), logs);
        assertTrue(logs.contains("DEBUG=true\n"), logs);
        assertTrue(logs.contains("TAGS=[\"a\",\"b\"]\n"), logs);

        Cli.Run over = Cli.run("apply", "from-json-over", "-f", SPEC, "--inputs", Cli.resource("specs/inputs.json"),
                "-i", "db_password=" + SECRET, "-i", "http_port=9100", "-i", "tags=[\"c\"]", "--json");
        assertEquals(0, over.exit(), over::toString);
        String overLogs = logsOf(json(over), "web");
        assertTrue(overLogs.contains("PORT=9100\n"), overLogs);
        assertTrue(overLogs.contains("TAGS=[\"c\"]\n"), overLogs);
        assertTrue(overLogs.contains("GREETING=from-json\n"), overLogs);
    }

    @Test
    void aYamlInputsFileWorksToo() throws Exception {
        Cli.Run r = Cli.run("apply", "from-yaml", "-f", SPEC, "--inputs", Cli.resource("specs/inputs.yaml"),
                "-i", "db_password=" + SECRET, "--json");
        assertEquals(0, r.exit(), r::toString);
        String logs = logsOf(json(r), "web");
        assertTrue(logs.contains("GREETING=from-yaml\n"), logs);
        assertTrue(logs.contains("PORT=9001\n"), logs);
        assertTrue(logs.contains("TAGS=[\"x\",\"y\"]\n"), logs);
    }

    @Test
    void aMistypedValueInTheInputsFileExitsTwo() {
        Cli.Run r = Cli.run("apply", "bad-type", "-f", SPEC, "--inputs", Cli.resource("specs/bad-type.json"),
                "-i", "db_password=" + SECRET);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'http_port'") && r.err().contains("number"), r::toString);
    }

    @Test
    void aMissingInputsFileExitsTwo() {
        Cli.Run r = Cli.run("apply", "no-file", "-f", SPEC, "--inputs", "does/not/exist.json");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("does/not/exist.json"), r::toString);
    }

    @Test
    void strictRejectsAnUndeclaredInput() {
        Cli.Run lax = Cli.run("apply", "lax", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x", "-i", "extra=1");
        assertEquals(0, lax.exit(), lax::toString);
        Cli.Run strict = Cli.run("apply", "strict", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x",
                "-i", "extra=1", "--strict");
        assertEquals(2, strict.exit(), strict::toString);
        assertTrue(strict.err().contains("'extra'"), strict::toString);
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, Cli.run("apply", "no-spec", "-i", "greeting=hi").exit(), "-f is required");
        assertEquals(2, Cli.run("apply", "-f", SPEC).exit(), "DEPLOYMENT is required");
        assertEquals(2, Cli.run("apply", "bad/name", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x").exit());
        Cli.Run noEq = Cli.run("apply", "no-eq", "-f", SPEC, "-i", "greeting");
        assertEquals(2, noEq.exit(), noEq::toString);
        assertTrue(noEq.err().contains("-i argument #1 is not name=value"), noEq::toString);
        Cli.Run noSpec = Cli.run("apply", "no-such-spec", "-f", "no/such/spec.yaml");
        assertEquals(2, noSpec.exit(), noSpec::toString);
        assertTrue(noSpec.err().contains("no/such/spec.yaml"), noSpec::toString);
    }
}
