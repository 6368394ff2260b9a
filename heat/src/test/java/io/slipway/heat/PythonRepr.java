package io.slipway.heat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Python's {@code str()} of JSON-like values, as heat-config's dispatcher applies it to String-typed inputs. */
final class PythonRepr {

    private PythonRepr() {
    }

    /** {@code str(value)}: a string as it is; anything else as its repr. */
    static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /** {@code repr(value)}. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            String s = new BigDecimal(value.toString()).toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof String s) {
            // Python prefers single quotes, and switches to double quotes when the string has a ' but no ".
            boolean dq = s.contains("'") && !s.contains("\"");
            char q = dq ? '"' : '\'';
            StringBuilder sb = new StringBuilder().append(q);
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (c == q) {
                            sb.append('\\');
                        }
                        sb.append(c);
                    }
                }
            }
            return sb.append(q).toString();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(PythonRepr::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        throw new IllegalArgumentException("no Python repr for " + value.getClass());
    }
}
