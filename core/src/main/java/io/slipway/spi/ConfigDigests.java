package io.slipway.spi;

import io.slipway.spec.ServiceSpec;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A short digest of each setting a container was made from, so that a {@link io.slipway.DeploymentPlan plan} can name
 * the settings that changed, where the config hash only says that something did. Backends keep them in a label
 * ({@code io.slipway.config-digests}) beside the config hash, as {@code name=digest} pairs: the setting's name and 48
 * bits of SHA-256 over its name and value, never the value. Each variable of the environment is a setting of its own
 * ({@code environment.NAME}), so a plan names the variable, not only "environment".
 */
public final class ConfigDigests {

    /** The components of a service that do not change its container, or that enter as settings of their own. */
    private static final Set<String> NOT_SETTINGS = Set.of("waitCondition", "keys", "replicas", "environment");

    private ConfigDigests() {
    }

    /**
     * The settings of {@code service} by name: each component of the spec record but how success is judged, the
     * spelling of keys, the replica count and the declared environment, then each variable of {@code environment} (the
     * effective one: env files, then {@code environment}) as {@code environment.NAME}. A backend adds what else its
     * container depends on (the image's id, networks, secrets' digests) with {@link Map#put}.
     */
    public static Map<String, Object> settings(ServiceSpec service, Map<String, String> environment) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent rc : ServiceSpec.class.getRecordComponents()) {
            if (NOT_SETTINGS.contains(rc.getName())) {
                continue;
            }
            try {
                out.put(rc.getName(), rc.getAccessor().invoke(service));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        environment.forEach((k, v) -> out.put("environment." + k, v));
        return out;
    }

    /** The digest of each setting, by name in sorted order: 12 hex digits (48 bits) over the name and the value. */
    public static Map<String, String> of(Map<String, ?> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, digest(k + "=" + v)));
        return out;
    }

    /** The label value of {@code digests}: {@code name=digest} pairs joined by ',', sorted by name. */
    public static String encode(Map<String, String> digests) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(digests).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The digests a label holds; empty when there is no label (a container made before Slipway wrote it). */
    public static Map<String, String> decode(String label) {
        Map<String, String> out = new TreeMap<>();
        if (label == null || label.isBlank()) {
            return out;
        }
        for (String pair : label.split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    /**
     * The names of the settings whose digest differs between {@code before} and {@code after}, or that only one has,
     * sorted; empty when {@code before} is empty (nothing recorded: which settings changed is unknown).
     */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        if (before.isEmpty()) {
            return List.of();
        }
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!java.util.Objects.equals(before.get(n), after.get(n))) {
                out.add(n);
            }
        }
        return out;
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
