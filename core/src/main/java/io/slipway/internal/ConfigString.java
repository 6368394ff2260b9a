package io.slipway.internal;

import io.slipway.LauncherConfigException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A config string split into its parts: {@code NAME[:TARGET][?key=value&key=value]}, values
 * percent-decoded. Which keys are valid is the provider's business; this class only splits.
 *
 * @param name the backend name or alias
 * @param target the part after the first ':' (null when absent)
 * @param options keys to decoded values, in the order written
 */
public record ConfigString(String name, String target, Map<String, String> options) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** What an option name can look like; anything else may be a target or a value after a misplaced '?' or '&'. */
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Splits {@code text}.
     *
     * @throws LauncherConfigException naming the malformed part
     */
    public static ConfigString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new LauncherConfigException("empty launcher config string; write NAME[:TARGET][?key=value&...], e.g. docker-run");
        }
        String s = text.strip();
        int q = s.indexOf('?');
        String head = q < 0 ? s : s.substring(0, q);
        String query = q < 0 ? null : s.substring(q + 1);
        int colon = head.indexOf(':');
        String name = colon < 0 ? head : head.substring(0, colon);
        String target = colon < 0 ? null : head.substring(colon + 1);
        if (!NAME.matcher(name).matches()) {
            throw badName(name);
        }
        if (target != null && target.isEmpty()) {
            throw new LauncherConfigException("empty target after '" + name + ":' in config string");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            // Option values may be secrets: messages name keys, never values or the whole string.
            String[] pairs = query.split("&", -1);
            for (int n = 0; n < pairs.length; n++) {
                String pair = pairs[n];
                int eq = pair.indexOf('=');
                if (pair.isEmpty() || eq <= 0) {
                    throw badOption(name, pair, eq, n, pairs.length);
                }
                String key = decode(pair.substring(0, eq), "option name '" + maskTarget(pair.substring(0, eq)) + "'");
                String shown = OPTION_NAME.matcher(key).matches() ? "option '" + key + "'"
                        : "option " + (n + 1) + " of " + pairs.length + " (" + shownOption(key) + ")";
                String value = decode(pair.substring(eq + 1), "the value of " + shown);
                if (options.put(key, value) != null) {
                    throw new LauncherConfigException(shown + " is given twice in config string of backend '" + name + "'");
                }
            }
        }
        return new ConfigString(name, target, Collections.unmodifiableMap(options));
    }

    /**
     * An option name as a message may show it: whole when it looks like one, else only that it is not one, since it
     * may be a target with a password or part of a secret value that a misplaced '?' or '&amp;' made into a name.
     */
    public static String shownOption(String key) {
        return OPTION_NAME.matcher(key).matches() ? "'" + key + "'" : "a name that is no option name, not shown";
    }

    /**
     * A name that is not one, shown whole unless it holds an '=' or '&': then the '?' is missing and options, whose
     * values may be secret, follow the name, so it is shown only up to its first bad character.
     */
    private static LauncherConfigException badName(String name) {
        String rule = "; use lower-case letters, digits, '.', '_' and '-', then ':TARGET' or '?key=value'";
        if (name.indexOf('=') < 0 && name.indexOf('&') < 0) {
            return new LauncherConfigException("bad backend name '" + name + "' in config string" + rule);
        }
        int bad = 0;
        while (NAME.matcher(name.substring(0, bad + 1)).matches()) {
            bad++;
        }
        return new LauncherConfigException("bad backend name '" + name.substring(0, bad) + "...' in config string: character '"
                + name.charAt(bad) + "' at offset " + bad + " is not allowed (is the '?' before the options missing?)" + rule);
    }

    /**
     * A query part that is not {@code key=value}, named by its number, never shown: it may be the rest of the previous
     * option's value, cut at an '&' the user did not escape, or a target with a password before a misplaced '?'.
     */
    private static LauncherConfigException badOption(String name, String pair, int eq, int n, int count) {
        String which = (n + 1) + " of " + count;
        String why = pair.isEmpty() ? "it is empty" : eq == 0 ? "it has no key" : "it has no '='";
        String hint = n > 0 ? "; write key=value, separated by '&', and an '&' in a value as %26"
                : "; write key=value, separated by '&'";
        return new LauncherConfigException("bad option " + which + " in config string of backend '" + name + "': " + why + hint);
    }

    /**
     * {@code target} with the user info of a URL ({@code scheme://user:password@host}, or a token as the user)
     * replaced by {@link io.slipway.inputs.Secret#MASK}: what a message or a {@code toString()} may show of a
     * target. Everything from after the first {@code //} (or from the start) to the last '@' goes, so a password
     * with a '/' or an '@' in it, or a malformed URL ({@code tcp//user:pw@host}), is masked too; a path with an
     * '@' loses more than it must, never less.
     */
    public static String maskTarget(String target) {
        if (target == null) {
            return null;
        }
        int at = target.lastIndexOf('@');
        if (at < 0) {
            return target;
        }
        int slashes = target.indexOf("//");
        int start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
        return target.substring(0, start) + io.slipway.inputs.Secret.MASK + target.substring(at);
    }

    /** Percent-decoding as in URLs, except that '+' stays '+' (it is common in image tags and paths). */
    private static String decode(String part, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length || Character.digit(bytes[i + 1], 16) < 0 || Character.digit(bytes[i + 2], 16) < 0) {
                    throw new LauncherConfigException("bad percent-escape in " + what
                            + " of the config string: '%' must be followed by two hex digits");
                }
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
