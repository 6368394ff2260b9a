package io.slipway.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compose's {@code profiles}: a service without {@code profiles} is always part of the deployment, one with
 * {@code profiles} only when one of them is active ({@code *} activates all). The document is cut down to the active
 * services before anything else reads it, so every backend, and the Compose tool, sees the same services.
 */
final class Profiles {

    /** What a profile may be called (Compose's rule). */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private Profiles() {
    }

    /** Checks each service's {@code profiles} (a list of names) before interpolation; profiles are not interpolated. */
    static void check(Map<String, Object> services, Values v) {
        services.forEach((name, node) -> {
            if (node instanceof Map<?, ?> s && s.containsKey("profiles")) {
                List<String> profiles = v.strings(s.get("profiles"), "services." + name + ".profiles");
                for (int i = 0; i < profiles.size(); i++) {
                    if (!NAME.matcher(profiles.get(i)).matches()) {
                        throw v.fail("services." + name + ".profiles[" + i + "]", "invalid profile name '"
                                + profiles.get(i) + "'; a name matches " + NAME.pattern());
                    }
                }
            }
        });
    }

    /**
     * {@code doc} with only the services {@code active} enables, without their {@code profiles} key (so the Compose
     * tool starts them all), and without outputs of services left out.
     *
     * @throws SpecException when an enabled service depends on, or links to, one that is left out
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> select(Map<String, Object> doc, Collection<String> active) {
        Map<String, Object> services = (Map<String, Object>) doc.get("services");
        Map<String, Object> kept = new LinkedHashMap<>();
        services.forEach((name, node) -> {
            Map<String, Object> s = (Map<String, Object>) node;
            Object profiles = s.get("profiles");
            if (profiles == null) {
                kept.put(name, s);
            } else if (active.contains("*") || ((List<Object>) profiles).stream().anyMatch(active::contains)) {
                Map<String, Object> copy = new LinkedHashMap<>(s);
                copy.remove("profiles");
                kept.put(name, copy);
            }
        });
        if (kept.size() == services.size() && services.values().stream().noneMatch(s -> ((Map<?, ?>) s)
                .containsKey("profiles"))) {
            return doc;
        }
        if (kept.isEmpty()) {
            throw new SpecException("services", "no service is enabled: every service has profiles, and none of them is "
                    + "active" + (active.isEmpty() ? "" : " (active: " + String.join(", ", new java.util.TreeSet<>(active))
                    + ")") + "; activate one with --profile NAME");
        }
        kept.forEach((name, node) -> {
            for (String dependency : dependencies((Map<String, Object>) node)) {
                if (services.containsKey(dependency) && !kept.containsKey(dependency)) {
                    throw new SpecException("services." + name + ".depends_on", "service '" + name + "' needs '"
                            + dependency + "', which is disabled: its profiles " + ((Map<String, Object>) services
                            .get(dependency)).get("profiles") + " are not active; activate one with --profile NAME");
                }
            }
        });
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.put("services", kept);
        if (doc.get("x-slipway") instanceof Map<?, ?> x && x.get("outputs") instanceof Map<?, ?> outputs) {
            Map<String, Object> slipway = new LinkedHashMap<>((Map<String, Object>) x);
            Map<String, Object> keptOutputs = new LinkedHashMap<>();
            ((Map<String, Object>) outputs).forEach((k, o) -> {
                if (!(o instanceof Map<?, ?> m) || kept.containsKey(String.valueOf(m.get("service")))) {
                    keptOutputs.put(k, o);
                }
            });
            slipway.put("outputs", keptOutputs);
            out.put("x-slipway", slipway);
        }
        return out;
    }

    /** The services a service's {@code depends_on} and {@code links} name. */
    private static List<String> dependencies(Map<String, Object> s) {
        List<String> out = new ArrayList<>();
        if (s.get("depends_on") instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> out.add(String.valueOf(k)));
        } else if (s.get("depends_on") instanceof List<?> l) {
            l.forEach(k -> out.add(String.valueOf(k)));
        }
        if (s.get("links") instanceof List<?> l) {
            l.forEach(k -> out.add(String.valueOf(k).split(":", 2)[0]));
        }
        return out;
    }
}
