package io.slipway.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line in-process and captures what it printed. */
final class Cli {

    /** The environment most tests run in: the echo backend by default. */
    static final Map<String, String> ECHO = Map.of("SLIPWAY_LAUNCHER", "echo");

    private Cli() {
    }

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {
        /** Both streams, for "never printed" checks. */
        String all() {
            return out + "\n" + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static Run run(String... args) {
        return run(ECHO, args);
    }

    static Run run(Map<String, String> env, String... args) {
        return runWithStdin(env, "", args);
    }

    /** Runs with {@code stdin} as the command's standard input (for {@code slipway hook}). */
    static Run runWithStdin(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = SlipwayCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, env);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The path of a test resource, e.g. {@code specs/app.yaml}. */
    static String resource(String name) {
        try {
            return Path.of(Cli.class.getResource("/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
