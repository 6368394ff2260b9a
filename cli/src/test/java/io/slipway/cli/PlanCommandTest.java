package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code plan}'s usage and exit codes where no engine is needed (the echo backend cannot plan). */
class PlanCommandTest {

    private static final String SPEC = Cli.resource("specs/app.yaml");

    @Test
    void invalidInputIsExitTwoAndABackendThatCannotPlanIsExitOneNamingIt() {
        Cli.Run bad = Cli.run("plan", "p1", "-f", SPEC, "-i", "greeting=hi");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("db_password"), bad::toString);
        Cli.Run refused = Cli.run("plan", "p1", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x");
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("backend 'echo' cannot plan deployment 'p1'"), refused::toString);
        Cli.Run dry = Cli.run("apply", "p1", "--dry-run", "-f", SPEC, "-i", "greeting=hi", "-i", "db_password=x");
        assertEquals(1, dry.exit(), dry::toString);
        assertTrue(dry.err().contains("cannot plan"), dry::toString);
    }

    @Test
    void anUnknownProgressFormatIsExitTwoNamingTheValidOnes() {
        Cli.Run r = Cli.run("apply", "p2", "-f", SPEC, "--progress=fancy", "-i", "greeting=hi", "-i", "db_password=x");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("invalid --progress 'fancy'; valid: text, json, auto"), r::toString);
    }

    @Test
    void jsonProgressOfAnApplyIsOneObjectPerLineAndStdoutKeepsTheResult() throws Exception {
        Cli.Run r = Cli.run("apply", "p3", "-f", SPEC, "--json", "--progress=json", "-i", "greeting=hi", "-i",
                "db_password=x");
        try {
            assertEquals(0, r.exit(), r::toString);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals("p3", json.readTree(r.out()).get("deployment").asText(), "one result document on stdout");
            java.util.List<String> events = new java.util.ArrayList<>();
            for (String line : r.err().strip().split("\n")) {
                var o = json.readTree(line);
                java.util.List<String> fields = new java.util.ArrayList<>();
                o.fieldNames().forEachRemaining(fields::add);
                assertEquals(java.util.List.of("id", "status", "text", "timestamp", "deployment", "event"), fields, line);
                assertEquals("p3", o.get("deployment").asText(), line);
                java.time.Instant.parse(o.get("timestamp").asText());
                events.add(o.get("event").asText());
            }
            assertEquals("started", events.get(0), r::toString);
            assertEquals("done", events.get(events.size() - 1), r::toString);
            assertTrue(events.contains("succeeded"), r::toString);
        } finally {
            Cli.run("delete", "p3");
        }
    }
}
