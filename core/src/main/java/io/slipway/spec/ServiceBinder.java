package io.slipway.spec;

import io.slipway.wait.WaitCondition;
import io.slipway.wait.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
            "disable", "start_interval");
    /** The keys of a long-form {@code depends_on} entry. */
    static final List<String> DEPENDS_ON_KEYS = List.of("condition", "restart", "required");

    /** The keys of a long-form {@code env_file} entry. */
    static final List<String> ENV_FILE_KEYS = List.of("path", "required");
    private static final Pattern EXPOSE = Pattern.compile("\\d{1,5}(-\\d{1,5})?(/(tcp|udp|sctp))?");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");

    private final Values v;
    private final Path baseDir;
    private final Set<String> volumes;
    private final Set<String> networks;
    private final Set<String> secrets;
    private final Set<String> configs;

    /**
     * @param baseDir what relative paths are resolved against
     * @param volumes the named volumes declared at the top level
     * @param networks the networks declared at the top level, {@code default} included
     * @param secrets the secrets declared at the top level
     * @param configs the configs declared at the top level
     */
    ServiceBinder(Values v, Path baseDir, Set<String> volumes, Set<String> networks, Set<String> secrets,
            Set<String> configs) {
        this.v = v;
        this.baseDir = baseDir;
        this.volumes = volumes;
        this.networks = networks;
        this.secrets = secrets;
        this.configs = configs;
    }

    /** Binds the service {@code name}. */
    ServiceSpec bind(String name, Map<String, Object> s) {
        String p = "services." + name + ".";
        String image = v.string(s.get("image"), p + "image");
        BuildSpec build = BuildReader.read(s.get("build"), p + "build", baseDir, v, this::extraHosts);
        if (image == null ? build == null : image.isBlank()) {
            throw v.fail(p + "image", "an image reference is required (or a build, which Slipway tags "
                    + "<deployment>-" + name + ")");
        }
        ImagePull pull = ImagePull.parse(v.string(s.get("pull_policy"), p + "pull_policy"), p + "pull_policy", v);
        if (pull == ImagePull.BUILD && build == null) {
            throw v.fail(p + "pull_policy", "pull_policy 'build' needs a build section to build the image from");
        }
        Map<String, Object> x = v.map(s.get("x-slipway"), p + "x-slipway");
        boolean oneshot = v.bool(x.get("oneshot"), p + "x-slipway.oneshot", false);
        Duration timeout = WaitReader.timeout(x.get("timeout"), p + "x-slipway.timeout", v);
        WaitCondition wait = wait(x, p + "x-slipway.wait", oneshot, timeout);
        int replicas = DeployReader.replicas(s, p, v);
        String containerName = containerName(s.get("container_name"), p + "container_name", replicas);
        List<VolumeMount> mounts = new ArrayList<>(new VolumeReader(v, baseDir, volumes).read(s.get("volumes"), p + "volumes"));
        mounts.addAll(tmpfs(s.get("tmpfs"), p + "tmpfs"));
        List<String> links = links(s.get("links"), p + "links");
        List<SecretMount> secretMounts = SecretReader.mounts(s.get("secrets"), p + "secrets", SecretSpec.Kind.SECRET, secrets, v);
        List<SecretMount> configMounts = SecretReader.mounts(s.get("configs"), p + "configs", SecretSpec.Kind.CONFIG, configs, v);
        checkTargets(mounts, secretMounts, configMounts, p);
        return new ServiceSpec(name, image, build, pull, containerName,
                command(s.get("command"), p + "command"),
                command(s.get("entrypoint"), p + "entrypoint"),
                environment(s.get("environment"), p + "environment"),
                envFiles(s.get("env_file"), p + "env_file"),
                labels(s.get("labels"), p + "labels"),
                dependsOn(s.get("depends_on"), links, p + "depends_on"),
                process(s, p),
                networking(s, p, links),
                List.copyOf(mounts),
                secretMounts,
                configMounts,
                DeployReader.resources(s, p, v),
                security(s, p),
                DeployReader.restart(restart(s.get("restart"), p + "restart"), s, p, v),
                healthcheck(s.get("healthcheck"), p + "healthcheck"),
                logging(s.get("logging"), p + "logging"),
                replicas, oneshot, wait, extensions(x, p + "x-slipway."),
                keys(s));
    }

    /**
     * The keys the service wrote, {@code x-} keys aside, plus the nested options some tools lack and the swarm-only
     * ones, dotted (e.g. {@code healthcheck.start_interval}, {@code volumes.bind.selinux}, {@code deploy.placement}),
     * so a backend can refuse them by name, or say it ignores them ({@link KeySupport}).
     */
    private Set<String> keys(Map<String, Object> s) {
        Set<String> keys = s.keySet().stream().filter(k -> !k.startsWith("x-"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (s.get("healthcheck") instanceof Map<?, ?> h && h.get("start_interval") != null) {
            keys.add("healthcheck.start_interval");
        }
        if (s.get("deploy") instanceof Map<?, ?> d) {
            if (d.get("resources") instanceof Map<?, ?> r && r.get("limits") instanceof Map<?, ?> l
                    && l.get("pids") != null) {
                keys.add("deploy.resources.limits.pids");
            }
            DeployReader.SWARM_ONLY.stream().filter(d::containsKey).forEach(k -> keys.add("deploy." + k));
            if (d.get("restart_policy") instanceof Map<?, ?> rp) {
                DeployReader.SWARM_ONLY_RESTART.stream().filter(rp::containsKey)
                        .forEach(k -> keys.add("deploy.restart_policy." + k));
            }
        }
        for (Object mount : v.list(s.get("volumes"), "volumes")) {
            if (mount instanceof Map<?, ?> m) {
                for (String group : List.of("bind", "volume", "tmpfs")) {
                    if (m.get(group) instanceof Map<?, ?> options) {
                        options.keySet().forEach(k -> keys.add("volumes." + group + "." + k));
                    }
                }
            }
        }
        return keys;
    }

    private ServiceProcess process(Map<String, Object> s, String p) {
        return new ServiceProcess(
                v.string(s.get("user"), p + "user"),
                v.string(s.get("working_dir"), p + "working_dir"),
                v.bool(s.get("tty"), p + "tty", false),
                v.bool(s.get("stdin_open"), p + "stdin_open", false),
                s.get("init") == null ? null : v.bool(s.get("init"), p + "init"),
                v.string(s.get("stop_signal"), p + "stop_signal"),
                v.duration(s.get("stop_grace_period"), p + "stop_grace_period"),
                v.string(s.get("platform"), p + "platform"),
                v.string(s.get("runtime"), p + "runtime"));
    }

    private ServiceNetworking networking(Map<String, Object> s, String p, List<String> links) {
        String networkMode = v.string(s.get("network_mode"), p + "network_mode");
        List<String> expose = new ArrayList<>();
        List<Object> entries = v.list(s.get("expose"), p + "expose");
        for (int i = 0; i < entries.size(); i++) {
            String e = v.requiredString(entries.get(i), p + "expose[" + i + "]");
            if (!EXPOSE.matcher(e).matches()) {
                throw v.fail(p + "expose[" + i + "]", "invalid port '" + e + "'; write PORT, PORT/PROTOCOL or a range "
                        + "FROM-TO[/PROTOCOL], e.g. 8080 or 8000-8010/udp");
            }
            expose.add(e);
        }
        return new ServiceNetworking(networkMode,
                NetworkReader.attachments(s.get("networks"), networkMode, p + "networks", networks, v),
                List.copyOf(PortReader.read(s.get("ports"), p + "ports", v)),
                List.copyOf(expose),
                v.string(s.get("hostname"), p + "hostname"),
                v.string(s.get("domainname"), p + "domainname"),
                v.string(s.get("mac_address"), p + "mac_address"),
                extraHosts(s.get("extra_hosts"), p + "extra_hosts"),
                List.copyOf(v.stringOrList(s.get("dns"), p + "dns")),
                List.copyOf(v.stringOrList(s.get("dns_search"), p + "dns_search")),
                List.copyOf(v.strings(s.get("dns_opt"), p + "dns_opt")),
                links,
                List.copyOf(aliased(v.strings(s.get("external_links"), p + "external_links"), p + "external_links")));
    }

    private ServiceSecurity security(Map<String, Object> s, String p) {
        String cgroup = v.string(s.get("cgroup"), p + "cgroup");
        if (cgroup != null && !cgroup.equals("host") && !cgroup.equals("private")) {
            throw v.fail(p + "cgroup", "invalid cgroup '" + cgroup + "'; valid: host, private");
        }
        List<String> capAdd = v.strings(s.get("cap_add"), p + "cap_add");
        List<String> capDrop = v.strings(s.get("cap_drop"), p + "cap_drop");
        List<String> securityOpt = v.strings(s.get("security_opt"), p + "security_opt");
        EngineValues.capabilities(capAdd, p + "cap_add", v);
        EngineValues.capabilities(capDrop, p + "cap_drop", v);
        EngineValues.securityOpts(securityOpt, p + "security_opt", v);
        return new ServiceSecurity(
                v.bool(s.get("privileged"), p + "privileged", false),
                List.copyOf(capAdd),
                List.copyOf(capDrop),
                List.copyOf(securityOpt),
                v.bool(s.get("read_only"), p + "read_only", false),
                v.string(s.get("userns_mode"), p + "userns_mode"),
                List.copyOf(v.strings(s.get("group_add"), p + "group_add")),
                v.string(s.get("pid"), p + "pid"),
                v.string(s.get("ipc"), p + "ipc"),
                cgroup,
                NetworkReader.strings(v, s.get("sysctls"), p + "sysctls"));
    }

    /** Two mounts at one path would hide one of them: each secret, config and volume has a target of its own. */
    private void checkTargets(List<VolumeMount> volumes, List<SecretMount> secretMounts, List<SecretMount> configMounts,
            String p) {
        Map<String, String> seen = new LinkedHashMap<>();
        volumes.forEach(m -> seen.put(Path.of(m.target()).normalize().toString(), "a volume"));
        for (List<SecretMount> list : List.of(secretMounts, configMounts)) {
            for (int i = 0; i < list.size(); i++) {
                SecretMount m = list.get(i);
                String at = p + m.kind().key() + "[" + i + "]";
                String other = seen.putIfAbsent(m.target(), m.kind().noun() + " '" + m.source() + "'");
                if (other != null) {
                    throw v.fail(at, "target " + m.target() + " is also the target of " + other
                            + "; give each a target of its own");
                }
            }
        }
    }

    /** {@code container_name}: one container only, so not with several replicas. */
    private String containerName(Object node, String path, int replicas) {
        String name = v.string(node, path);
        if (name != null && !CONTAINER_NAME.matcher(name).matches()) {
            throw v.fail(path, "invalid container name '" + name + "'; a name matches " + CONTAINER_NAME.pattern());
        }
        if (name != null && replicas > 1) {
            throw v.fail(path, "a container name is one container, but the service has " + replicas
                    + " replicas; remove container_name or the replicas");
        }
        return name;
    }

    /** {@code tmpfs}: a path or a list of them, each optionally {@code PATH:OPTIONS}. */
    private List<VolumeMount> tmpfs(Object node, String path) {
        List<VolumeMount> out = new ArrayList<>();
        List<String> entries = v.stringOrList(node, path);
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(":", 2);
            if (!parts[0].startsWith("/")) {
                throw v.fail(path + "[" + i + "]", "invalid container path '" + parts[0] + "'; it must be absolute");
            }
            out.add(new VolumeMount("tmpfs", null, parts[0], false, parts.length > 1 ? parts[1] : null));
        }
        return out;
    }

    /** {@code links} as {@code SERVICE:ALIAS}. */
    private List<String> links(Object node, String path) {
        return List.copyOf(aliased(v.strings(node, path), path));
    }

    /** {@code NAME} or {@code NAME:ALIAS} entries, each as {@code NAME:ALIAS}. */
    private List<String> aliased(List<String> entries, String path) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(":", -1);
            if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
                throw v.fail(path + "[" + i + "]", "invalid link '" + entries.get(i) + "'; write NAME or NAME:ALIAS");
            }
            out.add(parts[0] + ":" + (parts.length == 2 ? parts[1] : parts[0]));
        }
        return out;
    }

    private Logging logging(Object node, String path) {
        if (node == null) {
            return null;
        }
        Map<String, Object> m = v.map(node, path);
        return new Logging(v.string(m.get("driver"), path + ".driver"),
                NetworkReader.strings(v, m.get("options"), path + ".options"));
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

    /** {@code env_file}: a path, or a list of paths and {@code {path, required}} entries; a missing optional file is left out. */
    private List<String> envFiles(Object node, String path) {
        List<String> out = new ArrayList<>();
        List<Object> entries = node instanceof List<?> ? v.list(node, path) : node == null ? List.of() : List.of(node);
        for (int i = 0; i < entries.size(); i++) {
            String at = node instanceof List<?> ? path + "[" + i + "]" : path;
            String file;
            boolean required = true;
            if (entries.get(i) instanceof Map<?, ?>) {
                Map<String, Object> m = v.map(entries.get(i), at);
                v.checkKeys(m, at, ENV_FILE_KEYS);
                file = v.requiredString(m.get("path"), at + ".path");
                required = v.bool(m.get("required"), at + ".required", true);
            } else {
                file = v.requiredString(entries.get(i), at);
            }
            file = HomePaths.expand(file, at, v);
            String absolute = Path.of(file).isAbsolute() ? file : baseDir.resolve(file).normalize().toString();
            if (required || java.nio.file.Files.exists(Path.of(absolute))) {
                out.add(absolute);
            }
        }
        return List.copyOf(out);
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
                v.bool(m.get("disable"), path + ".disable", false),
                v.duration(m.get("start_interval"), path + ".start_interval"));
    }

    /** Short form (a list of names) means {@code service_started}; the long form names a condition. */
    private Map<String, DependencyCondition> dependsOn(Object node, List<String> links, String path) {
        Map<String, DependencyCondition> out = new LinkedHashMap<>();
        // A link orders the start too, as in Compose.
        links.forEach(link -> out.put(link.substring(0, link.indexOf(':')), DependencyCondition.SERVICE_STARTED));
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
