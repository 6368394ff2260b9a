package io.slipway.heat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Heat's value forms, read back: heat-config's dispatcher stringifies {@code String}-typed inputs with Python's
 * {@code str()}, so structures may arrive as JSON text or as a Python repr, booleans as {@code True} or
 * {@code False}; heat-agents' hooks read them with {@code json}, {@code yaml} or {@code ast.literal_eval}.
 */
public final class HeatValues {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HeatValues() {
    }

    /** A value as text: a string as it is, a number without trailing zeros, anything else as JSON; null stays null. */
    public static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return value.toString(); // NaN, Infinity: BigDecimal has no such value
            }
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return json(value);
    }

    /** {@code value} as compact JSON. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A list or map given either as itself or as text: JSON first, then a Python literal ({@code "[{'a': 1}]"}),
     * as heat-agents reads {@code env_files} with {@code ast.literal_eval}.
     *
     * @param what how the value is called in an error, e.g. {@code input 'env_files'}
     * @return a List or a Map
     * @throws HookException naming {@code what} and the forms accepted (never the value)
     */
    public static Object structure(Object value, String what) {
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return value;
        }
        if (value instanceof String s) {
            Object parsed = parseText(s);
            if (parsed instanceof List<?> || parsed instanceof Map<?, ?>) {
                return parsed;
            }
        }
        throw new HookException(what + " must be a list or a map, as a JSON value, JSON text or a Python literal "
                + "such as [{'file_name': 'a.env', 'content': 'X=1'}], but was " + HookItem.kind(value));
    }

    /** Parses {@code s} as JSON, else as a Python literal; returns {@code s} itself when it is neither. */
    public static Object parseText(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return s;
        }
        try {
            return JSON.readValue(t, Object.class);
        } catch (JsonProcessingException e) {
            // not JSON: try Python's form
        }
        try {
            return PythonLiteral.parse(t);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * A boolean in any spelling Heat accepts for its {@code Boolean} type, plus Python's {@code True}/{@code False}:
     * {@code true, t, yes, y, on, 1} and {@code false, f, no, n, off, 0}, case-insensitively; null when {@code value}
     * is none of them.
     */
    public static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() == 1 ? Boolean.TRUE : n.intValue() == 0 ? Boolean.FALSE : null;
        }
        if (!(value instanceof String s)) {
            return null;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "off", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Heat's {@code CommaDelimitedList} given as text that is not a list literal: {@code "a, b,c"} is
     * {@code [a, b, c]}; an empty text is an empty list.
     */
    public static List<Object> commaDelimited(String s) {
        List<Object> out = new ArrayList<>();
        if (s.isBlank()) {
            return out;
        }
        for (String part : s.split(",", -1)) {
            out.add(part.strip());
        }
        return out;
    }
}
