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
            throw new LauncherConfigException("bad backend name '" + name
                    + "' in config string: use lower-case letters, digits, '.', '_' and '-'");
        }
        if (target != null && target.isEmpty()) {
            throw new LauncherConfigException("empty target after '" + name + ":' in config string");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            // Option values may be secrets: messages name keys, never values or the whole string.
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (pair.isEmpty() || eq <= 0) {
                    String shown = eq == 0 ? "=..." : pair;
                    throw new LauncherConfigException("bad option '" + shown + "' in config string of backend '" + name
                            + "': write key=value, separated by '&'");
                }
                String key = decode(pair.substring(0, eq), "option name '" + pair.substring(0, eq) + "'");
                String value = decode(pair.substring(eq + 1), "the value of option '" + key + "'");
                if (options.put(key, value) != null) {
                    throw new LauncherConfigException("option '" + key + "' is given twice in config string of backend '"
                            + name + "'");
                }
            }
        }
        return new ConfigString(name, target, Collections.unmodifiableMap(options));
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
