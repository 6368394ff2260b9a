package io.slipway.engine;

import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Podman container's healthcheck through Podman's own API when it is due and Podman has not run it itself.
 *
 * <p>Podman (4.x) schedules healthchecks with systemd timers; where there is no systemd (containers, CI machines,
 * many servers) nothing ever runs them, and a container stays "starting" for ever. Its API has
 * {@code GET /libpod/containers/{id}/healthcheck}, which runs the check once and records the result in the
 * container's health log, with Podman's own rules (retries, start period). So while a wait needs a health status,
 * each evaluation asks {@link #runIfDue}: the check runs when an interval (the container's, else Docker's default
 * 30 s) has passed since the latest of the container's start, the last entry of its health log and the last run
 * from here. Where Podman runs its checks itself, its log entries keep the check from ever being due here.
 *
 * <p>A check runs on a thread of its own, not the caller's: the call blocks for as long as the check takes (up to
 * its timeout), and the caller is a wait pool's thread, which other containers' waits share. The caller is told
 * when the run is over, to look at the container again.
 */
final class PodmanHealthchecks {

    private static final Logger LOG = LoggerFactory.getLogger(PodmanHealthchecks.class);

    /** Docker's and Podman's interval when the healthcheck gives none. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** How long the time of a run from here is kept without another run of the same container. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final DockerHttpClient http;
    private final String api;
    private final Executor runner;
    private final Map<String, Instant> ranAt = new ConcurrentHashMap<>();
    /** Containers whose check is running now: one run at a time each. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /**
     * @param http the engine's HTTP client (ordinary calls, bounded response time)
     * @param api Podman's own API version, e.g. {@code 4.3.1}
     */
    PodmanHealthchecks(DockerHttpClient http, String api) {
        this(http, api, PodmanHealthchecks::daemon);
    }

    /** As above, running the checks on {@code runner}. */
    PodmanHealthchecks(DockerHttpClient http, String api, Executor runner) {
        this.http = http;
        this.api = api;
        this.runner = runner;
    }

    /** What a run of the check gave: whether it ran, and why it could not when it failed to (else null). */
    record Attempt(boolean ran, String error) {
    }

    /**
     * Starts the healthcheck of the container {@code inspected} describes if it is running, has a healthcheck, the
     * check is due at {@code now} and not running already; returns at once, and {@code done} is told how the run
     * went once it is over (on the thread that ran it).
     *
     * @return whether a run was started
     */
    boolean runIfDue(String containerId, InspectContainerResponse inspected, Instant now, Consumer<Attempt> done) {
        HealthCheck hc = inspected.getConfig() == null ? null : inspected.getConfig().getHealthcheck();
        InspectContainerResponse.ContainerState s = inspected.getState();
        if (!hasCheck(hc) || s == null || !Boolean.TRUE.equals(s.getRunning()) || s.getHealth() == null) {
            return false;
        }
        Instant due = due(hc, instant(s.getStartedAt()), lastLogEnd(s.getHealth().getLog()), ranAt.get(containerId));
        if (due == null || now.isBefore(due) || !running.add(containerId)) {
            return false;
        }
        try {
            runner.execute(() -> {
                Attempt a;
                try {
                    String error = run(containerId);
                    a = new Attempt(error == null, error);
                } finally {
                    Instant over = Instant.now();
                    ranAt.put(containerId, over);
                    forgetOlderThan(over.minus(FORGET_AFTER));
                    running.remove(containerId);
                }
                done.accept(a);
            });
        } catch (RuntimeException e) { // a rejected execution: nothing ran
            running.remove(containerId);
            done.accept(new Attempt(false, DockerEngine.rootMessage(e)));
        }
        return true;
    }

    /** Runs {@code r} on a daemon thread of its own: a due check is rare (one per interval per waited container). */
    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "slipway-podman-healthcheck");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Drops what is kept of containers not checked from here for a while (removed ones, finished waits), so a
     * long-lived connection does not keep an entry per container it ever waited for. A container forgotten while
     * still waited on only loses the run from here as a base: its health log still says when it last ran.
     */
    private void forgetOlderThan(Instant cutoff) {
        ranAt.entrySet().removeIf(e -> e.getValue().isBefore(cutoff));
    }

    /**
     * When the next check is due: an interval after the latest of the container's start, its health log's last
     * entry and the last run from here (null: not known to have started). Podman itself applies the start period
     * (failures during it do not count) and the retries.
     */
    static Instant due(HealthCheck hc, Instant started, Instant lastLogEnd, Instant lastRun) {
        Instant base = latest(latest(started, lastLogEnd), lastRun);
        if (base == null) {
            return null;
        }
        Long nanos = hc.getInterval();
        Duration interval = nanos == null || nanos <= 0 ? DEFAULT_INTERVAL : Duration.ofNanos(nanos);
        return base.plus(interval);
    }

    /** A healthcheck that runs something: not absent, not {@code NONE}, not inheriting nothing. */
    static boolean hasCheck(HealthCheck hc) {
        List<String> test = hc == null ? null : hc.getTest();
        return test != null && !test.isEmpty() && !test.get(0).equals("NONE");
    }

    private String run(String containerId) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/v" + api + "/libpod/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8)
                        + "/healthcheck")
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            int code = response.getStatusCode();
            if (code == 200) {
                LOG.debug("Ran the healthcheck of {} through Podman's API", containerId);
                return null;
            }
            return "Podman's API answered HTTP " + code + ": " + body(response.getBody());
        } catch (RuntimeException e) {
            return DockerEngine.rootMessage(e);
        }
    }

    private static String body(InputStream in) {
        if (in == null) {
            return "";
        }
        try {
            String text = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
            // Podman's errors are JSON objects with a "message"; the message is what a user needs.
            int m = text.indexOf("\"message\":\"");
            if (m >= 0) {
                int end = text.indexOf('"', m + 11);
                return end > m ? text.substring(m + 11, end) : text;
            }
            return text;
        } catch (IOException e) {
            return "";
        }
    }

    private static Instant lastLogEnd(List<HealthStateLog> log) {
        if (log == null || log.isEmpty()) {
            return null;
        }
        HealthStateLog last = log.get(log.size() - 1);
        Instant end = instant(last.getEnd());
        return end != null ? end : instant(last.getStart());
    }

    static Instant instant(String s) {
        if (s == null || s.isBlank() || s.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
