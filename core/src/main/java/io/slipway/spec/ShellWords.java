package io.slipway.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words as a POSIX shell tokenizes them, without running a shell and
 * without expansions: blanks separate words, single quotes keep everything literally, double quotes keep
 * everything but a backslash before {@code $ ` " \} or a newline, and an unquoted backslash escapes the
 * next character. Compose splits {@code command: "sh -c 'echo hi'"} the same way, and backends use it for
 * command strings they receive from elsewhere (the atomic backend splits image labels with it).
 *
 * <pre>{@code
 * ShellWords.split("docker run -e 'A=b c' IMAGE")   // [docker, run, -e, A=b c, IMAGE]
 * }</pre>
 */
public final class ShellWords {

    private ShellWords() {
    }

    /**
     * The words of {@code text}. Nothing is expanded: {@code $VAR}, {@code `cmd`}, globs and operators such
     * as {@code ;} or {@code |} stay literal characters of the words they are in.
     *
     * @param text the command string
     * @return the words, in order (a mutable list)
     * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
     */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        // A word exists once anything, even an empty quoted string, has been read for it.
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\') {
                if (i >= text.length()) {
                    throw new IllegalArgumentException("trailing backslash in '" + text + "'");
                }
                char next = text.charAt(i++);
                if (next != '\n') { // backslash-newline is a line continuation
                    word.append(next);
                }
            } else if (c == '\'') {
                int end = text.indexOf('\'', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote in '" + text + "'");
                }
                word.append(text, i, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i, word);
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads a double-quoted string whose content starts at {@code i}; returns the index after the closing quote. */
    private static int doubleQuoted(String text, int i, StringBuilder word) {
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i < text.length() && "$`\"\\\n".indexOf(text.charAt(i)) >= 0) {
                char next = text.charAt(i++);
                if (next != '\n') {
                    word.append(next);
                }
            } else {
                word.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated double quote in '" + text + "'");
    }
}
