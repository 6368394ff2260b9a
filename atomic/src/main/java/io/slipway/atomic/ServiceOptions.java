package io.slipway.atomic;

import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code x-slipway.atomic} map: {@code {install: true|false, run: true|false, spc: true|false,
 * opt1: ..., opt2: ..., opt3: ...}}. An {@code optN} is a string (one word: {@code $OPTN} is one argument) or a
 * list of strings (several words, when {@code $OPTN} is a whole word of the label); an empty one is unset, as
 * in atomic.
 *
 * @param install whether {@code apply} runs the image's INSTALL label (default true)
 * @param run whether {@code apply} runs the service (RUN label or atomic's default run) after INSTALL (default
 *     true); false is {@code atomic install} alone: no container is started or waited for
 * @param spc whether an image without a RUN label runs with atomic's super-privileged options (default false)
 * @param opts OPT1, OPT2, OPT3, each null when unset
 */
record ServiceOptions(boolean install, boolean run, boolean spc, List<Substitution.Value> opts) {

    /** The keys of {@code x-slipway.atomic}. */
    static final List<String> KEYS = List.of("install", "run", "spc", "opt1", "opt2", "opt3");

    /** Install and run, no spc, no options. */
    static final ServiceOptions DEFAULTS = new ServiceOptions(true, true, false, Arrays.asList(null, null, null));

    ServiceOptions {
        opts = java.util.Collections.unmodifiableList(new ArrayList<>(opts));
    }

    /**
     * Reads the service's {@code x-slipway.atomic}.
     *
     * @throws SpecException naming the bad key, e.g. {@code services.web.x-slipway.atomic.spc}, or
     *     {@code ...atomic.run} when both {@code install} and {@code run} are false
     */
    static ServiceOptions of(ServiceSpec service) {
        String path = "services." + service.name() + ".x-slipway.atomic";
        Map<String, Object> m = service.extension("atomic");
        for (String key : m.keySet()) {
            if (!KEYS.contains(key)) {
                throw new SpecException(path + "." + key, "unsupported key; supported: " + String.join(", ", KEYS));
            }
        }
        List<Substitution.Value> opts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            opts.add(option(m.get("opt" + i), path + ".opt" + i));
        }
        boolean install = bool(m.get("install"), path + ".install", true);
        boolean run = bool(m.get("run"), path + ".run", true);
        if (!install && !run) {
            throw new SpecException(path + ".run", "nothing to do: run: false runs only the image's INSTALL label, and "
                    + "install: false skips it; drop one of them");
        }
        return new ServiceOptions(install, run, bool(m.get("spc"), path + ".spc", false), opts);
    }

    private static boolean bool(Object node, String path, boolean dflt) {
        if (node == null) {
            return dflt;
        }
        if (node instanceof Boolean b) {
            return b;
        }
        if ("true".equals(node) || "false".equals(node)) {
            return Boolean.parseBoolean((String) node);
        }
        throw new SpecException(path, "expected true or false but was '" + node + "'");
    }

    private static Substitution.Value option(Object node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof List<?> list) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                words.add(scalar(list.get(i), path + "[" + i + "]"));
            }
            return words.isEmpty() ? null : Substitution.Value.words(words);
        }
        String s = scalar(node, path);
        return s.isEmpty() ? null : Substitution.Value.of(s);
    }

    private static String scalar(Object node, String path) {
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node.toString();
        }
        throw new SpecException(path, "expected a string or a list of strings but was "
                + (node == null ? "null" : node instanceof Map ? "a map" : node.getClass().getSimpleName()));
    }

    /** OPT1..OPT3 as set, by variable name. */
    Map<String, Substitution.Value> variables() {
        Map<String, Substitution.Value> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            if (opts.get(i) != null) {
                out.put("OPT" + (i + 1), opts.get(i));
            }
        }
        return out;
    }
}
