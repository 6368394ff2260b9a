package io.slipway.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore}, matched as the Docker CLI matches it (moby's patternmatcher): each
 * line a pattern ({@code #} comments, blank lines skipped), cleaned like a path, a leading {@code /} dropped;
 * {@code *} and {@code ?} stay within one path segment, {@code **} spans any number of them, {@code !} re-includes;
 * the last pattern that matches a path or one of its parent directories decides.
 */
final class DockerIgnore {

    private record Rule(Pattern regex, boolean exclusion) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /** The rules of {@code context/.dockerignore}; none when there is no such file. */
    static DockerIgnore of(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        return Files.isRegularFile(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : new DockerIgnore(List.of());
    }

    /** The rules of a {@code .dockerignore} text. */
    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\n")) {
            String p = line.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            boolean exclusion = p.startsWith("!");
            if (exclusion) {
                p = p.substring(1).strip();
            }
            p = clean(p);
            if (p.startsWith("/") && p.length() > 1) {
                p = p.substring(1);
            }
            if (!p.isEmpty() && !p.equals(".")) {
                rules.add(new Rule(compile(p), exclusion));
            }
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** Whether {@code path} (relative to the context, {@code /}-separated) is left out of the context. */
    boolean excluded(String path) {
        boolean matched = false;
        for (Rule r : rules) {
            // An exclusion can only undo a match, an inclusion only make one.
            if (r.exclusion() != matched) {
                continue;
            }
            if (matchesOrParent(r.regex(), path)) {
                matched = !r.exclusion();
            }
        }
        return matched;
    }

    private static boolean matchesOrParent(Pattern regex, String path) {
        if (regex.matcher(path).matches()) {
            return true;
        }
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            if (regex.matcher(path.substring(0, i)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code filepath.Clean} for {@code /}-separated paths: no empty, {@code .} or resolvable {@code ..} segments. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else if (!(seg.equals("..") && rooted)) {
                out.addLast(seg);
            }
        }
        String joined = String.join("/", out);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    /** The pattern as a regular expression over the whole path, as patternmatcher compiles it. */
    private static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++;
                        re.append("(.*/)?"); // "**/": any number of directories, none included
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '[' || c == ']') {
                re.append(c); // a character class, as in Go's filepath.Match
            } else if (c == '^' && i > 0 && pattern.charAt(i - 1) == '[') {
                re.append('^');
            } else if ("$().|+{}^".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        return Pattern.compile(re.append('$').toString());
    }
}
