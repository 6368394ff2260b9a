package io.slipway.benchmarks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * What the harness is doing, on stderr, so that stdout holds only the report. Every line starts with the seconds since
 * the harness started, so that a slow step (a cleanup, a process start) shows between two lines.
 */
final class Progress {

    private final PrintStream err;
    private final long start = System.nanoTime();

    Progress(PrintStream err) {
        this.err = err;
    }

    void scenario(String title) {
        println("== " + title);
    }

    private void println(String line) {
        err.println(String.format(Locale.ROOT, "[%6.1f s] ", Clock.msSince(start) / 1000) + line);
    }

    void note(String scenario, String group, String competitor, int round, int warmup, Map<String, Double> values) {
        StringBuilder sb = new StringBuilder("   ");
        sb.append(round < warmup ? "warm-up " : "round ").append(round < warmup ? round + 1 : round - warmup + 1)
                .append(group.isEmpty() ? "" : " [" + group + "]").append(" ").append(competitor).append(":");
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.1f", v)));
        println(sb.toString());
    }

    void failed(String scenario, String group, String competitor, Throwable t) {
        println("   " + competitor + (group.isEmpty() ? "" : " [" + group + "]") + " FAILED: " + Race.oneLine(t));
    }

    void info(String message) {
        println("   " + message);
    }
}
