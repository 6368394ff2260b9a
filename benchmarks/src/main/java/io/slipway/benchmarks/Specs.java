package io.slipway.benchmarks;

import java.util.Locale;

/**
 * The specs every competitor runs, as Compose-format YAML that both Slipway and {@code docker-compose} v1
 * read: the same image, command and labels for everyone.
 */
final class Specs {

    /** What a long-running service runs: nothing, for long enough. */
    static final String[] SLEEP = {"sleep", "300"};
    /**
     * What a one-shot task runs: exits 0 after 1.37 s, so that the wait is in progress when it exits, and at a
     * moment no poll interval (100 ms, Testcontainers' 1 s) is in step with.
     */
    static final String[] TASK = {"sleep", "1.37"};
    /** The healthcheck everyone uses: {@code true} every second; the first check (and so {@code healthy}) 1 s after start. */
    static final long HEALTH_INTERVAL_NANOS = 1_000_000_000L;

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

    /** One one-shot task that exits 0 after 1.37 s ({@link #TASK}). */
    static String task(String image, String runId) {
        return "services:\n"
                + "  task:\n"
                + "    image: " + image + "\n"
                + "    command: [\"sleep\", \"1.37\"]\n"
                + "    labels: {" + BenchEngine.LABEL + ": \"" + runId + "\"}\n"
                + "    x-slipway: {oneshot: true, wait: {exited: [0], timeout: 30s}}\n";
    }

    /** One service with a healthcheck that passes from its first run, waited for as {@code healthy}. */
    static String healthy(String image, String runId) {
        return "services:\n"
                + "  web:\n"
                + "    image: " + image + "\n"
                + "    command: [\"sleep\", \"300\"]\n"
                + "    labels: {" + BenchEngine.LABEL + ": \"" + runId + "\"}\n"
                + "    healthcheck: {test: [\"CMD\", \"true\"], interval: 1s, timeout: 5s, retries: 3}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 30s}}\n";
    }
}
