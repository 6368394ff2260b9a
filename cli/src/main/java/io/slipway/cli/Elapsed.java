package io.slipway.cli;

import java.time.Duration;

/** Durations as people read them: {@code 850ms}, {@code 12.3s}, {@code 2m05s}. */
final class Elapsed {

    private Elapsed() {
    }

    static String show(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
