package io.slipway.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Variables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The only class that knows the spec is YAML: parses a Compose document with Slipway's {@code x-slipway}
 * extensions into plain maps and lists, checks every key when it is read (keys are never interpolated),
 * and {@link #resolve interpolates and binds} the values once inputs are known.
 */
final class ComposeReader {

    // YAML 1.1 reads yes/no/on/off as booleans; Compose (YAML 1.2) keeps them strings, e.g. restart: no.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final List<String> TOP_KEYS = List.of("version", "name", "include", "services", "networks",
            "volumes", "secrets", "configs", "x-slipway");
    /** Every service key Slipway reads; a backend may still refuse one it cannot honour ({@link ServiceSpec#keys()}). */
    static final List<String> SERVICE_KEYS = List.of("image", "build", "pull_policy", "extends", "container_name", "command",
            "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "tmpfs", "network_mode", "networks",
            "links", "external_links", "hostname", "domainname", "mac_address", "extra_hosts", "dns", "dns_search", "dns_opt",
            "pid", "ipc", "privileged", "cap_add", "cap_drop", "security_opt", "read_only", "userns_mode", "group_add",
            "cgroup", "cgroup_parent", "sysctls", "user", "working_dir", "tty", "stdin_open", "init", "platform",
            "runtime", "restart", "labels", "healthcheck", "depends_on", "stop_signal", "stop_grace_period",
            "cpus", "cpu_shares", "cpuset", "mem_limit", "mem_reservation", "memswap_limit", "pids_limit", "shm_size",
            "oom_score_adj", "ulimits", "devices", "logging", "deploy", "scale", "profiles", "secrets", "configs", "x-slipway");
    private static final List<String> SLIPWAY_KEYS = List.of("inputs", "outputs", "env_files");
    private static final List<String> SERVICE_SLIPWAY_KEYS = List.of("wait", "timeout", "oneshot");
    private static final int SHORTEST_MASKED = 3;
    /** Not interpolated: defaults are literal. */
    static final String INPUTS_PATH = "x-slipway.inputs";
    private static final Pattern LINK = Pattern.compile("[^:]+(:[^:]+)?");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private ComposeReader() {
    }

    /**
     * Parses {@code text} (YAML, or JSON, which YAML includes) and checks its structure: known keys only,
     * valid names, dependencies that exist and form no cycle, well-formed {@code x-slipway}.
     *
     * @throws SpecException with the path of the bad key, or {@code "<sourceName>: line L, column C: ..."}
     *         for a syntax error
     */
    static Map<String, Object> read(String text, String sourceName) {
        return read(text, sourceName, Path.of("").toAbsolutePath());
    }

    /** Like {@link #read(String, String)}; {@code extends.file} and {@code include} resolve against {@code baseDir}. */
    static Map<String, Object> read(String text, String sourceName, Path baseDir) {
        return read(text, sourceName, baseDir, new LinkedHashMap<>());
    }

    /**
     * Like {@link #read(String, String, Path)}.
     *
     * @param includeEnv receives the values the included files' env files give ({@link Include#env()})
     */
    static Map<String, Object> read(String text, String sourceName, Path baseDir, Map<String, String> includeEnv) {
        return read(text, sourceName, baseDir, includeEnv, new Origins(baseDir));
    }

    /**
     * Like {@link #read(String, String, Path, Map)}.
     *
     * @param origins told where the parts of included files and extended services came from; errors in them say so
     */
    static Map<String, Object> read(String text, String sourceName, Path baseDir, Map<String, String> includeEnv,
            Origins origins) {
        Map<String, Object> doc = parse(text, sourceName);
        Values v = new Values(Variables.none());
        checkTopKeys(doc, v);
        v.string(doc.get("name"), "name");
        Path file = Path.of(sourceName).toAbsolutePath().normalize();
        Include include = new Include(ComposeReader::readIncluded, ComposeReader::readOther, origins);
        include.apply(doc, sourceName, java.nio.file.Files.isRegularFile(file) ? file : null, baseDir, v);
        includeEnv.putAll(include.env());
        try {
            NetworkReader.checkDeclarations(doc, v);
            SecretReader.checkDeclarations(doc, v);
        } catch (SpecException e) {
            throw origins.locate(e);
        }
        if (!(doc.get("services") instanceof Map<?, ?>) || v.map(doc.get("services"), "services").isEmpty()) {
            throw v.fail("services", doc.containsKey("services") ? "expected a map of at least one service"
                    : "missing; a spec needs a services map");
        }
        Map<String, Object> services = new Extends(ComposeReader::readOther, origins)
                .flatten(v.map(doc.get("services"), "services"), baseDir, null, v);
        doc.put("services", services);
        try {
            services.forEach((name, service) -> checkService(name, service, services.keySet(), v));
            Profiles.check(services, v);
        } catch (SpecException e) {
            throw origins.locate(e);
        }
        checkCycles(services, v);
        v.checkKeys(v.map(doc.get("x-slipway"), "x-slipway"), "x-slipway", SLIPWAY_KEYS);
        Declarations.envFiles(doc, Declarations.inputs(doc, v), v);
        Declarations.outputs(doc, services.keySet(), v);
        return doc;
    }

    /** The inputs under {@code x-slipway.inputs}, in declaration order. */
    static Map<String, InputDeclaration> inputDeclarations(Map<String, Object> doc) {
        return Collections.unmodifiableMap(Declarations.inputs(doc, new Values(Variables.none())));
    }

    /** The service names, in the document's order. */
    static List<String> serviceNames(Map<String, Object> doc) {
        return List.copyOf(new Values(Variables.none()).map(doc.get("services"), "services").keySet());
    }

    /**
     * Interpolates every value (keys never; {@code x-slipway.inputs} neither: defaults are literal) with
     * {@code variables} and binds each service.
     *
     * @param blank told, once, each unset variable replaced by "" (none with a default) with the path of its first
     *        such use, by name, if there is any
     * @throws SpecException with the path of a bad value; messages have secrets masked
     */
    static ResolvedSpec resolve(Map<String, Object> doc, Variables given, Path baseDir,
            Consumer<Map<String, String>> blank) {
        return resolve(doc, given, baseDir, blank, new Origins(baseDir));
    }

    /**
     * Like {@link #resolve(Map, Variables, Path, Consumer)}; an error in a value that an included file or an extended
     * service wrote names that file and service ({@link Origins}).
     */
    static ResolvedSpec resolve(Map<String, Object> doc, Variables given, Path baseDir,
            Consumer<Map<String, String>> blank, Origins origins) {
        try {
            return bind(doc, given, baseDir, blank);
        } catch (SpecException e) {
            throw origins.locate(e);
        }
    }

    private static ResolvedSpec bind(Map<String, Object> doc, Variables given, Path baseDir,
            Consumer<Map<String, String>> blank) {
        // Structure only, checked by read(): no value is in these messages.
        Values plain = new Values(Variables.none());
        Map<String, InputDeclaration> inputs = Declarations.inputs(doc, plain);
        Map<String, String> envFiles = Declarations.envFiles(doc, inputs, plain);
        Variables interpolating = maskingEnvFileValues(inputs, envFiles, given);
        Values vi = new Values(interpolating);
        Map<String, String> unset = new TreeMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> interpolated = (Map<String, Object>) interpolate(doc, "", interpolating::get, unset, vi);
        if (!unset.isEmpty()) {
            blank.accept(Collections.unmodifiableMap(unset));
        }
        Map<String, SecretSpec> secrets = SecretReader.declarations(interpolated, SecretSpec.Kind.SECRET, baseDir, vi);
        Map<String, SecretSpec> configs = SecretReader.declarations(interpolated, SecretSpec.Kind.CONFIG, baseDir, vi);
        // A secret's content is masked wherever it comes from: a file, or an input not declared secret.
        List<String> secretParts = SecretReader.maskedParts(secrets.values(), interpolating);
        Variables variables = secretParts.isEmpty() ? interpolating : interpolating.maskingAlso(secretParts);
        Values v = new Values(variables);
        Map<String, Object> services = v.map(interpolated.get("services"), "services");
        Map<String, NetworkSpec> networks = NetworkReader.networks(interpolated, v);
        Map<String, VolumeSpec> volumes = NetworkReader.volumes(interpolated, v);
        ServiceBinder binder = new ServiceBinder(v, baseDir, volumes.keySet(), networks.keySet(), secrets.keySet(),
                configs.keySet());
        List<ServiceSpec> bound = new ArrayList<>();
        services.forEach((name, s) -> {
            try {
                bound.add(binder.bind(name, v.map(s, "services." + name)));
            } catch (java.nio.file.InvalidPathException e) {
                // A container path or any other path java.nio refuses: by its reason alone, the value may be secret.
                throw v.fail("services." + name, "invalid path: " + e.getReason());
            }
        });
        Map<String, OutputDeclaration> outputs = Declarations.outputs(interpolated, services.keySet(), v);
        Declarations.checkReplicatedOutputs(outputs, bound, v);
        checkSuppliedEnvFiles(doc, envFiles, bound, variables, baseDir, v);
        ProcessLimits.check(bound, doc);
        return new ResolvedSpec(List.copyOf(bound), networks, volumes, secrets, configs,
                Collections.unmodifiableMap(outputs), variables,
                withoutSlipway(interpolated), baseDir, Collections.unmodifiableMap(envFiles));
    }

    /**
     * {@code variables}, also masking each value of an env file that a secret input supplies: a container's
     * environment shows them one by one. Values of fewer than {@value #SHORTEST_MASKED} characters are no
     * secret on their own, and masking them would garble every log.
     */
    private static Variables maskingEnvFileValues(Map<String, InputDeclaration> inputs, Map<String, String> envFiles,
            Variables variables) {
        List<String> values = new ArrayList<>();
        envFiles.forEach((name, input) -> {
            String content = variables.get(input);
            if (inputs.get(input).secret() && content != null) {
                try {
                    EnvFile.parse(content, name).values().stream().filter(s -> s.length() >= SHORTEST_MASKED)
                            .forEach(values::add);
                } catch (SpecException e) {
                    // reported with its path when the service's environment is built
                }
            }
        });
        return values.isEmpty() ? variables : variables.maskingAlso(values);
    }

    /**
     * Checks {@code x-slipway.env_files} ({@code files}: normalised name to input) against the bound services and
     * the inputs: each file is named by some service's {@code env_file}, and its input has a value (an env file
     * cannot be "unset"). Errors name the key as the spec wrote it.
     */
    private static void checkSuppliedEnvFiles(Map<String, Object> doc, Map<String, String> files,
            List<ServiceSpec> services, Variables variables, Path baseDir, Values v) {
        Map<String, Object> written = v.map(v.map(doc.get("x-slipway"), "x-slipway").get("env_files"), "x-slipway.env_files");
        written.keySet().forEach(key -> {
            String name = Declarations.envFileName(key);
            String input = files.get(name);
            String path = baseDir.resolve(name).toString();
            if (services.stream().noneMatch(s -> s.envFiles().contains(path))) {
                throw v.fail("x-slipway.env_files." + key, "no service's env_file names '" + name + "'");
            }
            if (variables.get(input) == null) {
                throw new InputException(input, "input '" + input + "' is missing: it is the content of env_file '"
                        + name + "' (x-slipway.env_files); give it, or declare a default");
            }
        });
    }

    private static void checkTopKeys(Map<String, Object> doc, Values v) {
        for (String key : doc.keySet()) {
            if (!TOP_KEYS.contains(key) && !key.startsWith("x-")) {
                throw v.fail(key, "unsupported key; supported: " + String.join(", ", TOP_KEYS) + ", x-*");
            }
        }
    }

    /** An included Compose file as plain maps, its top-level keys checked. */
    private static Map<String, Object> readIncluded(Path file) {
        Map<String, Object> doc;
        try {
            doc = parse(java.nio.file.Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new SpecException("", "cannot read " + file + " (include): " + e.getMessage(), e);
        }
        Values v = new Values(Variables.none());
        try {
            checkTopKeys(doc, v);
            if (doc.containsKey("x-slipway")) {
                throw v.fail("x-slipway", "not read in an included file; declare inputs and outputs in the including spec");
            }
        } catch (SpecException e) {
            throw new SpecException("", file + ": " + e.getMessage(), e);
        }
        return doc;
    }

    /** Another Compose file ({@code extends.file}) as plain maps. */
    private static Map<String, Object> readOther(Path file) {
        try {
            return parse(java.nio.file.Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new SpecException("", "cannot read " + file + " (extends.file): " + e.getMessage(), e);
        }
    }

    /** Parses the text into plain maps, lists and scalars, or fails with the line and column of the error. */
    private static Map<String, Object> parse(String text, String source) {
        Object doc;
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                throw new SpecException("", source + ": empty document; a spec needs a services map");
            }
            doc = YAML.readValue(p, Object.class);
            if (p.nextToken() != null) {
                throw new SpecException("", source + ": line " + p.currentTokenLocation().getLineNr()
                        + ": a second YAML document; a spec is one document");
            }
        } catch (JsonProcessingException e) {
            doc = json(text);
            if (doc == null) {
                throw syntaxError(e, source);
            }
        } catch (IOException e) {
            throw new SpecException("", source + ": " + e.getMessage(), e); // not expected when reading a String
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new SpecException("", source + (doc == null ? ": empty document" : ": the document is not a map")
                    + "; a spec needs a services map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        return map;
    }

    /**
     * The text read as strict JSON, or null. SnakeYAML rejects tab indentation, which JSON allows, so JSON
     * that YAML could not read gets this second chance.
     */
    private static Object json(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static SpecException syntaxError(JsonProcessingException e, String source) {
        int line;
        int column;
        String problem;
        // SnakeYAML's mark points at the problem; Jackson's location is where its parser last stood.
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
            line = y.getProblemMark().getLine() + 1;
            column = y.getProblemMark().getColumn() + 1;
            problem = y.getProblem();
        } else {
            JsonLocation at = e.getLocation();
            line = at == null ? 0 : at.getLineNr();
            column = at == null ? 0 : at.getColumnNr();
            problem = e.getOriginalMessage();
        }
        return new SpecException("", source + ": line " + line + ", column " + column + ": " + problem);
    }

    /** Checks one service's keys, and the keys of its nested maps, before any value is interpolated. */
    private static void checkService(String name, Object node, Set<String> services, Values v) {
        String path = "services." + name;
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw v.fail(path, "invalid service name; a name matches " + SERVICE_NAME.pattern());
        }
        Map<String, Object> s = v.map(node, path);
        for (String key : s.keySet()) {
            if (!SERVICE_KEYS.contains(key) && !key.startsWith("x-")) {
                throw v.fail(path + "." + key, "unsupported key; supported: " + String.join(", ", SERVICE_KEYS) + ", x-*");
            }
        }
        if (s.get("image") == null && s.get("build") == null) {
            throw v.fail(path + ".image", "missing; a service needs an image, a build, or both (a built image is "
                    + "tagged with image when given, else <deployment>-" + name + ")");
        }
        BuildReader.checkKeys(s.get("build"), path + ".build", v);
        if (s.get("healthcheck") instanceof Map<?, ?>) {
            v.checkKeys(v.map(s.get("healthcheck"), path), path + ".healthcheck", ServiceBinder.HEALTHCHECK_KEYS);
        }
        checkLongForms(s.get("ports"), path + ".ports", PortReader.LONG_KEYS, v);
        DeployReader.checkKeys(s.get("deploy"), path + ".deploy", v);
        checkLongForms(s.get("volumes"), path + ".volumes", VolumeReader.LONG_KEYS, v);
        checkLongForms(s.get("secrets"), path + ".secrets", SecretReader.MOUNT_KEYS, v);
        checkLongForms(s.get("configs"), path + ".configs", SecretReader.MOUNT_KEYS, v);
        List<String> links = v.strings(s.get("links"), path + ".links");
        for (int i = 0; i < links.size(); i++) {
            if (!LINK.matcher(links.get(i)).matches()) {
                throw v.fail(path + ".links[" + i + "]", "invalid link '" + links.get(i) + "'; write SERVICE or SERVICE:ALIAS");
            }
            if (!services.contains(links.get(i).split(":", 2)[0])) {
                throw v.fail(path + ".links[" + i + "]", "unknown service '" + links.get(i).split(":", 2)[0]
                        + "'; services: " + String.join(", ", services));
            }
        }
        for (String dependency : dependencies(s, path, v)) {
            if (!services.contains(dependency)) {
                throw v.fail(path + ".depends_on." + dependency, "unknown service; services: " + String.join(", ", services));
            }
        }
        if (s.get("depends_on") instanceof Map<?, ?>) {
            v.map(s.get("depends_on"), path).forEach((dependency, entry) -> {
                String at = path + ".depends_on." + dependency;
                v.checkKeys(v.map(entry, at), at, ServiceBinder.DEPENDS_ON_KEYS);
            });
        }
        Map<String, Object> x = v.map(s.get("x-slipway"), path + ".x-slipway");
        List<String> keys = new ArrayList<>(SERVICE_SLIPWAY_KEYS);
        keys.addAll(ServiceSpec.EXTENSION_KEYS);
        v.checkKeys(x, path + ".x-slipway", keys);
        for (String extension : ServiceSpec.EXTENSION_KEYS) {
            v.map(x.get(extension), path + ".x-slipway." + extension); // a map; its keys are the backend's to check
        }
        if (x.containsKey("wait")) {
            WaitReader.checkKeys(x.get("wait"), path + ".x-slipway.wait", v);
        }
    }

    /** Checks the keys of each map entry (long syntax) in a list of short and long entries. */
    private static void checkLongForms(Object node, String path, List<String> keys, Values v) {
        if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?>) {
                    v.checkKeys(v.map(items.get(i), path), path + "[" + i + "]", keys);
                }
            }
        }
    }

    /** The services a service depends on, from either form of {@code depends_on}. */
    private static List<String> dependencies(Map<String, Object> service, String path, Values v) {
        Object node = service.get("depends_on");
        List<String> out = new ArrayList<>(node instanceof Map<?, ?> ? v.map(node, path + ".depends_on").keySet()
                : v.strings(node, path + ".depends_on"));
        // A link is a dependency too (Compose starts the linked service first); its alias is not.
        if (service.get("links") instanceof List<?> links) {
            links.forEach(l -> out.add(String.valueOf(l).split(":", 2)[0]));
        }
        return out;
    }

    /** Fails on a {@code depends_on} cycle, naming it, e.g. {@code a -> b -> a}. */
    private static void checkCycles(Map<String, Object> services, Values v) {
        Set<String> done = new HashSet<>();
        for (String name : services.keySet()) {
            visit(name, services, new ArrayList<>(), done, v);
        }
    }

    /** Depth-first search; {@code trail} holds the services on the current path. */
    private static void visit(String name, Map<String, Object> services, List<String> trail, Set<String> done,
            Values v) {
        int seen = trail.indexOf(name);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(trail.subList(seen, trail.size()));
            cycle.add(name);
            throw v.fail("services." + cycle.get(0) + ".depends_on", "dependency cycle: " + String.join(" -> ", cycle));
        }
        if (!done.add(name)) {
            return;
        }
        trail.add(name);
        String path = "services." + name;
        for (String dependency : dependencies(v.map(services.get(name), path), path, v)) {
            visit(dependency, services, trail, done, v);
        }
        trail.remove(trail.size() - 1);
    }

    /** A copy with every string scalar interpolated, except under {@code x-slipway.inputs}. */
    private static Object interpolate(Object node, String path, Function<String, String> lookup,
            Map<String, String> blank, Values v) {
        if (node instanceof String s) {
            try {
                return Interpolator.interpolate(s, lookup, name -> blank.putIfAbsent(name, path));
            } catch (SpecException e) {
                // Not chained: the cause's message is unmasked and could show a secret.
                throw v.fail(path, e.getMessage());
            }
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, value) -> {
                String at = path.isEmpty() ? (String) k : path + "." + k;
                out.put((String) k, at.equals(INPUTS_PATH) ? value : interpolate(value, at, lookup, blank, v));
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(interpolate(list.get(i), path + "[" + i + "]", lookup, blank, v));
            }
            return out;
        }
        return node;
    }

    /** The document without {@code x-slipway} at the top or in any service, deeply unmodifiable. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutSlipway(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.remove("x-slipway");
        Map<String, Object> services = new LinkedHashMap<>((Map<String, Object>) doc.get("services"));
        services.replaceAll((name, s) -> {
            Map<String, Object> service = new LinkedHashMap<>((Map<String, Object>) s);
            service.remove("x-slipway");
            return service;
        });
        out.put("services", services);
        return (Map<String, Object>) unmodifiable(out);
    }

    static Object unmodifiable(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, value) -> out.put(k, unmodifiable(value)));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ComposeReader::unmodifiable).toList(); // unmodifiable, nulls allowed
        }
        return node;
    }
}
