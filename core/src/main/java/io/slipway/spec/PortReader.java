package io.slipway.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's {@code ports} in both Compose syntaxes: short ({@code "8080"}, {@code "8080:80"},
 * {@code "127.0.0.1:8080:80"}, {@code "127.0.0.1::80"}, {@code "[::1]:8080:80"}, {@code "80/udp"}, an
 * integer) and long ({@code {target, published, host_ip, protocol, mode}}).
 */
final class PortReader {

    /** The keys of the long syntax. */
    static final List<String> LONG_KEYS = List.of("target", "published", "host_ip", "protocol", "mode");
    private static final List<String> PROTOCOLS = List.of("tcp", "udp");
    private static final List<String> MODES = List.of("host", "ingress");

    private PortReader() {
    }

    /** The port mappings of an interpolated {@code ports} list at {@code path}. */
    static List<PortMapping> read(Object node, String path, Values v) {
        List<Object> items = v.list(node, path);
        List<PortMapping> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            Object item = items.get(i);
            out.add(item instanceof Map<?, ?> ? longForm(v.map(item, at), at, v) : shortForm(v.requiredString(item, at), at, v));
        }
        return out;
    }

    /** {@code [[HOST_IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL]}. */
    private static PortMapping shortForm(String entry, String path, Values v) {
        String rest = entry.strip();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = protocol(rest.substring(slash + 1), path, v);
            rest = rest.substring(0, slash);
        }
        String hostIp = null;
        // An IPv6 address carries colons of its own, so Compose requires it in brackets.
        if (rest.startsWith("[")) {
            int close = rest.indexOf("]:");
            if (close < 0) {
                throw v.fail(path, "invalid port mapping '" + entry + "'; write [IPv6]:HOST_PORT:CONTAINER_PORT");
            }
            hostIp = rest.substring(1, close);
            rest = rest.substring(close + 2);
        }
        String[] parts = rest.split(":", -1);
        if (parts.length == 3 && hostIp == null) {
            hostIp = parts[0];
            parts = new String[] {parts[1], parts[2]};
        }
        if (parts.length > 2 || (hostIp != null && parts.length != 2)) {
            throw v.fail(path, "invalid port mapping '" + entry + "'; write [[HOST_IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL]");
        }
        Integer hostPort = parts.length == 2 ? optionalPort(parts[0], entry, path, v) : null;
        int containerPort = number(parts[parts.length - 1], entry, path, v);
        return new PortMapping(hostIp == null || hostIp.isEmpty() ? null : hostIp, hostPort, containerPort, protocol);
    }

    private static PortMapping longForm(Map<String, Object> m, String path, Values v) {
        v.checkKeys(m, path, LONG_KEYS);
        if (m.get("target") == null) {
            throw v.fail(path + ".target", "a value is required");
        }
        int target = number(v.string(m.get("target"), path + ".target"), null, path + ".target", v);
        Object published = m.get("published");
        Integer hostPort = published == null ? null
                : optionalPort(v.string(published, path + ".published"), null, path + ".published", v);
        String hostIp = v.string(m.get("host_ip"), path + ".host_ip");
        String protocol = m.get("protocol") == null ? "tcp" : protocol(v.string(m.get("protocol"), path + ".protocol"), path + ".protocol", v);
        String mode = v.string(m.get("mode"), path + ".mode");
        if (mode != null && !MODES.contains(mode)) {
            throw v.fail(path + ".mode", "invalid mode '" + mode + "'; valid: " + String.join(", ", MODES));
        }
        return new PortMapping(hostIp == null || hostIp.isEmpty() ? null : hostIp, hostPort, target, protocol);
    }

    private static String protocol(String text, String path, Values v) {
        if (!PROTOCOLS.contains(text)) {
            throw v.fail(path, "invalid protocol '" + text + "'; valid: " + String.join(", ", PROTOCOLS));
        }
        return text;
    }

    /** A host port, null when empty (an ephemeral port, as in {@code 127.0.0.1::80}). */
    private static Integer optionalPort(String text, String entry, String path, Values v) {
        return text.isBlank() ? null : number(text, entry, path, v);
    }

    private static int number(String text, String entry, String path, Values v) {
        if (text.strip().matches("\\d+\\s*-\\s*\\d+")) {
            throw v.fail(path, "port ranges are not supported: '" + (entry == null ? text : entry) + "'");
        }
        return v.port(text, path);
    }
}
