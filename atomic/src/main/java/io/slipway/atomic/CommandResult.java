package io.slipway.atomic;

import java.util.regex.Pattern;

/**
 * How a command in the agent ended.
 *
 * @param exitCode the exit code; {@link #NOT_FINISHED} when it was still running at its timeout
 * @param stdout what it printed on stdout (the last 64 KiB)
 * @param stderr what it printed on stderr (the last 64 KiB)
 */
record CommandResult(int exitCode, String stdout, String stderr) {

    /** The exit code of a command that had not finished. */
    static final int NOT_FINISHED = -1;

    /** Whether it finished with exit code 0. */
    boolean ok() {
        return exitCode == 0;
    }

    /**
     * The last non-blank line of stderr (else stdout), for a one-line reason; empty if none. The docker CLI's
     * closing hint ("Run 'docker run --help' for more information") is skipped: the error is the line before it.
     */
    String lastLine() {
        String s = lastLine(stderr);
        return s.isEmpty() ? lastLine(stdout) : s;
    }

    private static final Pattern HINT =
            Pattern.compile("(See|Run) '[^']*--help' for more information\\.?");

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank() && !HINT.matcher(lines[i].strip()).matches()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    /** Sizes only: the output may contain secrets. */
    @Override
    public String toString() {
        return "CommandResult[exit=" + exitCode + ", stdout=" + stdout.length() + " chars, stderr=" + stderr.length()
                + " chars]";
    }
}
