package io.slipway.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code networks} and {@code volumes} declarations and a service's {@code networks}, by the
 * Compose Specification's rules.
 */
final class NetworkReader {

    /** The keys of a top-level network. */
    static final List<String> NETWORK_KEYS = List.of("driver", "driver_opts", "internal", "attachable", "external",
            "name", "labels", "ipam", "enable_ipv6");
    /** The keys of a top-level volume. */
    static final List<String> VOLUME_KEYS = List.of("driver", "driver_opts", "external", "name", "labels");
    /** The keys of a service's network entry in the map form. */
    static final List<String> ATTACHMENT_KEYS = List.of("aliases", "ipv4_address", "ipv6_address", "priority");
    private static final List<String> IPAM_KEYS = List.of("driver", "config", "options");
    private static final List<String> POOL_KEYS = List.of("subnet", "gateway", "ip_range", "aux_addresses");
    /** What a network may be called (Docker's rule for object names). */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private NetworkReader() {
    }

    /** Checks the keys of the top-level {@code networks} and {@code volumes} before interpolation. */
    static void checkDeclarations(Map<String, Object> doc, Values v) {
        v.map(doc.get("networks"), "networks").forEach((key, node) -> {
            String path = "networks." + key;
            if (!NAME.matcher(key).matches()) {
                throw v.fail(path, "invalid network name; a name matches " + NAME.pattern());
            }
            Map<String, Object> n = v.map(node, path);
            v.checkKeys(n, path, NETWORK_KEYS);
            if (n.get("ipam") instanceof Map<?, ?>) {
                Map<String, Object> ipam = v.map(n.get("ipam"), path + ".ipam");
                v.checkKeys(ipam, path + ".ipam", IPAM_KEYS);
                List<Object> pools = v.list(ipam.get("config"), path + ".ipam.config");
                for (int i = 0; i < pools.size(); i++) {
                    v.checkKeys(v.map(pools.get(i), path + ".ipam.config[" + i + "]"), path + ".ipam.config[" + i + "]",
                            POOL_KEYS);
                }
            }
        });
        v.map(doc.get("volumes"), "volumes").forEach((key, node) -> {
            String path = "volumes." + key;
            if (!VolumeReader.NAME.matcher(key).matches()) {
                throw v.fail(path, "invalid volume name; a name matches " + VolumeReader.NAME.pattern());
            }
            v.checkKeys(v.map(node, path), path, VOLUME_KEYS);
        });
    }

    /** The interpolated top-level networks, with {@code default} added when the spec does not declare it. */
    static Map<String, NetworkSpec> networks(Map<String, Object> doc, Values v) {
        Map<String, NetworkSpec> out = new LinkedHashMap<>();
        out.put(ServiceNetworking.DEFAULT_NETWORK, NetworkSpec.implicitDefault());
        v.map(doc.get("networks"), "networks").forEach((key, node) -> {
            String p = "networks." + key;
            Map<String, Object> n = v.map(node, p);
            boolean external = v.bool(n.get("external"), p + ".external", false);
            String name = v.string(n.get("name"), p + ".name");
            if (external) {
                List<String> extra = n.keySet().stream().filter(k -> !k.equals("external") && !k.equals("name")).toList();
                if (!extra.isEmpty()) {
                    throw v.fail(p + "." + extra.get(0), "an external network is used as it is; only 'name' may be given");
                }
                name = name == null ? key : name;
            }
            if (name != null && !NAME.matcher(name).matches()) {
                throw v.fail(p + ".name", "invalid network name '" + name + "'; a name matches " + NAME.pattern());
            }
            Map<String, Object> ipam = v.map(n.get("ipam"), p + ".ipam");
            List<NetworkSpec.IpamPool> pools = new ArrayList<>();
            List<Object> config = v.list(ipam.get("config"), p + ".ipam.config");
            for (int i = 0; i < config.size(); i++) {
                String at = p + ".ipam.config[" + i + "]";
                Map<String, Object> pool = v.map(config.get(i), at);
                pools.add(new NetworkSpec.IpamPool(v.string(pool.get("subnet"), at + ".subnet"),
                        v.string(pool.get("gateway"), at + ".gateway"), v.string(pool.get("ip_range"), at + ".ip_range")));
            }
            out.put(key, new NetworkSpec(key, name, external, v.string(n.get("driver"), p + ".driver"),
                    strings(v, n.get("driver_opts"), p + ".driver_opts"), v.bool(n.get("internal"), p + ".internal", false),
                    v.bool(n.get("attachable"), p + ".attachable", false),
                    v.bool(n.get("enable_ipv6"), p + ".enable_ipv6", false), strings(v, n.get("labels"), p + ".labels"),
                    v.string(ipam.get("driver"), p + ".ipam.driver"), List.copyOf(pools)));
        });
        return Collections.unmodifiableMap(out);
    }

    /** The interpolated top-level volumes. */
    static Map<String, VolumeSpec> volumes(Map<String, Object> doc, Values v) {
        Map<String, VolumeSpec> out = new LinkedHashMap<>();
        v.map(doc.get("volumes"), "volumes").forEach((key, node) -> {
            String p = "volumes." + key;
            Map<String, Object> m = v.map(node, p);
            boolean external = v.bool(m.get("external"), p + ".external", false);
            String name = v.string(m.get("name"), p + ".name");
            if (external) {
                List<String> extra = m.keySet().stream().filter(k -> !k.equals("external") && !k.equals("name")).toList();
                if (!extra.isEmpty()) {
                    throw v.fail(p + "." + extra.get(0), "an external volume is used as it is; only 'name' may be given");
                }
                name = name == null ? key : name;
            }
            if (name != null && !VolumeReader.NAME.matcher(name).matches()) {
                throw v.fail(p + ".name", "invalid volume name '" + name + "'; a name matches " + VolumeReader.NAME.pattern());
            }
            out.put(key, new VolumeSpec(key, name, external, v.string(m.get("driver"), p + ".driver"),
                    strings(v, m.get("driver_opts"), p + ".driver_opts"), strings(v, m.get("labels"), p + ".labels")));
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * A service's {@code networks} (list or map form), highest {@code priority} first; {@code default} when it
     * names none and has no {@code network_mode}, nothing when it has one.
     *
     * @param declared the top-level networks' keys ({@code default} included)
     */
    static Map<String, NetworkAttachment> attachments(Object node, String networkMode, String path,
            java.util.Set<String> declared, Values v) {
        if (node == null) {
            return networkMode != null ? Map.of()
                    : Map.of(ServiceNetworking.DEFAULT_NETWORK, NetworkAttachment.PLAIN);
        }
        if (networkMode != null) {
            throw v.fail(path, "a service with network_mode joins no networks; remove one of them");
        }
        Map<String, NetworkAttachment> entries = new LinkedHashMap<>();
        if (node instanceof List<?>) {
            List<String> names = v.strings(node, path);
            for (int i = 0; i < names.size(); i++) {
                entries.put(declared(names.get(i), path + "[" + i + "]", declared, v), NetworkAttachment.PLAIN);
            }
        } else {
            v.map(node, path).forEach((name, entry) -> {
                String at = path + "." + name;
                declared(name, at, declared, v);
                Map<String, Object> m = v.map(entry, at);
                v.checkKeys(m, at, ATTACHMENT_KEYS);
                Long priority = v.longValue(m.get("priority"), at + ".priority");
                entries.put(name, new NetworkAttachment(v.stringOrList(m.get("aliases"), at + ".aliases"),
                        v.string(m.get("ipv4_address"), at + ".ipv4_address"),
                        v.string(m.get("ipv6_address"), at + ".ipv6_address"), priority == null ? 0 : priority.intValue()));
            });
        }
        List<Map.Entry<String, NetworkAttachment>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, NetworkAttachment> e) -> e.getValue().priority()).reversed());
        Map<String, NetworkAttachment> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    private static String declared(String name, String path, java.util.Set<String> declared, Values v) {
        if (!declared.contains(name)) {
            throw v.fail(path, "undefined network '" + name + "'; declare it under the top-level networks"
                    + (declared.size() > 1 ? " (declared: " + String.join(", ", declared) + ")" : ""));
        }
        return name;
    }

    /** A "map or list" of strings, a value-less entry as "". */
    static Map<String, String> strings(Values v, Object node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        v.keyValues(node, path).forEach((k, value) -> out.put(k, value == null ? "" : value));
        return Collections.unmodifiableMap(out);
    }
}
