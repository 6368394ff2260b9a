package io.slipway.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Compose {@code env_file}: {@code KEY=VALUE} lines; blank lines and {@code #} comments skipped;
 * an optional {@code export } prefix; a value wrapped in matching single or double quotes is unwrapped.
 * A line {@code KEY} without '=' is skipped, as Compose does when the variable is not in its environment.
 */
public final class EnvFile {

    private EnvFile() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws SpecException naming the file and line of a malformed entry, or a file that cannot be read
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new SpecException("", "cannot read env_file " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString(), true);
    }

    /**
     * Reads env-file {@code text} (an input's value, for {@code x-slipway.env_files}); {@code source} names it
     * in errors, which show neither a value nor a name (the text may be a secret).
     *
     * @throws SpecException naming the source and line of a malformed entry
     */
    public static Map<String, String> parse(String text, String source) {
        return parse(text.lines().toList(), source, false);
    }

    private static Map<String, String> parse(List<String> lines, String source, boolean showNames) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new SpecException("", source + " line " + (i + 1) + ": bad variable name"
                        + (showNames ? " '" + key + "'" : "") + " (a name is not empty and has no whitespace)");
            }
            env.put(key, unquote(line.substring(eq + 1)));
        }
        return env;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
