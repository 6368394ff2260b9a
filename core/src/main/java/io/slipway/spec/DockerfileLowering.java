package io.slipway.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the BuildKit-only syntax of a Dockerfile that has a classic-builder equivalent with the same result, so that
 * the engine's classic builder can build it, and names what it cannot rewrite ({@link BuildKitFeatures} finds the
 * same features). Pure text: nothing here knows of an engine. Lowered, as BuildKit means them:
 * <ul>
 * <li>{@code RUN} heredocs ({@code <<EOF}, {@code <<-EOF}, {@code <<'EOF'}, {@code <<"EOF"}, several in one
 * instruction, a command around them such as {@code RUN <<EOT bash} or {@code RUN python3 <<EOF > /out}): BuildKit
 * runs a command line that is only one heredoc as the heredoc's text (leading tabs removed for {@code <<-}), and any
 * other as the command line followed by each heredoc's lines and delimiter, for the shell to read; either way with the
 * stage's shell ({@code SHELL}, else {@code /bin/sh -c}), without expanding variables itself. The lowering is the
 * exec form {@code RUN ["/bin/sh", "-c", "<that script>"]}, which the classic builder runs as it is.</li>
 * <li>{@code RUN --mount=type=cache}: dropped; a cache only makes builds faster. {@code --network=default} and
 * {@code --security=sandbox} (the defaults) are dropped too.</li>
 * <li>{@code COPY --link}, {@code ADD --link}: dropped; the image's files are the same.</li>
 * <li>{@code FROM --platform=$BUILDPLATFORM} (or {@code $TARGETPLATFORM}): the flag is dropped. These automatic ARGs
 * are BuildKit's (the classic builder expands them to nothing and fails); it builds for the engine's own platform,
 * which is then both the build and the target platform.</li>
 * </ul>
 * Refused (left as written, and named): other mount types ({@code bind}, the default, {@code secret}, {@code ssh},
 * {@code tmpfs}), {@code --network=none|host}, {@code --security=insecure}, {@code --chmod}, {@code --checksum},
 * {@code --keep-git-dir}, {@code COPY}/{@code ADD} heredocs (the file would have to join the build context), a
 * {@code RUN} heredoc that is only a {@code #!} script (BuildKit runs it as a file it mounts), exec-form {@code RUN}
 * with a heredoc, a heredoc without its delimiter line, any of these after {@code ONBUILD}, and a {@code FROM --platform}
 * holding another automatic platform ARG.
 *
 * <p>Each rewritten instruction becomes one line, followed by as many empty lines as it had lines (heredoc bodies
 * included), so every other instruction keeps its line number. A Dockerfile that needs nothing is returned as it is.
 */
public final class DockerfileLowering {

    /**
     * A Dockerfile lowered for the classic builder.
     *
     * @param text the lowered text (the same string when nothing was lowered)
     * @param lowered what was rewritten, each on its line in the original, e.g. {@code RUN --mount=type=cache}
     * @param refused what the classic builder cannot build and has no rewrite, on its line in the original, e.g.
     *        {@code RUN --mount=type=secret}; such an instruction is left as written
     */
    public record Result(String text, List<BuildKitFeatures.Use> lowered, List<BuildKitFeatures.Use> refused) {
        public Result {
            lowered = List.copyOf(lowered);
            refused = List.copyOf(refused);
        }

        /** Whether something was rewritten. */
        public boolean changed() {
            return !lowered.isEmpty();
        }

        /** The first feature that cannot be lowered, if any. */
        public Optional<BuildKitFeatures.Use> firstRefused() {
            return refused.isEmpty() ? Optional.empty() : Optional.of(refused.get(0));
        }

        /** What was lowered, for a log line: {@code line 6 RUN --mount=type=cache, line 22 RUN heredoc <<EOF}. */
        public String summary() {
            return lowered.stream().map(u -> "line " + u.line() + " " + u.feature()).collect(Collectors.joining(", "));
        }
    }

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final Set<String> FLAGGED = Set.of("RUN", "COPY", "ADD");
    // The BuildKit-only flags, parser directives and heredoc words are BuildKitFeatures' (one definition of each).
    private static final Map<String, Set<String>> FLAGS = BuildKitFeatures.FLAGS;
    private static final Pattern DIRECTIVE = BuildKitFeatures.DIRECTIVE;
    private static final Pattern HEREDOC = BuildKitFeatures.HEREDOC;
    private static final Pattern PLATFORM_ARG = Pattern.compile("\\$\\{?(BUILDPLATFORM|TARGETPLATFORM)}?");
    private static final Pattern AUTOMATIC_ARG = Pattern.compile(
            "\\$\\{?(BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT)\\b}?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String[] lines;
    private final char escape;
    private final List<BuildKitFeatures.Use> lowered = new ArrayList<>();
    private final List<BuildKitFeatures.Use> refused = new ArrayList<>();
    /** The shell of each named stage (lower case), for a stage built {@code FROM} it. */
    private final Map<String, List<String>> stageShells = new HashMap<>();
    /** The ARGs declared with a value before the first {@code FROM}. */
    private final Set<String> globalArgs = new HashSet<>();
    private List<String> shell = DEFAULT_SHELL;
    /** The current stage's name (lower case), or null. */
    private String stage;
    private boolean seenFrom;

    private DockerfileLowering(String[] lines, char escape) {
        this.lines = lines;
        this.escape = escape;
    }

    /** {@code dockerfile} with what can be lowered lowered, and what cannot named. */
    public static Result lower(String dockerfile) {
        String[] lines = dockerfile.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        char escape = '\\';
        int i = 0;
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            if (m.group(1).equalsIgnoreCase("escape") && (m.group(2).equals("`") || m.group(2).equals("\\"))) {
                escape = m.group(2).charAt(0);
            }
        }
        DockerfileLowering l = new DockerfileLowering(lines.clone(), escape);
        l.scan(i);
        if (l.lowered.isEmpty()) {
            return new Result(dockerfile, List.of(), l.refused);
        }
        return new Result(String.join("\n", l.lines), l.lowered, l.refused);
    }

    private void scan(int from) {
        int i = from;
        while (i < lines.length) {
            String trimmed = lines[i].strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            // One instruction: this line and its continuations, joined as Docker joins them.
            int first = i;
            StringBuilder joined = new StringBuilder();
            List<int[]> starts = new ArrayList<>(); // {offset in joined, line number}
            boolean continued;
            do {
                String text = i == first ? lines[i].stripLeading() : lines[i];
                String stripped = text.stripTrailing();
                continued = !stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape;
                starts.add(new int[] {joined.length(), i + 1});
                joined.append(continued ? stripped.substring(0, stripped.length() - 1) : text);
                i++;
                while (continued && i < lines.length && (lines[i].isBlank() || lines[i].strip().startsWith("#"))) {
                    i++;
                }
            } while (continued && i < lines.length);
            i = instruction(first, i, joined.toString(), words(joined.toString(), starts));
        }
    }

    /**
     * Lowers one instruction of lines {@code [first, next)}, reading its heredoc bodies from {@code next} on.
     *
     * @return the line after the instruction and its heredoc bodies
     */
    private int instruction(int first, int next, String joined, List<Word> words) {
        if (words.isEmpty()) {
            return next;
        }
        String keyword = words.get(0).text.toUpperCase(Locale.ROOT);
        boolean onbuild = keyword.equals("ONBUILD") && words.size() > 1;
        int at = onbuild ? 1 : 0;
        if (onbuild) {
            keyword = words.get(1).text.toUpperCase(Locale.ROOT);
        }
        if (!onbuild) {
            switch (keyword) {
                case "FROM" -> {
                    return from(first, next, joined, words);
                }
                case "SHELL" -> {
                    shell = parseShell(joined.substring(words.get(0).end()).strip());
                    if (stage != null) {
                        stageShells.put(stage, shell);
                    }
                }
                case "ARG" -> {
                    if (!seenFrom) {
                        words.stream().skip(1).filter(w -> w.text.contains("="))
                                .forEach(w -> globalArgs.add(w.text.substring(0, w.text.indexOf('='))));
                    }
                }
                default -> {
                }
            }
        }
        if (!FLAGGED.contains(keyword)) {
            return next;
        }
        List<BuildKitFeatures.Use> lowerable = new ArrayList<>();
        List<BuildKitFeatures.Use> not = new ArrayList<>();
        StringBuilder kept = new StringBuilder(); // the flags the classic builder knows, e.g. --from, --chown
        int k = at + 1;
        for (; k < words.size() && words.get(k).text.startsWith("--"); k++) {
            if (!flag(keyword, words.get(k), lowerable, not)) {
                kept.append(' ').append(words.get(k).text);
            }
        }
        int command = k;
        List<Heredoc> heredocs = new ArrayList<>();
        for (; k < words.size(); k++) {
            Matcher m = HEREDOC.matcher(words.get(k).text);
            if (m.matches()) {
                heredocs.add(new Heredoc(words.get(k).line, m.group(1).equals("-"), unquote(m.group(2)), m.group(2)));
            }
        }
        int end = next;
        for (Heredoc h : heredocs) {
            String feature = keyword + " heredoc <<" + (h.chomp ? "-" : "") + h.word;
            StringBuilder body = new StringBuilder();
            boolean terminated = false;
            while (end < lines.length) {
                String line = lines[end++];
                if ((h.chomp ? line.replaceFirst("^\t+", "") : line).equals(h.name)) {
                    terminated = true;
                    break;
                }
                body.append(line).append('\n');
            }
            h.body = body.toString();
            if (!terminated) {
                not.add(new BuildKitFeatures.Use(h.line, feature + " without its delimiter line"));
            } else if (!keyword.equals("RUN")) {
                not.add(new BuildKitFeatures.Use(h.line, feature));
            } else {
                lowerable.add(new BuildKitFeatures.Use(h.line, feature));
            }
        }
        if (lowerable.isEmpty()) {
            refused.addAll(not);
            return end;
        }
        String rest = command < words.size() ? joined.substring(words.get(command).start) : "";
        if (!heredocs.isEmpty() && rest.startsWith("[")) {
            not.add(new BuildKitFeatures.Use(heredocs.get(0).line, "RUN heredoc in exec form (JSON)"));
        }
        if (!heredocs.isEmpty() && heredocs.size() == 1 && isOnlyHeredoc(rest)
                && body(heredocs.get(0)).startsWith("#!")) {
            not.add(new BuildKitFeatures.Use(heredocs.get(0).line,
                    "RUN heredoc <<" + heredocs.get(0).word + " that is a #! script"));
        }
        if (onbuild) {
            lowerable.forEach(u -> not.add(new BuildKitFeatures.Use(u.line(), "ONBUILD " + u.feature())));
        }
        if (!not.isEmpty()) {
            refused.addAll(not);
            return end;
        }
        String line;
        if (heredocs.isEmpty()) {
            line = words.get(0).text + kept + (rest.isEmpty() ? "" : " " + rest);
        } else {
            String script;
            if (heredocs.size() == 1 && isOnlyHeredoc(rest)) {
                script = body(heredocs.get(0));
            } else {
                StringBuilder full = new StringBuilder(rest.stripTrailing());
                heredocs.forEach(h -> full.append('\n').append(h.body).append(h.name));
                script = full.toString();
            }
            List<String> argv = new ArrayList<>(shell);
            argv.add(script);
            line = words.get(0).text + kept + " " + json(argv);
        }
        replace(first, end, line);
        lowered.addAll(lowerable);
        return end;
    }

    /** {@code FROM}: the stage's shell, and {@code --platform=$BUILDPLATFORM} lowered. */
    private int from(int first, int next, String joined, List<Word> words) {
        seenFrom = true;
        int k = 1;
        String platform = null;
        Word platformWord = null;
        for (; k < words.size() && words.get(k).text.startsWith("--"); k++) {
            if (words.get(k).text.toLowerCase(Locale.ROOT).startsWith("--platform=")) {
                platformWord = words.get(k);
                platform = platformWord.text.substring("--platform=".length());
            }
        }
        shell = DEFAULT_SHELL;
        stage = null;
        if (k < words.size()) {
            List<String> parent = stageShells.get(words.get(k).text.toLowerCase(Locale.ROOT));
            shell = parent != null ? parent : DEFAULT_SHELL;
            if (k + 2 < words.size() && words.get(k + 1).text.equalsIgnoreCase("AS")) {
                stage = words.get(k + 2).text.toLowerCase(Locale.ROOT);
                stageShells.put(stage, shell);
            }
        }
        if (platform == null || !AUTOMATIC_ARG.matcher(platform).find()) {
            return next;
        }
        Matcher m = PLATFORM_ARG.matcher(unquote(platform));
        if (m.matches() && !globalArgs.contains(m.group(1)) && k < words.size()) {
            Word drop = platformWord;
            String others = words.subList(1, k).stream().filter(w -> w != drop).map(w -> w.text + " ")
                    .collect(Collectors.joining());
            replace(first, next, words.get(0).text + " " + others + joined.substring(words.get(k).start));
            lowered.add(new BuildKitFeatures.Use(platformWord.line, "FROM --platform=" + platform));
        } else if (!AUTOMATIC_ARG.matcher(platform).results().allMatch(r -> globalArgs.contains(
                r.group(1) + r.group(2)))) {
            refused.add(new BuildKitFeatures.Use(platformWord.line, "FROM --platform=" + platform
                    + " (an automatic platform ARG of BuildKit's)"));
        }
        return next;
    }

    /**
     * One {@code --flag} of RUN, COPY or ADD, noted as lowerable or refused; false for one the classic builder knows
     * ({@code --from}, {@code --chown}).
     */
    private static boolean flag(String keyword, Word word, List<BuildKitFeatures.Use> lowerable,
            List<BuildKitFeatures.Use> not) {
        String flag = word.text.substring(2);
        int eq = flag.indexOf('=');
        String name = (eq < 0 ? flag : flag.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : unquote(flag.substring(eq + 1));
        if (!FLAGS.get(keyword).contains(name)) {
            return false;
        }
        switch (name) {
            case "mount" -> {
                String type = "bind";
                for (String field : value.split(",")) {
                    String[] kv = field.split("=", 2);
                    if (kv[0].strip().equalsIgnoreCase("type") && kv.length == 2) {
                        type = unquote(kv[1].strip()).toLowerCase(Locale.ROOT);
                    }
                }
                (type.equals("cache") ? lowerable : not).add(new BuildKitFeatures.Use(word.line,
                        "RUN --mount=type=" + type));
            }
            case "network" -> (value.equalsIgnoreCase("default") ? lowerable : not).add(new BuildKitFeatures.Use(
                    word.line, "RUN --network=" + value));
            case "security" -> (value.equalsIgnoreCase("sandbox") ? lowerable : not).add(new BuildKitFeatures.Use(
                    word.line, "RUN --security=" + value));
            case "link" -> lowerable.add(new BuildKitFeatures.Use(word.line, keyword + " --link"));
            default -> not.add(new BuildKitFeatures.Use(word.line, keyword + " --" + name));
        }
        return true;
    }

    /** Lines {@code [first, end)} become {@code line} and empty lines. */
    private void replace(int first, int end, String line) {
        lines[first] = line;
        Arrays.fill(lines, first + 1, end, "");
    }

    /** Whether a command line is one heredoc word and nothing else, as BuildKit's {@code MustParseHeredoc} tells. */
    private static boolean isOnlyHeredoc(String rest) {
        Matcher m = HEREDOC.matcher(rest.strip());
        return m.matches() && !m.group(2).strip().contains(" ") && !m.group(2).contains("\t");
    }

    /** The text BuildKit runs for a heredoc that is the whole command: leading tabs removed for {@code <<-}. */
    private static String body(Heredoc h) {
        return h.chomp ? h.body.replaceAll("(?m)^\t+", "") : h.body;
    }

    private static String json(List<String> argv) {
        try {
            return JSON.writeValueAsString(argv);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SHELL ["bash", "-c"]}'s argv; the default when it is not a JSON array of strings. */
    private static List<String> parseShell(String json) {
        try {
            List<String> argv = Arrays.asList(JSON.readValue(json, String[].class));
            return argv.isEmpty() || argv.contains(null) ? DEFAULT_SHELL : List.copyOf(argv);
        } catch (JsonProcessingException | RuntimeException e) {
            return DEFAULT_SHELL;
        }
    }

    /** A heredoc word's name: quotes and escapes taken out, as the shell reads the delimiter. */
    private static String unquote(String word) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote != '\'' && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The instruction's words, split at unquoted blanks, quotes kept, each with where it is in the joined text. */
    private List<Word> words(String joined, List<int[]> starts) {
        List<Word> words = new ArrayList<>();
        int start = -1;
        char quote = 0;
        for (int j = 0; j < joined.length(); j++) {
            char c = joined.charAt(j);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (start >= 0) {
                    words.add(new Word(joined.substring(start, j), start, lineAt(starts, start)));
                    start = -1;
                }
                continue;
            }
            if (start < 0) {
                start = j;
            }
            if (c == escape && quote != '\'' && j + 1 < joined.length()) {
                j++;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (start >= 0) {
            words.add(new Word(joined.substring(start), start, lineAt(starts, start)));
        }
        return words;
    }

    private static int lineAt(List<int[]> starts, int offset) {
        int line = starts.get(0)[1];
        for (int[] s : starts) {
            if (s[0] <= offset) {
                line = s[1];
            }
        }
        return line;
    }

    private record Word(String text, int start, int line) {
        int end() {
            return start + text.length();
        }
    }

    private static final class Heredoc {
        final int line;
        final boolean chomp;
        final String name;
        final String word;
        String body = "";

        Heredoc(int line, boolean chomp, String name, String word) {
            this.line = line;
            this.chomp = chomp;
            this.name = name;
            this.word = word;
        }
    }
}
