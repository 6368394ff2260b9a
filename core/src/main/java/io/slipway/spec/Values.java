package io.slipway.spec;

import io.slipway.inputs.Variables;
import io.slipway.internal.Numbers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the plain values the YAML parser produced (maps, lists, strings, numbers, booleans,
 * null), each with the path of the value for its error. Every message goes through
 * {@link Variables#mask}, because after interpolation a bad value may hold a secret.
 */
final class Values {

    private final Variables variables;

    Values(Variables variables) {
        this.variables = variables;
    }

    /** The error for the value at {@code path}, with secrets masked. */
    SpecException fail(String path, String message) {
        return new SpecException(path, variables.mask(message));
    }

    /** The variables values are interpolated with. */
    Variables variables() {
        return variables;
    }

    /** A map; null reads as an empty map (YAML's {@code key:} with nothing after it). */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object node, String path) {
        if (node == null) {
            return Map.of();
        }
        if (node instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw fail(path, "expected a map but was " + describe(node));
    }

    /** A list; null reads as an empty list. */
    @SuppressWarnings("unchecked")
    List<Object> list(Object node, String path) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw fail(path, "expected a list but was " + describe(node));
    }

    /** A scalar as a string (numbers and booleans as written); null stays null. */
    String string(Object node, String path) {
        if (node == null || node instanceof String) {
            return (String) node;
        }
        if (node instanceof Number || node instanceof Boolean) {
            return scalarText(node);
        }
        throw fail(path, "expected a string but was " + describe(node));
    }

    /** Like {@link #string} but null is an error. */
    String requiredString(Object node, String path) {
        String s = string(node, path);
        if (s == null) {
            throw fail(path, "a value is required");
        }
        return s;
    }

    /** An integer: a YAML integer, or a string of digits after interpolation. */
    int integer(Object node, String path) {
        if (node instanceof Integer i) {
            return i;
        }
        String s = node instanceof String str ? str.strip() : null;
        if (s != null && s.matches("-?\\d{1,10}")) {
            long n = Long.parseLong(s);
            if (n == (int) n) {
                return (int) n;
            }
        }
        throw fail(path, "expected an integer but was " + describe(node));
    }

    /** A port number 1..65535: a YAML integer or a string of digits. */
    int port(Object node, String path) {
        String s = node instanceof Integer || node instanceof String ? node.toString().strip() : null;
        if (s != null && s.matches("\\d{1,5}")) {
            int port = Integer.parseInt(s);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw fail(path, "invalid port " + describe(node) + "; a port is a number from 1 to 65535");
    }

    /** A boolean: a YAML boolean, or the string {@code true} or {@code false} after interpolation. */
    boolean bool(Object node, String path) {
        if (node instanceof Boolean b) {
            return b;
        }
        if ("true".equals(node) || "false".equals(node)) {
            return Boolean.parseBoolean((String) node);
        }
        throw fail(path, "expected true or false but was " + describe(node));
    }

    /** A boolean, or {@code otherwise} when the node is null. */
    boolean bool(Object node, String path, boolean otherwise) {
        return node == null ? otherwise : bool(node, path);
    }

    /** A Compose duration such as {@code 30s}; null stays null. */
    Duration duration(Object node, String path) {
        if (node == null) {
            return null;
        }
        try {
            return Durations.parse(string(node, path));
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
    }

    /** A single string or a list of them (Compose's "string or list" keys such as {@code dns}); null reads as empty. */
    List<String> stringOrList(Object node, String path) {
        return node instanceof List<?> || node == null ? strings(node, path) : List.of(requiredString(node, path));
    }

    /** A long integer: a YAML integer, or a string of digits after interpolation; null stays null. */
    Long longValue(Object node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof Integer || node instanceof Long) {
            return ((Number) node).longValue();
        }
        String s = node instanceof String str ? str.strip() : null;
        if (s != null && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        throw fail(path, "expected an integer but was " + describe(node));
    }

    /** A decimal number such as {@code 0.5} (a YAML number or a numeric string); null stays null. */
    Double decimal(Object node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof Number n) {
            return n.doubleValue();
        }
        String s = node instanceof String str ? str.strip() : null;
        if (s != null && s.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
            return Double.parseDouble(s);
        }
        throw fail(path, "expected a number such as 0.5 but was " + describe(node));
    }

    /**
     * A byte size as Compose writes it: an integer (bytes) or a number with a unit {@code b}, {@code k}/{@code kb},
     * {@code m}/{@code mb}, {@code g}/{@code gb} (powers of 1024, case-insensitive), e.g. {@code 512m}; null stays null.
     */
    Long bytes(Object node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof Integer || node instanceof Long) {
            return ((Number) node).longValue();
        }
        String s = node instanceof String str ? str.strip().toLowerCase(java.util.Locale.ROOT) : null;
        java.util.regex.Matcher m = s == null ? null
                : java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)b?").matcher(s);
        if (m == null || !m.matches()) {
            throw fail(path, "invalid size " + describe(node) + "; write bytes or a number with b, k, m or g, e.g. 512m");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift)).longValue();
    }

    /** A list of scalars as strings; null reads as an empty list. */
    List<String> strings(Object node, String path) {
        List<Object> items = list(node, path);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(requiredString(items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /**
     * Compose's "map or list" form (environment, labels): a map of scalars, or a list of {@code KEY=VALUE}
     * (and {@code KEY} alone, which maps to null). Values are strings or null; order is kept.
     */
    Map<String, String> keyValues(Object node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof List<?>) {
            List<Object> items = list(node, path);
            for (int i = 0; i < items.size(); i++) {
                String item = requiredString(items.get(i), path + "[" + i + "]");
                int eq = item.indexOf('=');
                out.put(eq < 0 ? item : item.substring(0, eq), eq < 0 ? null : item.substring(eq + 1));
            }
        } else {
            map(node, path).forEach((k, v) -> out.put(k, string(v, path + "." + k)));
        }
        return out;
    }

    /** Fails when {@code map} has a key outside {@code supported}, naming the key's path and the valid keys. */
    void checkKeys(Map<String, Object> map, String path, List<String> supported) {
        for (String key : map.keySet()) {
            if (!supported.contains(key)) {
                throw fail(path + "." + key, "unsupported key; supported: " + String.join(", ", supported));
            }
        }
    }

    /** Numbers as written (no {@code 1.0E3}; infinities and NaN as YAML spells them), booleans as {@code true}/{@code false}. */
    static String scalarText(Object node) {
        if (node instanceof Double || node instanceof Float) {
            double d = ((Number) node).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // YAML's .inf, -.inf and .nan (and numbers too large, like 1e400): BigDecimal has no such value.
                return Double.isNaN(d) ? ".nan" : d > 0 ? ".inf" : "-.inf";
            }
        }
        if (node instanceof Double || node instanceof Float || node instanceof BigDecimal) {
            return Numbers.text(new BigDecimal(node.toString()));
        }
        return String.valueOf(node);
    }

    /** A value for an error message: scalars quoted, collections by kind only. */
    static String describe(Object node) {
        if (node == null) {
            return "null";
        }
        if (node instanceof Map<?, ?>) {
            return "a map";
        }
        if (node instanceof List<?>) {
            return "a list";
        }
        return "'" + scalarText(node) + "'";
    }
}
