package io.slipway.spec;

import io.slipway.wait.WaitCondition;
import io.slipway.wait.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds one interpolated service map to a {@link ServiceSpec}, by the Compose Specification's rules.
 * The keys were checked when the spec was read; this class checks the values, each error naming the
 * value's path.
 */
final class ServiceBinder {

    /** The healthcheck keys Slipway understands. */
    static final List<String> HEALTHCHECK_KEYS = List.of("test", "interval", "timeout", "retries", "start_period",
            "disable");
    /** The keys of a long-form {@code depends_on} entry. */
    static final List<String> DEPENDS_ON_KEYS = List.of("condition", "restart", "required");

    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");

    private final Values v;
    private final Path baseDir;
    private final Set<String> volumes;

    /**
     * @param baseDir what relative paths are resolved against
     * @param volumes the named volumes declared at the top level
     */
    ServiceBinder(Values v, Path baseDir, Set<String> volumes) {
        this.v = v;
        this.baseDir = baseDir;
        this.volumes = volumes;
    }

    /** Binds the service {@code name}. */
    ServiceSpec bind(String name, Map<String, Object> s) {
        String p = "services." + name + ".";
        String image = v.requiredString(s.get("image"), p + "image");
        if (image.isBlank()) {
            throw v.fail(p + "image", "an image reference is required");
        }
        Map<String, Object> x = v.map(s.get("x-slipway"), p + "x-slipway");
        boolean oneshot = v.bool(x.get("oneshot"), p + "x-slipway.oneshot", false);
        Duration timeout = WaitReader.timeout(x.get("timeout"), p + "x-slipway.timeout", v);
        WaitCondition wait = wait(x, p + "x-slipway.wait", oneshot, timeout);
        return new ServiceSpec(name, image,
                command(s.get("command"), p + "command"),
                command(s.get("entrypoint"), p + "entrypoint"),
                environment(s.get("environment"), p + "environment"),
                envFiles(s.get("env_file"), p + "env_file"),
                List.copyOf(PortReader.read(s.get("ports"), p + "ports", v)),
                List.copyOf(new VolumeReader(v, baseDir, volumes).read(s.get("volumes"), p + "volumes")),
                v.string(s.get("network_mode"), p + "network_mode"),
                v.string(s.get("pid"), p + "pid"),
                v.bool(s.get("privileged"), p + "privileged", false),
                v.string(s.get("user"), p + "user"),
                restart(s.get("restart"), p + "restart"),
                labels(s.get("labels"), p + "labels"),
                healthcheck(s.get("healthcheck"), p + "healthcheck"),
                dependsOn(s.get("depends_on"), p + "depends_on"),
                v.string(s.get("working_dir"), p + "working_dir"),
                List.copyOf(v.strings(s.get("cap_add"), p + "cap_add")),
                List.copyOf(v.strings(s.get("cap_drop"), p + "cap_drop")),
                v.string(s.get("hostname"), p + "hostname"),
                extraHosts(s.get("extra_hosts"), p + "extra_hosts"),
                v.string(s.get("stop_signal"), p + "stop_signal"),
                v.duration(s.get("stop_grace_period"), p + "stop_grace_period"),
                oneshot, wait, extensions(x, p + "x-slipway."));
    }

    /** The backend-specific maps under the service's x-slipway, by key, deeply unmodifiable; their content is the backend's to check. */
    private Map<String, Map<String, Object>> extensions(Map<String, Object> x, String path) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String key : ServiceSpec.EXTENSION_KEYS) {
            if (x.containsKey(key)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) ComposeReader.unmodifiable(v.map(x.get(key), path + key));
                out.put(key, m);
            }
        }
        return out;
    }

    /** The service's wait, or the default: running for a service, exit code 0 for a one-shot task. */
    private WaitCondition wait(Map<String, Object> x, String path, boolean oneshot, Duration serviceTimeout) {
        Duration timeout = serviceTimeout != null ? serviceTimeout : WaitCondition.DEFAULT_TIMEOUT;
        if (x.containsKey("wait")) {
            return WaitReader.read(x.get("wait"), path, timeout, v);
        }
        return (oneshot ? Waits.exited(0) : Waits.running()).withTimeout(timeout);
    }

    /** A list as is, or a string split as a POSIX shell would, without running one. Null stays null. */
    private List<String> command(Object node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof List<?>) {
            return List.copyOf(v.strings(node, path));
        }
        String text = v.requiredString(node, path);
        try {
            return List.copyOf(ShellWords.split(text));
        } catch (IllegalArgumentException e) {
            throw v.fail(path, e.getMessage());
        }
    }

    /** A variable without a value ({@code KEY} or {@code KEY:}) takes the input of that name, or is left out. */
    private Map<String, String> environment(Object node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        v.keyValues(node, path).forEach((key, value) -> {
            String resolved = value != null ? value : v.variables().get(key);
            if (resolved != null) {
                out.put(key, resolved);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private List<String> envFiles(Object node, String path) {
        List<String> files = node instanceof List<?> ? v.strings(node, path) : node == null ? List.of()
                : List.of(v.requiredString(node, path));
        return files.stream().map(f -> Path.of(f).isAbsolute() ? f : baseDir.resolve(f).normalize().toString())
                .toList();
    }

    private String restart(Object node, String path) {
        String restart = v.string(node, path);
        if (restart != null && !RESTART.matcher(restart).matches()) {
            throw v.fail(path, "invalid restart policy '" + restart
                    + "'; valid: no, always, on-failure, on-failure:N, unless-stopped");
        }
        return restart;
    }

    /** A label without a value ({@code ["a"]}, {@code a:}) is an empty string, as in Compose. */
    private Map<String, String> labels(Object node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        v.keyValues(node, path).forEach((key, value) -> out.put(key, value == null ? "" : value));
        return Collections.unmodifiableMap(out);
    }

    /** {@code host:ip} or {@code host=ip} entries, or a map host to ip; all normalised to {@code host:ip}. */
    private List<String> extraHosts(Object node, String path) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?>) {
            v.map(node, path).forEach((host, ip) -> out.add(host + ":" + v.requiredString(ip, path + "." + host)));
            return List.copyOf(out);
        }
        List<String> entries = v.strings(node, path);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            // '=' first: an IPv6 address has colons of its own.
            int at = entry.indexOf('=') >= 0 ? entry.indexOf('=') : entry.indexOf(':');
            if (at <= 0 || at == entry.length() - 1) {
                throw v.fail(path + "[" + i + "]", "invalid extra host '" + entry + "'; write host:ip or host=ip");
            }
            out.add(entry.substring(0, at) + ":" + entry.substring(at + 1));
        }
        return List.copyOf(out);
    }

    private Healthcheck healthcheck(Object node, String path) {
        if (node == null) {
            return null;
        }
        Map<String, Object> m = v.map(node, path);
        Object test = m.get("test");
        List<String> command = null;
        if (test instanceof List<?>) {
            command = v.strings(test, path + ".test");
            if (command.isEmpty() || !List.of("CMD", "CMD-SHELL", "NONE").contains(command.get(0))) {
                throw v.fail(path + ".test", "a test list starts with CMD, CMD-SHELL or NONE");
            }
        } else if (test != null) {
            command = List.of("CMD-SHELL", v.requiredString(test, path + ".test"));
        }
        Integer retries = null;
        if (m.get("retries") != null) {
            retries = v.integer(m.get("retries"), path + ".retries");
            if (retries < 0) {
                throw v.fail(path + ".retries", "retries must not be negative but was " + retries);
            }
        }
        return new Healthcheck(command == null ? null : List.copyOf(command),
                v.duration(m.get("interval"), path + ".interval"),
                v.duration(m.get("timeout"), path + ".timeout"),
                retries,
                v.duration(m.get("start_period"), path + ".start_period"),
                v.bool(m.get("disable"), path + ".disable", false));
    }

    /** Short form (a list of names) means {@code service_started}; the long form names a condition. */
    private Map<String, DependencyCondition> dependsOn(Object node, String path) {
        Map<String, DependencyCondition> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?>) {
            v.map(node, path).forEach((service, entry) -> {
                String at = path + "." + service + ".condition";
                String condition = v.string(v.map(entry, path + "." + service).get("condition"), at);
                out.put(service, condition == null ? DependencyCondition.SERVICE_STARTED : condition(condition, at));
            });
        } else {
            v.strings(node, path).forEach(service -> out.put(service, DependencyCondition.SERVICE_STARTED));
        }
        return Collections.unmodifiableMap(out);
    }

    private DependencyCondition condition(String text, String path) {
        for (DependencyCondition c : DependencyCondition.values()) {
            if (c.spelling().equals(text)) {
                return c;
            }
        }
        throw v.fail(path, "invalid condition '" + text + "'; valid: " + Arrays.stream(DependencyCondition.values())
                .map(DependencyCondition::spelling).collect(Collectors.joining(", ")));
    }
}
