package io.slipway.heat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives a hook as heat-config's dispatcher ({@code 55-heat-config}) does: String-typed inputs stringified, the
 * item as JSON on stdin, no other argument than the group, then stdout parsed as exactly one JSON object.
 * Slipway's own log output (System.err) is captured too, for the never-a-secret checks.
 */
final class Dispatcher {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Dispatcher() {
    }

    /** What one hook run gave. */
    record Run(int exit, String stdout, String stderr, String logs, JsonNode response) {
        int status() {
            return response.get("deploy_status_code").asInt();
        }

        String deployStdout() {
            return response.get("deploy_stdout").asText();
        }

        String deployStderr() {
            return response.get("deploy_stderr").asText();
        }

        /** The response as a map. */
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return STRICT.convertValue(response, Map.class);
        }

        /** Everything the hook printed, anywhere. */
        String everything() {
            return stdout + "\n" + stderr + "\n" + logs;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr + "\n--- logs ---\n" + logs;
        }
    }

    /** Python's str() on the value of every String-typed input that is not a string. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stringify(Map<String, Object> item) {
        Map<String, Object> m = new LinkedHashMap<>(item);
        if (m.get("inputs") instanceof List<?> inputs) {
            List<Object> out = new ArrayList<>();
            for (Object o : inputs) {
                Map<String, Object> i = new LinkedHashMap<>((Map<String, Object>) o);
                if ("String".equals(i.get("type")) && !(i.get("value") instanceof String)) {
                    i.put("value", PythonRepr.str(i.get("value")));
                }
                out.add(i);
            }
            m.put("inputs", out);
        }
        return m;
    }

    /** Runs the hook of {@code group} in-process on {@code stdin}, with {@code env}. */
    static Run run(String group, String stdin, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        int exit;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Hooks.run(group, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, env);
        } finally {
            System.setErr(systemErr);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String logText = logs.toString(StandardCharsets.UTF_8);
        systemErr.print(logText); // keep the hook's log in the test output
        return new Run(exit, stdout, err.toString(StandardCharsets.UTF_8), logText, parse(stdout));
    }

    /** stdout as exactly one JSON object with the three deploy keys; fails the test otherwise. */
    static JsonNode parse(String stdout) {
        JsonNode node;
        try {
            node = STRICT.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stdout is not exactly one JSON value: " + e.getOriginalMessage() + "\n" + stdout, e);
        }
        if (node == null || !node.isObject()) {
            throw new AssertionError("stdout is not a JSON object:\n" + stdout);
        }
        for (String k : HookResponse.DEPLOY_KEYS) {
            if (!node.has(k)) {
                throw new AssertionError("response lacks " + k + ":\n" + stdout);
            }
        }
        if (!node.get("deploy_status_code").isInt()) {
            throw new AssertionError("deploy_status_code is not an integer:\n" + stdout);
        }
        return node;
    }
}
