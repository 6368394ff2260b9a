package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plan} (and {@code apply --dry-run}) against the engine: exit 3 while something would change, 0 once nothing
 * would, the changed setting named and no secret shown; {@code --progress=json} on {@code apply} and {@code delete}.
 */
class PlanProgressCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    @ParameterizedTest
    @ValueSource(strings = {"docker-run", "compose"})
    void planSaysWhatApplyDoesAndProgressIsJsonLines(String backend, @TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("SLIPWAY_LAUNCHER", backend);
        String d = "cli-plan-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "cli-plan-Secret-" + UUID.randomUUID();
        Path spec = Files.writeString(dir.resolve("compose.yaml"), """
                x-slipway:
                  inputs:
                    token: {type: string, secret: true, required: true}
                services:
                  web:
                    image: %1$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"]
                    environment:
                      TOKEN: ${token}
                  task:
                    image: %1$s
                    command: ["sh", "-c", "echo done"]
                    x-slipway: {oneshot: true}
                """.formatted(TestImages.busybox()));
        String f = spec.toString();
        try {
            Cli.Run plan = Cli.run(env, "plan", d, "-f", f, "-i", "token=" + secret, "--json");
            assertEquals(3, plan.exit(), plan::toString);
            JsonNode p = JSON.readTree(plan.out());
            assertEquals("create", p.get("services").get(0).get("action").asText(), plan.out());
            assertEquals("******", p.get("inputs").get("token").asText(), plan.out());
            assertFalse(plan.all().contains(secret), plan::toString);

            Cli.Run apply = Cli.run(env, "apply", d, "-f", f, "-i", "token=" + secret, "--json", "--progress=json");
            assertEquals(0, apply.exit(), apply::toString);
            assertEquals("SUCCEEDED", JSON.readTree(apply.out()).get("status").asText(), "one document on stdout");
            List<JsonNode> events = lines(apply.err(), d);
            List<String> kinds = events.stream().map(e -> e.get("event").asText()).toList();
            assertEquals("started", kinds.get(0), apply::toString);
            assertEquals("done", kinds.get(kinds.size() - 1), apply::toString);
            assertTrue(kinds.containsAll(List.of("state", "waiting", "succeeded")), kinds.toString());
            if (backend.equals("docker-run")) {
                assertTrue(kinds.contains("image"), kinds.toString());
            }
            assertTrue(events.stream().anyMatch(e -> e.get("event").asText().equals("state")
                    && e.get("id").asText().equals("web") && e.get("status").asText().equals("running")),
                    apply::toString);
            assertFalse(apply.all().contains(secret), apply::toString);

            Cli.Run same = Cli.run(env, "apply", d, "--dry-run", "-f", f, "-i", "token=" + secret);
            assertEquals(0, same.exit(), same::toString);
            assertTrue(same.out().contains("No changes: 0 to create, 0 to replace, 0 to remove, 2 unchanged"),
                    same::toString);

            Cli.Run changed = Cli.run(env, "plan", d, "-f", f, "-i", "token=other-" + secret);
            assertEquals(3, changed.exit(), changed::toString);
            assertTrue(changed.out().contains("replace  service web (changed: environment.TOKEN)"), changed::toString);
            assertTrue(changed.out().contains("unchanged service task"), changed::toString);
            assertFalse(changed.all().contains(secret), changed::toString);

            Cli.Run bad = Cli.run(env, "plan", d, "-f", f);
            assertEquals(2, bad.exit(), bad::toString);
        } finally {
            Cli.Run delete = Cli.run(env, "delete", d, "--progress=json");
            assertEquals(0, delete.exit(), delete::toString);
            assertEquals(List.of("started", "done"), lines(delete.err(), d).stream().map(e -> e.get("event").asText())
                    .toList(), delete::toString);
        }
    }

    /** Each line of {@code err} as a JSON object with every field, the deployment's, at an ISO-8601 time. */
    private static List<JsonNode> lines(String err, String deployment) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : err.strip().split("\n")) {
            JsonNode o = JSON.readTree(line);
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("id", "status", "text", "timestamp", "deployment", "event"), fields, line);
            assertEquals(deployment, o.get("deployment").asText(), line);
            Instant.parse(o.get("timestamp").asText());
            out.add(o);
        }
        return out;
    }
}
