package io.slipway.benchmarks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** What the harness is doing, on stderr, so that stdout holds only the report. */
final class Progress {

    private final PrintStream err;

    Progress(PrintStream err) {
        this.err = err;
    }

    void scenario(String title) {
        err.println("== " + title);
    }

    void note(String scenario, String group, String competitor, int round, int warmup, Map<String, Double> values) {
        StringBuilder sb = new StringBuilder("   ");
        sb.append(round < warmup ? "warm-up " : "round ").append(round < warmup ? round + 1 : round - warmup + 1)
                .append(group.isEmpty() ? "" : " [" + group + "]").append(" ").append(competitor).append(":");
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.1f", v)));
        err.println(sb);
    }

    void failed(String scenario, String group, String competitor, Throwable t) {
        err.println("   " + competitor + (group.isEmpty() ? "" : " [" + group + "]") + " FAILED: " + Race.oneLine(t));
    }

    void info(String message) {
        err.println("   " + message);
    }
}
