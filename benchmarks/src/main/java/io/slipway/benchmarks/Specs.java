package io.slipway.benchmarks;

import com.github.dockerjava.api.model.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The specs every competitor runs, as Compose-format YAML that both Slipway and {@code docker-compose} v1
 * read: the same image, command and labels for everyone.
 */
final class Specs {

    /** What a long-running service runs: nothing, for long enough. */
    static final String[] SLEEP = {"sleep", "300"};
    /**
     * How long a one-shot task runs in a full run: 1.37 s, so that the wait is in progress when it exits, and at a
     * moment no poll interval (100 ms, Testcontainers' 1 s) is in step with ({@link BenchConfig#taskSeconds()}).
     */
    static final String TASK_SECONDS = "1.37";

    private Specs() {
    }

    /** Service {@code i} (from 0) of {@code n}: {@code s001}, {@code s002}, ... */
    static String service(int i) {
        return String.format(Locale.ROOT, "s%03d", i + 1);
    }

    /** {@code n} independent long-running services, each to be waited for as {@code running} (the default). */
    static String services(int n, String image, String runId) {
        StringBuilder sb = new StringBuilder("services:\n");
        for (int i = 0; i < n; i++) {
            sb.append("  ").append(service(i)).append(":\n");
            sb.append("    image: ").append(image).append('\n');
            sb.append("    command: [\"sleep\", \"300\"]\n");
            sb.append("    labels: {").append(BenchEngine.LABEL).append(": \"").append(runId).append("\"}\n");
        }
        return sb.toString();
    }

    /**
     * {@link #services} for a swarm: the task stops at once on SIGTERM (a swarm has no stop timeout of Slipway's to
     * cut the 10 s grace short), the same file for {@code docker stack deploy} and for Slipway.
     */
    static String swarmServices(int n, String image, String runId) {
        return services(n, image, runId).replace("    command: [\"sleep\", \"300\"]\n",
                "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 300 & wait\"]\n");
    }

    /** {@link #services} with {@code network_mode: bridge}: no deployment network, as {@code docker run} without one. */
    static String servicesOnDefaultBridge(int n, String image, String runId) {
        return services(n, image, runId).replace("    command: [\"sleep\", \"300\"]\n",
                "    command: [\"sleep\", \"300\"]\n    network_mode: bridge\n");
    }

    /** What a one-shot task runs: exits 0 after {@code seconds} ({@link BenchConfig#taskSeconds()}). */
    static String[] task(String seconds) {
        return new String[] {"sleep", seconds};
    }

    /** One one-shot task that exits 0 after {@code seconds} ({@link BenchConfig#taskSeconds()}). */
    static String task(String image, String runId, String seconds) {
        return "services:\n"
                + "  task:\n"
                + "    image: " + image + "\n"
                + "    command: [\"sleep\", \"" + seconds + "\"]\n"
                + "    labels: {" + BenchEngine.LABEL + ": \"" + runId + "\"}\n"
                + "    x-slipway: {oneshot: true, wait: {exited: [0], timeout: 30s}}\n";
    }

    /**
     * The healthcheck of {@link #healthy}, for the Engine API: {@code true} every {@code interval}, so the first check
     * (and {@code healthy}) {@code interval} after start.
     */
    static HealthCheck healthCheck(Duration interval) {
        return new HealthCheck().withTest(List.of("CMD", "true")).withInterval(interval.toNanos())
                .withTimeout(5_000_000_000L).withRetries(3);
    }

    /**
     * One service with a healthcheck that passes from its first run, every {@code interval}
     * ({@link BenchConfig#healthInterval()}), waited for as {@code healthy}.
     */
    static String healthy(String image, String runId, Duration interval) {
        return "services:\n"
                + "  web:\n"
                + "    image: " + image + "\n"
                + "    command: [\"sleep\", \"300\"]\n"
                + "    labels: {" + BenchEngine.LABEL + ": \"" + runId + "\"}\n"
                + "    healthcheck: {test: [\"CMD\", \"true\"], interval: " + interval.toMillis() + "ms, timeout: 5s, retries: 3}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 30s}}\n";
    }
}
