package io.slipway.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in a Dockerfile's text, the syntax only BuildKit understands, so that a backend whose builder is the
 * engine's classic one can refuse the build with a clear message before it starts, instead of the engine's own
 * error halfway through. Pure text: nothing here knows of an engine.
 *
 * <p>What the classic builder cannot build: {@code RUN --mount}, {@code --network}, {@code --security};
 * {@code COPY --link}, {@code --chmod}; {@code ADD --link}, {@code --chmod}, {@code --checksum},
 * {@code --keep-git-dir}; heredocs in {@code RUN}, {@code COPY} and {@code ADD} ({@code RUN <<EOF}). Flags count only
 * where Docker reads them (between the instruction and its arguments, also after {@code ONBUILD}); a heredoc only as a
 * word of its own, as BuildKit finds them ({@code RUN echo "<<EOF"} and {@code $((1<<4))} are none). Comments, line
 * continuations (with the {@code # escape=} directive's character) and parser directives are read as Docker reads them.
 *
 * <p>A {@code # syntax=} directive is reported apart ({@link #syntaxDirective}): the classic builder takes it for a
 * comment and builds the rest with its own syntax, which it can when nothing else here is used.
 */
public final class BuildKitFeatures {

    /**
     * One use of a BuildKit-only feature.
     *
     * @param line the line it is on, from 1
     * @param feature what it is, as written in a Dockerfile, e.g. {@code RUN --mount} or {@code RUN heredoc <<EOF}
     */
    public record Use(int line, String feature) {
    }

    static final Map<String, Set<String>> FLAGS = Map.of(
            "RUN", Set.of("mount", "network", "security"),
            "COPY", Set.of("link", "chmod"),
            "ADD", Set.of("link", "chmod", "checksum", "keep-git-dir"));
    static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(.*?)\\s*");
    /** A heredoc word, as BuildKit's parser matches it: an optional file descriptor, {@code <<}, {@code -}, a name. */
    static final Pattern HEREDOC = Pattern.compile("\\d*<<(-?)([^<]+)");

    private BuildKitFeatures() {
    }

    /** The {@code # syntax=} parser directive (its value in the feature), if the Dockerfile starts with one. */
    public static Optional<Use> syntaxDirective(String dockerfile) {
        return directives(lines(dockerfile)).syntax;
    }

    /** The first use of a feature the classic builder lacks, if any ({@code # syntax=} is not one). */
    public static Optional<Use> firstUnsupported(String dockerfile) {
        List<Use> all = unsupported(dockerfile);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every use of a feature the classic builder lacks, in order. After a heredoc the scan stops: what follows is its
     * body, not instructions.
     */
    public static List<Use> unsupported(String dockerfile) {
        String[] lines = lines(dockerfile);
        Directives d = directives(lines);
        List<Use> uses = new ArrayList<>();
        int i = d.end;
        while (i < lines.length) {
            String trimmed = lines[i].strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            // One instruction: this line and its continuations (comment and empty lines among them are dropped).
            List<Segment> segments = new ArrayList<>();
            boolean continued;
            do {
                String text = lines[i];
                String stripped = text.stripTrailing();
                // As Docker reads it: a line ending in the escape character (blanks after it aside) goes on.
                continued = !stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == d.escape;
                segments.add(new Segment(i + 1, continued ? stripped.substring(0, stripped.length() - 1) : text));
                i++;
                while (continued && i < lines.length && (lines[i].isBlank() || lines[i].strip().startsWith("#"))) {
                    i++;
                }
            } while (continued && i < lines.length);
            if (instruction(words(segments, d.escape), uses)) {
                break;
            }
        }
        return uses;
    }

    /**
     * The message a backend fails a build with: where, which feature, and what to do.
     *
     * @param dockerfile where the Dockerfile is, e.g. its path, or {@code the dockerfile_inline of service 'web'}
     * @param builder which builder the backend builds with, e.g. {@code this engine's classic builder (Engine API)}
     * @param alternatives what else the user may do, after building the image elsewhere; may be empty
     */
    public static String message(String dockerfile, Use use, String builder, String alternatives) {
        return "Dockerfile " + dockerfile + " line " + use.line() + " uses " + use.feature()
                + ", which needs BuildKit: " + builder + " cannot build it; build the image with `docker buildx build` "
                + "and reference it with image: (without build:)" + (alternatives.isEmpty() ? "" : ", " + alternatives)
                + ", or write the Dockerfile without " + use.feature();
    }

    /** Checks one instruction; true when it holds a heredoc (the scan must stop). */
    private static boolean instruction(List<Word> words, List<Use> uses) {
        int at = 0;
        if (words.isEmpty()) {
            return false;
        }
        String keyword = words.get(0).text.toUpperCase(Locale.ROOT);
        if (keyword.equals("ONBUILD") && words.size() > 1) {
            at = 1;
            keyword = words.get(1).text.toUpperCase(Locale.ROOT);
        }
        Set<String> flags = FLAGS.get(keyword);
        if (flags == null) {
            return false;
        }
        int k = at + 1;
        for (; k < words.size() && words.get(k).text.startsWith("--"); k++) {
            String flag = words.get(k).text.substring(2);
            int eq = flag.indexOf('=');
            String name = eq < 0 ? flag : flag.substring(0, eq);
            if (flags.contains(name)) {
                uses.add(new Use(words.get(k).line, keyword + " --" + name));
            }
        }
        for (; k < words.size(); k++) {
            Matcher m = HEREDOC.matcher(words.get(k).text);
            if (m.matches()) {
                uses.add(new Use(words.get(k).line, keyword + " heredoc <<" + m.group(1) + m.group(2)));
                return true;
            }
        }
        return false;
    }

    /** The instruction's words, split at unquoted blanks, quotes kept, each with the line it starts on. */
    private static List<Word> words(List<Segment> segments, char escape) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = 0;
        char quote = 0;
        for (Segment s : segments) {
            String t = s.text;
            for (int j = 0; j < t.length(); j++) {
                char c = t.charAt(j);
                if (quote == 0 && Character.isWhitespace(c)) {
                    if (word.length() > 0) {
                        words.add(new Word(word.toString(), start));
                        word.setLength(0);
                    }
                    continue;
                }
                if (word.length() == 0) {
                    start = s.line;
                }
                word.append(c);
                if (c == escape && quote != '\'' && j + 1 < t.length()) {
                    word.append(t.charAt(++j));
                } else if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
            }
            // A continuation joins the lines as they are: a word may go on on the next line.
        }
        if (word.length() > 0) {
            words.add(new Word(word.toString(), start));
        }
        return words;
    }

    private static String[] lines(String dockerfile) {
        return dockerfile.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }

    /** The parser directives at the top: the escape character, the syntax directive, where instructions begin. */
    private static Directives directives(String[] lines) {
        char escape = '\\';
        Optional<Use> syntax = Optional.empty();
        int i = 0;
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (key.equals("escape") && (m.group(2).equals("`") || m.group(2).equals("\\"))) {
                escape = m.group(2).charAt(0);
            } else if (key.equals("syntax") && !m.group(2).isEmpty()) {
                syntax = Optional.of(new Use(i + 1, "# syntax=" + m.group(2)));
            }
        }
        return new Directives(escape, syntax, i);
    }

    private record Directives(char escape, Optional<Use> syntax, int end) {
    }

    private record Segment(int line, String text) {
    }

    private record Word(String text, int line) {
    }
}
