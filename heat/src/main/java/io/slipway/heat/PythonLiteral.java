package io.slipway.heat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the literals Python's {@code repr()} and {@code str()} write, as {@code ast.literal_eval} does for the
 * forms heat-agents hands it: strings in single or double quotes (with Python's escapes and an optional
 * {@code u}/{@code b}/{@code r} prefix), integers and floats, {@code True}, {@code False}, {@code None}, lists,
 * tuples (read as lists) and dicts (keys read as strings). JSON's {@code true}, {@code false} and {@code null}
 * are accepted too, so that a JSON text that Jackson refused for a Python-ism elsewhere still reads.
 *
 * <p>heat-config's dispatcher runs {@code str(value)} on every {@code String}-typed input, so a list given in a
 * template arrives as {@code "[{'file_name': './a.env', 'content': 'x'}]"}.
 */
final class PythonLiteral {

    /**
     * How deep lists, tuples and dicts may nest: Python's own parser stops at 200 ("too many nested parentheses"),
     * and a deeper text would end this recursive reader in a StackOverflowError on a small thread stack.
     */
    static final int MAX_DEPTH = 200;

    private final String text;
    private int pos;
    private int depth;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /**
     * The value {@code text} spells: a String, Long/BigInteger, BigDecimal, Boolean, null, List or Map.
     *
     * @throws IllegalArgumentException with the position of the first character that is not a literal
     *         (never the text itself: it may be secret)
     */
    static Object parse(String text) {
        PythonLiteral p = new PythonLiteral(text);
        p.blanks();
        Object v = p.value();
        p.blanks();
        if (p.pos != text.length()) {
            throw p.error("unexpected character after the value");
        }
        return v;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        if ((c == '[' || c == '(' || c == '{') && depth >= MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " deep");
        }
        switch (c) {
            case '[':
                pos++;
                return sequence(']');
            case '(':
                pos++;
                return sequence(')');
            case '{':
                pos++;
                return dict();
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        String word = word();
        switch (word) {
            case "True", "true":
                return Boolean.TRUE;
            case "False", "false":
                return Boolean.FALSE;
            case "None", "null":
                return null;
            case "u", "U", "b", "B", "r", "R":
                if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
                    return word.equalsIgnoreCase("r") ? rawString() : string();
                }
                break;
            default:
                break;
        }
        throw error(word.isEmpty() ? "unexpected character" : "unknown name");
    }

    private List<Object> sequence(char close) {
        List<Object> out = new ArrayList<>();
        depth++;
        blanks();
        while (true) {
            if (peek(close)) {
                pos++;
                depth--;
                return out;
            }
            out.add(value());
            blanks();
            if (peek(',')) {
                pos++;
                blanks();
            } else if (!peek(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private Map<String, Object> dict() {
        Map<String, Object> out = new LinkedHashMap<>();
        depth++;
        blanks();
        while (true) {
            if (peek('}')) {
                pos++;
                depth--;
                return out;
            }
            Object key = value();
            blanks();
            if (!peek(':')) {
                throw error("expected ':'");
            }
            pos++;
            blanks();
            out.put(key == null ? "None" : key instanceof Boolean b ? (b ? "True" : "False") : key.toString(), value());
            blanks();
            if (peek(',')) {
                pos++;
                blanks();
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                throw error("line break inside a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\', '\'', '"' -> sb.append(e);
                case '\n' -> {
                    // a line continuation
                }
                case 'x' -> sb.append((char) hex(2));
                case 'u' -> sb.append((char) hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> sb.append('\\').append(e); // Python keeps unknown escapes as written
            }
        }
        throw error("unterminated string");
    }

    private String rawString() {
        char quote = text.charAt(pos++);
        int end = text.indexOf(quote, pos);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos, end);
        pos = end + 1;
        return s;
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("truncated escape");
        }
        try {
            int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error("bad escape");
        }
    }

    private Object number() {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        while (pos < text.length() && "0123456789._eE+-".indexOf(text.charAt(pos)) >= 0) {
            char c = text.charAt(pos);
            if ((c == '+' || c == '-') && !(text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')) {
                break;
            }
            pos++;
        }
        String n = text.substring(start, pos).replace("_", "");
        try {
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return new BigDecimal(n);
            }
            BigInteger i = new BigInteger(n.startsWith("+") ? n.substring(1) : n);
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("malformed number");
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void blanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
