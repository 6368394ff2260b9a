package io.slipway.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads env files by Compose's dotenv syntax: {@code KEY=VALUE} lines (blanks around '=' and the value ignored);
 * blank lines and {@code #} comments skipped; an optional {@code export } prefix; a line {@code KEY} without
 * '=' skipped, as Compose does when the variable is not in its environment.
 * <ul>
 * <li>Unquoted: the value ends at a {@code #} preceded by a blank ({@code A=b # note} is {@code b};
 * {@code A=b#c} is {@code b#c}).</li>
 * <li>Single quotes: literal, {@code \'} for a quote; may span lines.</li>
 * <li>Double quotes: {@code \n}, {@code \r}, {@code \t}, {@code \\}, {@code \"} are escapes; may span lines.
 * Only a comment may follow the closing quote.</li>
 * <li>Interpolation sources ({@code .env}, {@code --env-file}, see {@link #readInterpolationSources}):
 * unquoted and double-quoted values are interpolated by the Compose rules from the entries above them and
 * from earlier files; a service's {@code env_file} is not interpolated, as in Compose.</li>
 * </ul>
 */
public final class EnvFile {

    private EnvFile() {
    }

    /**
     * Reads {@code file} (a service's {@code env_file}); values are not interpolated.
     *
     * @throws SpecException naming the file and line of a malformed entry, or a file that cannot be read
     */
    public static Map<String, String> read(Path file) {
        return parse(readText(file, "env_file"), file.toString(), true, null);
    }

    /**
     * Reads env-file {@code text} (an input's value, for {@code x-slipway.env_files}); {@code source} names it
     * in errors, which show neither a value nor a name (the text may be a secret).
     *
     * @throws SpecException naming the source and line of a malformed entry
     */
    public static Map<String, String> parse(String text, String source) {
        return parse(text, source, false, null);
    }

    /**
     * Reads the files that give interpolation variables ({@code .env} beside a spec, or the {@code --env-file}s), in
     * order: a later file wins, and a value may use the entries above it and those of earlier files.
     *
     * @throws SpecException naming the file (and line) that is missing, unreadable or malformed
     */
    static Map<String, String> readInterpolationSources(List<Path> files) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Path file : files) {
            all.putAll(parse(readText(file, "env file"), file.toString(), true, all));
        }
        return all;
    }

    private static String readText(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException("", "cannot read " + what + " " + file + ": no such file", e);
        } catch (IOException e) {
            throw new SpecException("", "cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code text}; {@code earlier} are the variables of earlier files for interpolation, or null when values
     * are not interpolated.
     */
    private static Map<String, String> parse(String text, String source, boolean showNames, Map<String, String> earlier) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int first = i + 1;
            String line = lines.get(i).stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).stripLeading();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw bad(source, first, "bad variable name" + (showNames ? " '" + key + "'" : "")
                        + " (a name is not empty and has no whitespace)");
            }
            StringBuilder value = new StringBuilder(line.substring(eq + 1).stripLeading());
            char quote = value.length() > 0 ? value.charAt(0) : 0;
            String parsed;
            if (quote == '\'' || quote == '"') {
                int close = closingQuote(value, quote);
                // A quoted value may span lines: take more until the quote closes.
                while (close < 0 && i + 1 < lines.size()) {
                    value.append('\n').append(lines.get(++i));
                    close = closingQuote(value, quote);
                }
                if (close < 0) {
                    throw bad(source, first, "unterminated " + (quote == '"' ? "double" : "single") + "-quoted value");
                }
                String after = value.substring(close + 1).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    throw bad(source, first, "only a # comment may follow a quoted value");
                }
                String inner = value.substring(1, close);
                parsed = quote == '\'' ? inner.replace("\\'", "'") : unescape(inner);
            } else {
                parsed = withoutComment(value.toString()).strip();
            }
            if (earlier != null && quote != '\'') {
                parsed = interpolate(key, parsed, env, earlier, source, first);
            }
            env.put(key, parsed);
        }
        return env;
    }

    /** Index of the quote closing the one at 0, skipping backslash escapes; -1 when there is none. */
    private static int closingQuote(CharSequence s, char quote) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\', '"' -> out.append(next);
                default -> out.append('\\').append(next); // not an escape: kept as written
            }
        }
        return out.toString();
    }

    /** An unquoted value up to a {@code #} that follows a blank. */
    private static String withoutComment(String v) {
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) == '#' && Character.isWhitespace(v.charAt(i - 1))) {
                return v.substring(0, i);
            }
        }
        return v;
    }

    private static String interpolate(String key, String value, Map<String, String> here, Map<String, String> earlier,
            String source, int line) {
        try {
            return Interpolator.interpolate(value, name -> here.containsKey(name) ? here.get(name) : earlier.get(name));
        } catch (SpecException e) {
            // The interpolator quotes the value when its syntax is bad, and an env file may hold secrets.
            throw bad(source, line, e.getMessage().startsWith("required variable") ? e.getMessage()
                    : "the value of " + key + " is not valid interpolation (write $$ for a literal $)");
        }
    }

    private static SpecException bad(String source, int line, String problem) {
        return new SpecException("", source + " line " + line + ": " + problem);
    }
}
