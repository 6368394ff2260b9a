package io.slipway.properties;

import java.util.ArrayList;
import java.util.List;

/**
 * One edit of a text, line by line, as the property tests apply them to real specs: {@code kind} picks the
 * edit, {@code a} and {@code b} pick lines or amounts (taken modulo what the text has), {@code value} is what an
 * edit puts in. Plain data, so that jqwik shrinks a failing list of edits to the fewest and simplest.
 */
public record Mutation(Kind kind, int a, int b, String value) {

    /** The edits. */
    public enum Kind {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INDENT, DEDENT, TAB_INDENT, REPLACE_SCALAR, INSERT_KEY,
        INSERT_ITEM, REPLACE_KEY, INSERT_TEXT, TRUNCATE, DEEP_NEST
    }

    /** Applies every edit of {@code edits} to {@code text}, in order. */
    public static String apply(String text, List<Mutation> edits) {
        String out = text;
        for (Mutation m : edits) {
            out = m.apply(out);
        }
        return out;
    }

    /** This edit applied to {@code text}. */
    public String apply(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = lines.size();
        int i = Math.floorMod(a, n);
        int j = Math.floorMod(b, n);
        String line = lines.get(i);
        switch (kind) {
            case DELETE_LINE -> lines.remove(i);
            case DUPLICATE_LINE -> lines.add(i, line);
            case SWAP_LINES -> {
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case INDENT -> lines.set(i, " ".repeat(1 + Math.floorMod(b, 4)) + line);
            case DEDENT -> lines.set(i, line.substring(Math.min(countIndent(line), 1 + Math.floorMod(b, 4))));
            case TAB_INDENT -> lines.set(i, "\t" + line.stripLeading());
            case REPLACE_SCALAR -> {
                int colon = line.indexOf(": ");
                int dash = line.indexOf("- ");
                if (colon >= 0) {
                    lines.set(i, line.substring(0, colon + 2) + value);
                } else if (dash >= 0) {
                    lines.set(i, line.substring(0, dash + 2) + value);
                } else {
                    lines.set(i, line + ": " + value);
                }
            }
            case INSERT_KEY -> lines.add(i, " ".repeat(countIndent(line)) + key(b) + ": " + value);
            case INSERT_ITEM -> lines.add(i, " ".repeat(countIndent(line)) + "- " + value);
            case REPLACE_KEY -> {
                int colon = line.indexOf(':');
                lines.set(i, " ".repeat(countIndent(line)) + key(b) + (colon >= 0 ? line.substring(colon) : ": " + value));
            }
            case INSERT_TEXT -> {
                int at = Math.floorMod(b, line.length() + 1);
                lines.set(i, line.substring(0, at) + value + line.substring(at));
            }
            case TRUNCATE -> {
                return String.join("\n", lines.subList(0, i + 1));
            }
            case DEEP_NEST -> {
                int depth = 1 + Math.floorMod(b, 3000);
                String nested = a % 2 == 0 ? "[".repeat(depth) + value + "]".repeat(depth)
                        : "{a: ".repeat(depth) + "x" + "}".repeat(depth);
                lines.add(i, " ".repeat(countIndent(line)) + key(b) + ": " + nested);
            }
            default -> throw new AssertionError(kind);
        }
        return String.join("\n", lines);
    }

    private static final List<String> KEYS = List.of("image", "services", "x-slipway", "inputs", "environment", "ports",
            "volumes", "depends_on", "healthcheck", "wait", "secrets", "configs", "networks", "extends", "include",
            "env_file", "profiles", "deploy", "command", "entrypoint", "build", "outputs", "env_files", "oneshot",
            "type", "default", "secret", "required", "condition", "target", "source", "file", "content",
            "environment", "timeout", "http", "port", "exited", "log", "all", "any", "replicas", "ulimits", "<<",
            "1", "true", "null", "~", "? complex", "\"quoted key\"", "x-ext", "name", "restart", "logging", "labels");

    private static String key(int b) {
        return KEYS.get(Math.floorMod(b, KEYS.size()));
    }

    private static int countIndent(String line) {
        int k = 0;
        while (k < line.length() && line.charAt(k) == ' ') {
            k++;
        }
        return k;
    }
}
