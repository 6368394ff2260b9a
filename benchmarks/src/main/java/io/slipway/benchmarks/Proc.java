package io.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a process and times it from start to exit: how a user or a script would run it. */
final class Proc {

    /**
     * A finished process.
     *
     * @param exit its exit code
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     * @param ms from start to exit, in milliseconds
     */
    record Result(int exit, String out, String err, double ms) {
        /** Throws, with the command's output, unless it exited 0. */
        Result ok(List<String> command) {
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": "
                        + (err.isBlank() ? out : err).strip());
            }
            return this;
        }
    }

    private Proc() {
    }

    /** Runs {@code command} in {@code dir} with extra environment {@code env}; kills it after {@code timeout}. */
    static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        return run(command, env, dir, null, timeout);
    }

    /** {@link #run(List, Map, Path, Duration)} with {@code stdin} (a file) on its standard input, or none when null. */
    static Result run(List<String> command, Map<String, String> env, Path dir, Path stdin, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("slipway-bench-", ".out");
        Path err = Files.createTempFile("slipway-bench-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(stdin == null ? new java.io.File("/dev/null") : stdin.toFile()));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            double ms = Clock.msSince(start);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), ms);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code command} and requires exit 0. */
    static Result ok(List<String> command, Map<String, String> env, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        return run(command, env, dir, timeout).ok(command);
    }
}
