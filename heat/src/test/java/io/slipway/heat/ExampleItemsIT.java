package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * examples/heat: the deployment items Heat would hand the hook for the example template with each environment
 * file (docker-run, compose, atomic), driven through the slipway group: each must serve the page, and all must
 * end the same way. Only what would clash on a shared machine is changed: the deployment's name, the host port
 * and the atomic agent's container name.
 */
class ExampleItemsIT {

    private static final Path EXAMPLES = Path.of("..", "examples", "heat");
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    @Test
    void everyEnvironmentsItemRunsTheExampleTheSameWay() throws Exception {
        Backends.exampleImages();
        String spec = Files.readString(EXAMPLES.resolve("app.yaml"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
        Map<String, Map<String, Object>> outcomes = new LinkedHashMap<>();
        for (String backend : List.of("docker-run", "compose", "atomic")) {
            Map<String, Object> item = JSON.readValue(EXAMPLES.resolve("items/" + backend + ".json").toFile(), Map.class);
            assertEquals(spec, item.get("config"), "items/" + backend + ".json carries app.yaml as its config");
            String d = "hx" + UUID.randomUUID().toString().substring(0, 6) + "_app";
            int port = freePort();
            item.put("name", d);
            for (Map<String, Object> in : (List<Map<String, Object>>) item.get("inputs")) {
                if (in.get("name").equals("http_port")) {
                    in.put("value", port);
                }
                if (in.get("name").equals("launcher") && backend.equals("atomic")) {
                    in.put("value", in.get("value") + "&agent-name=" + Backends.AGENT);
                }
            }
            try {
                Dispatcher.Run r = Dispatcher.run("slipway", JSON.writeValueAsString(item), env);
                assertEquals(0, r.exit());
                assertEquals(0, r.status(), backend + ": " + r);
                assertEquals("Hello from Heat\n", page(port), backend);
                assertFalse(r.everything().contains("example-s3cret") || r.everything().contains("Zq9wX2vB7nM4kL1p"),
                        backend + " printed a secret:\n" + r);
                outcomes.put(backend, Backends.outcome(r));
            } finally {
                setAction(item, "DELETE");
                Dispatcher.Run deleted = Dispatcher.run("slipway", JSON.writeValueAsString(item), env);
                assertEquals(0, deleted.status(), backend + ": " + deleted);
                assertTrue(Backends.containers(d).isEmpty(), backend + " left containers of " + d);
            }
        }
        assertEquals(Map.of("deploy_status_code", 0, "services", List.of("setup: SUCCEEDED", "web: SUCCEEDED"),
                "outputs", Map.of("setup_exit", 0, "web_status", "SUCCEEDED")), outcomes.get("docker-run"));
        outcomes.forEach((backend, o) -> assertEquals(outcomes.get("docker-run"), o, backend));
    }

    @SuppressWarnings("unchecked")
    private static void setAction(Map<String, Object> item, String action) {
        for (Map<String, Object> in : (List<Map<String, Object>>) item.get("inputs")) {
            if (in.get("name").equals("deploy_action")) {
                in.put("value", action);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String page(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
