package io.slipway.compose;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The env file Slipway passes with {@code --env-file}: one {@code NAME='value'} per variable, {@code \} and
 * {@code '} escaped with a backslash, line breaks kept inside the quotes (python-dotenv, which docker-compose
 * v1 uses, reads that back exactly, except that it expands {@code ${...}} even in single quotes).
 *
 * <p>The file is the record of what the tool was given and what {@code down} is given later; the exact
 * values reach the tool through its environment, which both Compose generations rank above the env file.
 * Comments record the project directory of the apply, which {@code down} needs too, and name the secret
 * variables, so that {@code delete} can mask them in what it logs.
 */
final class EnvFileFormat {

    private static final String SECRETS = "# secret: ";
    private static final String PROJECT_DIRECTORY = "# project-directory: ";

    private EnvFileFormat() {
    }

    /** The variables as an env file. */
    static String write(String deployment, Path projectDirectory, Map<String, String> variables,
            Collection<String> secretNames) {
        StringBuilder sb = new StringBuilder("# Written by Slipway for deployment '").append(deployment)
                .append("': the inputs as Compose interpolation variables. Rewritten whole on every apply.\n");
        sb.append(PROJECT_DIRECTORY).append(projectDirectory).append('\n');
        if (!secretNames.isEmpty()) {
            sb.append(SECRETS).append(String.join(" ", new TreeSet<>(secretNames))).append('\n');
        }
        variables.forEach((name, value) -> sb.append(name).append("='")
                .append(value.replace("\\", "\\\\").replace("'", "\\'")).append("'\n"));
        return sb.toString();
    }

    /** The variables of a file {@link #write} wrote. */
    static Map<String, String> read(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eol = text.indexOf('\n', i);
            int end = eol < 0 ? text.length() : eol;
            String line = text.substring(i, end);
            int eq = line.indexOf("='");
            if (line.isBlank() || line.startsWith("#") || eq <= 0) {
                i = end + 1;
                continue;
            }
            StringBuilder value = new StringBuilder();
            int j = i + eq + 2;
            for (; j < text.length() && text.charAt(j) != '\''; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    c = text.charAt(++j);
                }
                value.append(c);
            }
            out.put(line.substring(0, eq), value.toString());
            eol = text.indexOf('\n', j);
            i = eol < 0 ? text.length() : eol + 1;
        }
        return out;
    }

    /** The project directory a file {@link #write} wrote records, if any. */
    static Optional<Path> projectDirectory(String text) {
        return text.lines().filter(l -> l.startsWith(PROJECT_DIRECTORY))
                .map(l -> Path.of(l.substring(PROJECT_DIRECTORY.length()))).findFirst();
    }

    /** The secret names a file {@link #write} wrote declares. */
    static Set<String> secretNames(String text) {
        Set<String> names = new TreeSet<>();
        text.lines().filter(l -> l.startsWith(SECRETS))
                .forEach(l -> names.addAll(java.util.Arrays.asList(l.substring(SECRETS.length()).strip().split(" "))));
        names.remove("");
        return names;
    }
}
