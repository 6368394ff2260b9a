package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDeleteCommandTest {

    private static final String SPEC = Cli.resource("specs/app.yaml");

    @Test
    void statusShowsWhatApplyStartedAndDeleteRemovesIt() throws Exception {
        Cli.Run apply = Cli.run("apply", "life", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x");
        assertEquals(0, apply.exit(), apply::toString);

        Cli.Run json = Cli.run("status", "life", "--json");
        assertEquals(0, json.exit(), json::toString);
        JsonNode status = new ObjectMapper().readTree(json.out());
        List<String> keys = new ArrayList<>();
        status.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("deployment", "backend", "services", "tool"), keys);
        assertEquals("life", status.get("deployment").asText());
        assertEquals("echo", status.get("backend").asText());
        JsonNode web = status.get("services").get(0);
        List<String> serviceKeys = new ArrayList<>();
        web.fieldNames().forEachRemaining(serviceKeys::add);
        assertEquals(List.of("service", "containerId", "containerName", "state", "exitCode", "health"), serviceKeys);
        assertEquals("web", web.get("service").asText());
        assertEquals("echo-life-web", web.get("containerId").asText());
        assertEquals("running", web.get("state").asText());
        JsonNode migrate = status.get("services").get(1);
        assertEquals("exited", migrate.get("state").asText());
        assertEquals(0, migrate.get("exitCode").asInt());

        Cli.Run human = Cli.run("status", "life");
        assertEquals(0, human.exit(), human::toString);
        assertTrue(human.out().startsWith("deployment 'life' on echo: 2 containers\n"), human::toString);
        assertTrue(human.out().contains("  web: running, container life-web (echo-life-web)"), human::toString);
        assertTrue(human.out().contains("  migrate: exited (exit code 0)"), human::toString);
        assertTrue(human.out().endsWith("  through echo\n"), human::toString);

        Cli.Run again = Cli.run("apply", "life", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x");
        assertTrue(again.err().contains("  web: SUCCEEDED after ") && again.err().contains("(unchanged)"),
                again::toString);

        Cli.Run delete = Cli.run("delete", "life");
        assertEquals(0, delete.exit(), delete::toString);
        assertTrue(delete.out().contains("2 containers removed"), delete::toString);
        assertTrue(delete.err().contains("deleting life with echo..."), delete::toString);

        Cli.Run gone = Cli.run("status", "life", "--json");
        assertEquals(0, gone.exit(), gone::toString);
        assertEquals(0, new ObjectMapper().readTree(gone.out()).get("services").size());
        assertTrue(Cli.run("status", "life").out().contains("nothing deployed"));
        assertTrue(Cli.run("delete", "life").out().contains("0 containers removed"));
    }

    @Test
    void badNamesAndBackendsExitTwo() {
        assertEquals(2, Cli.run("status", "bad name").exit());
        assertEquals(2, Cli.run("delete", "bad/name").exit());
        Cli.Run r = Cli.run("delete", "x", "-b", "nope");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("echo"), r::toString);
    }
}
