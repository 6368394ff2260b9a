package io.slipway.compose;

import io.slipway.spec.SpecException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docker-compose v1 cannot interpolate as the Compose Specification (and Slipway) does. v1 reads
 * {@code ${NAME<op>text}} with {@code <op>} one of {@code :- - :? ?}, and {@code text} up to the first
 * {@code '}'}, literally: so {@code ${A:-${B}}} gives {@code ${B}}, {@code ${A:-$$}} gives {@code $$}, and
 * {@code ${A:+x}} is an error. The first two would silently give another value than on every other backend,
 * so they are refused before anything runs, with the path of the value.
 */
final class V1Interpolation {

    private static final Pattern BRACED = Pattern.compile("\\$\\{([_a-zA-Z][_a-zA-Z0-9]*)(:?[-?+])?([^}]*)\\}?");

    private V1Interpolation() {
    }

    /**
     * Checks every string under {@code services} (the part of a document v1 interpolates and Slipway binds).
     *
     * @throws SpecException naming the path of the first value v1 cannot interpolate as specified
     */
    static void check(Map<String, Object> document) {
        check(document.get("services"), "services");
    }

    private static void check(Object node, String path) {
        if (node instanceof String s) {
            String problem = problem(s);
            if (problem != null) {
                throw new SpecException(path, "docker-compose v1 cannot interpolate '" + s + "': " + problem
                        + "; write it without, or use Compose v2 (binary=docker)");
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> check(v, path.isEmpty() ? String.valueOf(k) : path + "." + k));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Why v1 would read {@code text} differently, or null. */
    static String problem(String text) {
        int i = 0;
        while ((i = text.indexOf('$', i)) >= 0) {
            if (text.startsWith("$$", i)) {
                i += 2;
                continue;
            }
            Matcher m = BRACED.matcher(text).region(i, text.length());
            if (m.lookingAt() && m.group(2) != null) {
                if (m.group(2).endsWith("+")) {
                    return "v1 has no '" + m.group(2) + "' (replacement) modifier";
                }
                if (m.group(3).contains("$")) {
                    return "v1 takes the text after '" + m.group(2) + "' literally, so '$' in it is not interpolated";
                }
            }
            i++;
        }
        return null;
    }
}
