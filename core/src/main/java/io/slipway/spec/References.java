package io.slipway.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables a document refers to: in every string value (keys never), except the literal input defaults. */
final class References {

    private References() {
    }

    /** Each variable the document refers to, with the path of its first use, in document order. */
    static Map<String, String> of(Map<String, Object> doc) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(doc, "", out);
        return out;
    }

    private static void collect(Object node, String path, Map<String, String> out) {
        if (node instanceof String s) {
            try {
                Interpolator.variables(s).forEach(name -> out.putIfAbsent(name, path));
            } catch (SpecException e) {
                // Bad syntax: interpolation reports it with its path (and masked); nothing to collect here.
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, value) -> {
                String at = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                if (!at.equals(ComposeReader.INPUTS_PATH)) {
                    collect(value, at, out);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
