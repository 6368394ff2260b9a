package io.slipway.atomic;

import io.slipway.spec.ShellWords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Atomic's substitution of label commands, made safe: the label is split into words as a POSIX shell
 * would (without running one), then each word is substituted on its own, so no value can add, remove or
 * split words. In order, per word (Atomic/atomic.py {@code gen_cmd}, then {@code sub_env_strings} with
 * {@code util.expandvars}):
 * <ol>
 *   <li>the bare words {@code IMAGE}, {@code NAME}, {@code IMAGE=IMAGE}, {@code NAME=NAME} become the image,
 *       the name, {@code IMAGE=<image>}, {@code NAME=<name>};</li>
 *   <li>{@code $VAR} and {@code ${VAR}} (VAR of ASCII letters, digits, '_') become the variable's value;
 *       a value is never scanned again;</li>
 *   <li>a {@code $} that is left (an unknown variable, {@code $(}, a lone {@code $}) is removed with everything
 *       after it up to the next blank, as atomic's {@code re.sub(r'\$\{?\S*\}?', '')} does;</li>
 *   <li>a word that this leaves empty is dropped (atomic's re-split does the same).</li>
 * </ol>
 * Atomic itself substitutes the whole string first and splits it afterwards ({@code shlex.split} in
 * {@code util.check_call}), so there a value with blanks or quotes changes the command; here it cannot.
 * A word that is exactly one variable whose value is a word list (an {@code optN} given as a YAML list,
 * {@code RUN_OPTS} from {@code RUN_OPTS_FILE}) becomes those words; inside a longer word a list is joined
 * with blanks into that one word.
 */
final class Substitution {

    /** Atomic/util.py {@code expandvars}: {@code \$(\w+|\{[^}]*\})} with {@code re.ASCII}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[^}]*\\})");

    /**
     * A variable's value.
     *
     * @param text the value inside a longer word, and in the command's environment
     * @param words the words the value stands for when it is a whole word (usually just {@code text})
     */
    record Value(String text, List<String> words) {
        Value {
            words = List.copyOf(words);
        }

        /** A one-word value. */
        static Value of(String text) {
            return new Value(text, List.of(text));
        }

        /** A value of several words (one argument each when the variable is a whole word). */
        static Value words(List<String> words) {
            return new Value(String.join(" ", words), words);
        }
    }

    private final String name;
    private final String image;
    private final Map<String, Value> values;

    /**
     * @param name the container name ({@code NAME})
     * @param image the image reference as the spec wrote it ({@code IMAGE})
     * @param values every variable by name, NAME and IMAGE included
     */
    Substitution(String name, String image, Map<String, Value> values) {
        this.name = name;
        this.image = image;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The variables of one service's label commands (Atomic/atomic.py {@code cmd_env}): NAME, IMAGE, OPT1..OPT3
     * when set, PWD, SUDO_UID, SUDO_GID; with {@code compat2015} also CONFDIR, LOGDIR and DATADIR, as atomic
     * set them until September 2015. RUN_OPTS is added by {@link #with} once RUN_OPTS_FILE was read.
     *
     * @param pwd the directory of the spec (atomic: its working directory)
     */
    static Substitution forService(String name, String image, ServiceOptions options, String pwd, HostIdentity host,
            boolean compat2015) {
        Map<String, Value> v = new LinkedHashMap<>();
        v.put("NAME", Value.of(name));
        v.put("IMAGE", Value.of(image));
        v.putAll(options.variables());
        v.put("PWD", Value.of(pwd));
        v.put("SUDO_UID", Value.of(host.sudoUid()));
        v.put("SUDO_GID", Value.of(host.sudoGid()));
        if (compat2015) {
            v.put("CONFDIR", Value.of("/etc/" + name));
            v.put("LOGDIR", Value.of("/var/log/" + name));
            v.put("DATADIR", Value.of("/var/lib/" + name));
        }
        return new Substitution(name, image, v);
    }

    /** The variables, as the environment of a label command (atomic's {@code cmd_env}). */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((k, v) -> env.put(k, v.text()));
        return env;
    }

    /** A copy with one more variable (e.g. {@code RUN_OPTS} once the options file was read). */
    Substitution with(String variable, Value value) {
        Map<String, Value> more = new LinkedHashMap<>(values);
        more.put(variable, value);
        return new Substitution(name, image, more);
    }

    /**
     * The argv of a label: split as a POSIX shell would, then substituted word by word.
     *
     * @throws IllegalArgumentException for an unterminated quote or a trailing backslash in the label
     */
    List<String> argv(String label) {
        return apply(ShellWords.split(label));
    }

    /** Substitutes each of {@code words} (see the class comment). */
    List<String> apply(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            switch (word) {
                case "IMAGE" -> out.add(image);
                case "NAME" -> out.add(name);
                case "IMAGE=IMAGE" -> out.add("IMAGE=" + image);
                case "NAME=NAME" -> out.add("NAME=" + name);
                default -> {
                    Value whole = wholeWord(word);
                    if (whole != null) {
                        out.addAll(whole.words());
                        continue;
                    }
                    String s = substitute(word);
                    if (!s.isEmpty() || word.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** The value of a word that is exactly one known variable, else null. */
    private Value wholeWord(String word) {
        Matcher m = VARIABLE.matcher(word);
        return m.matches() ? values.get(variableName(m.group(1))) : null;
    }

    /** Substitutes the variables in one word; values are inserted as they are and never scanned again. */
    String substitute(String word) {
        StringBuilder sb = new StringBuilder();
        Matcher m = VARIABLE.matcher(word);
        int i = 0;
        while (i < word.length()) {
            int dollar = word.indexOf('$', i);
            if (dollar < 0) {
                sb.append(word, i, word.length());
                break;
            }
            sb.append(word, i, dollar);
            m.region(dollar, word.length());
            if (m.lookingAt()) {
                Value v = values.get(variableName(m.group(1)));
                if (v != null) {
                    sb.append(v.text());
                    i = m.end();
                    continue;
                }
            }
            // Unresolved: drop from '$' to the next blank.
            int end = dollar + 1;
            while (end < word.length() && !Character.isWhitespace(word.charAt(end))) {
                end++;
            }
            i = end;
        }
        return sb.toString();
    }

    private static String variableName(String group) {
        return group.startsWith("{") ? group.substring(1, group.length() - 1) : group;
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "Substitution" + values.keySet();
    }
}
