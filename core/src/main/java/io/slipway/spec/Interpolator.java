package io.slipway.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Variable interpolation by the rules of the Compose Specification ("Interpolation"), as docker compose
 * v2 applies them: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?err}}, {@code ${VAR?err}}, {@code ${VAR:+replacement}}, {@code ${VAR+replacement}}
 * and {@code $$} for a literal {@code $}. Defaults, replacements and error texts may themselves hold
 * interpolations, such as {@code ${A:-${B:-x}}}.
 *
 * <p>Only the branch a modifier selects is evaluated, as in a shell: {@code ${A:-${B:?no B}}} does not
 * fail while {@code A} has a value. The unselected branch is still checked for syntax.
 */
public final class Interpolator {

    private Interpolator() {
    }

    /** Interpolates one string value by the rules of the Compose Specification. lookup returns null for an unset variable. */
    public static String interpolate(String template, Function<String, String> lookup) {
        return interpolate(template, lookup, name -> { });
    }

    /**
     * As {@link #interpolate(String, Function)}, telling {@code blank} each unset variable that was replaced by ""
     * ({@code $X}, {@code ${X}}: the ones Compose warns about; not those with a default or a {@code +} branch).
     */
    static String interpolate(String template, Function<String, String> lookup, Consumer<String> blank) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(lookup, "lookup");
        Scanner scanner = new Scanner(template, lookup);
        scanner.blank = blank;
        return scanner.word(true, false);
    }

    /** Names of every variable the template refers to (for validation before running), in order of first appearance, without duplicates. */
    public static List<String> variables(String template) {
        Objects.requireNonNull(template, "template");
        Scanner scanner = new Scanner(template, name -> null);
        // Parse only: nothing is looked up, so required variables do not fail, but bad syntax does.
        scanner.word(false, false);
        return List.copyOf(scanner.names);
    }

    /** One pass over one template; evaluates while it parses, so nested text is read exactly once. */
    private static final class Scanner {
        private final String text;
        private final Function<String, String> lookup;
        private final Set<String> names = new LinkedHashSet<>();
        private Consumer<String> blank = name -> { };
        private int pos;

        Scanner(String text, Function<String, String> lookup) {
            this.text = text;
            this.lookup = lookup;
        }

        /**
         * Reads up to the end of the text or, when nested in {@code ${...}}, up to the first unmatched
         * {@code '}'}, which is left for the caller. Returns the expansion, or "" when not evaluating.
         */
        String word(boolean evaluate, boolean nested) {
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '}' && nested) {
                    break;
                }
                if (c == '$') {
                    out.append(dollar(evaluate));
                } else {
                    out.append(c);
                    pos++;
                }
            }
            return out.toString();
        }

        /** Reads one construct starting at a {@code '$'}. */
        private String dollar(boolean evaluate) {
            int start = pos++;
            char c = pos < text.length() ? text.charAt(pos) : 0;
            if (c == '$') {
                pos++;
                return "$";
            }
            if (c == '{') {
                pos++;
                return braced(start, evaluate);
            }
            String name = name();
            // A '$' before anything that cannot start a name stays as it is: compose keeps it too.
            return name.isEmpty() ? "$" : value(name, evaluate);
        }

        /** Reads the rest of a {@code ${...}} whose {@code '$'} is at start. */
        private String braced(int start, boolean evaluate) {
            String name = name();
            if (name.isEmpty() || pos >= text.length()) {
                throw invalid(start);
            }
            if (text.charAt(pos) == '}') {
                pos++;
                return value(name, evaluate);
            }
            boolean colon = text.charAt(pos) == ':';
            if (colon) {
                pos++;
            }
            char op = pos < text.length() ? text.charAt(pos) : 0;
            if (op != '-' && op != '?' && op != '+') {
                throw invalid(start);
            }
            pos++;
            names.add(name);
            String value = evaluate ? lookup.apply(name) : null;
            // With a colon, an empty value counts as unset.
            boolean set = value != null && !(colon && value.isEmpty());
            // Decide the branch before reading the argument, so only the selected argument is evaluated.
            boolean argSelected = op == '+' ? set : !set;
            String argument = word(evaluate && argSelected, true);
            if (pos >= text.length()) {
                throw invalid(start);
            }
            pos++; // the closing brace
            if (!evaluate) {
                return "";
            }
            return switch (op) {
                case '-' -> set ? value : argument;
                case '+' -> set ? argument : "";
                default -> {
                    if (!set) {
                        throw new SpecException("", "required variable " + name + " is missing a value"
                                + (argument.isEmpty() ? "" : ": " + argument));
                    }
                    yield value;
                }
            };
        }

        /** Reads a name {@code [_a-zA-Z][_a-zA-Z0-9]*} at pos; returns "" and stays put if there is none. */
        private String name() {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private static boolean isNameChar(char c, boolean first) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            return letter || (!first && c >= '0' && c <= '9');
        }

        private String value(String name, boolean evaluate) {
            names.add(name);
            if (!evaluate) {
                return "";
            }
            // Compose warns about an unset variable and substitutes a blank string; the caller decides about warning.
            String value = lookup.apply(name);
            if (value == null) {
                blank.accept(name);
                return "";
            }
            return value;
        }

        /** The error for a malformed {@code ${...}} at start, quoting it up to its first '}'. */
        private SpecException invalid(int start) {
            int close = text.indexOf('}', start);
            String bad = text.substring(start, close < 0 ? text.length() : close + 1);
            String where = bad.equals(text) ? "" : " in \"" + text + "\"";
            return new SpecException("", "invalid interpolation format \"" + bad + "\"" + where);
        }
    }
}
