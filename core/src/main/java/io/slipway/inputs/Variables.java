package io.slipway.inputs;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validated inputs as interpolation variables (name to string), plus the secret values among them so
 * that anything shown can be {@link #mask masked}. {@link #toString()} shows names only.
 */
public final class Variables {

    private final Map<String, String> values;
    private final List<String> secretValues;

    /**
     * The shortest piece of a secret masked on its own. A parser that splits a value at ':', '@', ',', ';', '=', '&',
     * '$' or a blank (a port, a volume, user info, a command) names one side in its error: that side is masked too,
     * when it is this long.
     */
    static final int SHORTEST_PIECE = 6;
    // Not '/', '.' or '?': a URL's path words ("signal", "status") would be masked in every log.
    private static final Pattern SEPARATORS = Pattern.compile("[\\s:@,;=&$]+");

    private final Set<String> secrets;

    Variables(Map<String, String> values, Set<String> secretValues) {
        this.values = Collections.unmodifiableMap(values);
        this.secrets = Set.copyOf(secretValues);
        Set<String> masked = new HashSet<>();
        for (String s : secretValues) {
            if (!s.isEmpty()) {
                masked.add(s);
                Arrays.stream(SEPARATORS.split(s)).filter(p -> p.length() >= SHORTEST_PIECE).forEach(masked::add);
            }
        }
        // Longest first, so that a secret containing another (or a piece of itself) is masked whole.
        this.secretValues = masked.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** No variables, nothing to mask. */
    public static Variables none() {
        return new Variables(Map.of(), Set.of());
    }

    /** The value of {@code name}, or null when unset. */
    public String get(String name) {
        return values.get(name);
    }

    /**
     * These variables, masking {@code more} values too: the parts of a secret that show on their own, like the
     * values of an env file a secret input supplies.
     */
    public Variables maskingAlso(Collection<String> more) {
        Set<String> all = new HashSet<>(secrets);
        all.addAll(more);
        return new Variables(values, all);
    }

    /** Every variable, secrets in clear: hand it only to the launching tool. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Whether variable {@code name} holds a secret value (an input declared or given as secret). */
    public boolean isSecret(String name) {
        String v = values.get(name);
        return v != null && secrets.contains(v);
    }

    /** Whether any secret is set. */
    public boolean hasSecrets() {
        return !secretValues.isEmpty();
    }

    /**
     * {@code text} with every secret value replaced by {@link Secret#MASK}, and every piece of one between separators
     * that is at least {@value #SHORTEST_PIECE} characters long; null stays null.
     */
    public String mask(String text) {
        if (text == null || secretValues.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secretValues) {
            out = out.replace(s, Secret.MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Variables" + values.keySet();
    }
}
