package io.slipway.compose;

import java.time.Duration;
import java.util.List;

/**
 * One finished run of the Compose tool. Output is as the tool printed it (bounded, line ends normalised);
 * it may hold secrets, so mask it before showing it.
 *
 * @param command what was run (its argv never holds a secret: inputs travel in the environment and the env file)
 * @param exitCode the exit code (meaningless when killed)
 * @param stdout what it printed on stdout
 * @param stderr what it printed on stderr
 * @param killed whether the watchdog killed it for outliving {@code timeout}
 * @param timeout the watchdog's limit
 * @param took how long it ran
 */
record ToolResult(ToolCommand command, int exitCode, String stdout, String stderr, boolean killed, Duration timeout,
        Duration took) {

    /** Exited 0 by itself. */
    boolean succeeded() {
        return !killed && exitCode == 0;
    }

    /**
     * Why it failed, in one line with the tool's own error lines, e.g. {@code docker-compose up exited with code
     * 1: ERROR: ...}. Unmasked.
     */
    String failure() {
        String what = command.what();
        if (killed) {
            return what + " did not finish within " + io.slipway.spec.Durations.format(timeout)
                    + " and was killed (option timeout)";
        }
        String errors = errorLines(stderr);
        return what + " exited with code " + exitCode + (errors.isEmpty() ? "" : ": " + errors);
    }

    /**
     * The lines of {@code stderr} that say what went wrong: those Compose marks as errors, else the last few.
     * Progress lines ({@code Creating x ... done}) are left out when error lines exist.
     */
    static String errorLines(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> errors = lines.stream()
                .filter(l -> l.startsWith("ERROR") || l.startsWith("Error") || l.contains(" error ")
                        || l.startsWith("no such") || l.startsWith("unknown"))
                .toList();
        List<String> shown = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 5), lines.size()) : errors;
        return String.join(" | ", shown);
    }
}
