package io.slipway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.ServiceResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress for tools, as {@code docker compose --progress=json} prints it: one JSON object per line and per event on
 * stderr, with {@code id} (the service, or the deployment for the command's own events), {@code status} (a word),
 * {@code text} (for people), {@code timestamp} (ISO-8601; the engine's own time for a state change), {@code deployment}
 * and {@code event}: {@code started}, {@code image}, {@code build}, {@code state}, {@code waiting}, {@code succeeded},
 * {@code failed}, {@code timed_out}, {@code done}. Nothing passed here holds a secret value (the backends mask them).
 */
final class JsonProgress implements Progress {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter err;
    private final String deployment;
    private final boolean logsOfSucceeded;

    JsonProgress(PrintWriter err, String deployment, boolean logsOfSucceeded) {
        this.err = err;
        this.deployment = deployment;
        this.logsOfSucceeded = logsOfSucceeded;
    }

    @Override
    public boolean logsOfSucceeded() {
        return logsOfSucceeded;
    }

    @Override
    public void started(String action, String backend) {
        emit("started", deployment, action, action + " of " + deployment + " with " + backend, null);
    }

    @Override
    public void done(String status, String text) {
        emit("done", deployment, status, text, null);
    }

    @Override
    public void imageReady(String service, String image, String how) {
        emit("image", service, how, "image " + image + " " + how, null);
    }

    @Override
    public void building(String service, String line) {
        emit("build", service, "building", line, null);
    }

    @Override
    public void stateChanged(String service, String containerName, String state, Instant time) {
        emit("state", service, state, "container " + containerName + " " + state, time);
    }

    @Override
    public void waiting(String service, String containerName, String condition) {
        emit("waiting", service, "waiting", "waiting for " + condition + " (container " + containerName + ")", null);
    }

    @Override
    public void finished(ServiceResult s) {
        String event = s.outcome().name().toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(s.outcome().name()).append(" after ").append(Elapsed.show(s.duration()));
        if (s.exitCode() != null) {
            text.append(", exit code ").append(s.exitCode());
        }
        if (s.reason() != null && !s.reason().isEmpty()) {
            text.append(": ").append(s.reason());
        }
        emit(event, s.name(), s.succeeded() && !s.changed() ? "unchanged" : event, text.toString(), null);
    }

    private void emit(String event, String id, String status, String text, Instant time) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status);
        m.put("text", text);
        m.put("timestamp", (time != null ? time : Instant.now()).toString());
        m.put("deployment", deployment);
        m.put("event", event);
        String line;
        try {
            line = JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return; // plain strings and maps: cannot happen
        }
        synchronized (err) {
            err.println(line);
        }
    }
}
