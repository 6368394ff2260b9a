package io.slipway.heat.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.heat.DeploymentName;
import io.slipway.heat.DispatcherFile;
import io.slipway.heat.HeatValues;
import io.slipway.heat.HookException;
import io.slipway.heat.HookInput;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.Results;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spi.PrivateFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in {@code docker-compose} group, on Slipway's {@code compose} backend, with heat-agents' layout
 * ({@code hook-docker-compose.py} and {@code 50-heat-config-docker-compose}):
 *
 * <ul>
 * <li>The config is a compose file, as a map or YAML text; a Compose v1 file (services at the top level, as
 *     heat-agents' templates write it) is read as {@code services:} of the Compose Specification.</li>
 * <li>The project directory is {@code $HEAT_DOCKER_COMPOSE_WORKING/<item name>} (default
 *     {@value #DEFAULT_WORKING}), 0700; the config is written there as {@code docker-compose.yml} (0600), and
 *     relative paths in it ({@code env_file}, bind mounts) resolve against it.</li>
 * <li>The input {@code env_files} (a list of {@code {file_name, content}}, as JSON or a Python repr) writes each
 *     file that a service's {@code env_file} names, 0600, replacing the whole file; only inside the project
 *     directory.</li>
 * <li>The item's other inputs (but Heat's transport secrets) are interpolation variables, as inputs are on every
 *     Slipway backend.</li>
 * <li>Before a CREATE or UPDATE, a project directory whose name is in none of the dispatcher's current deployments
 *     ({@code HEAT_SHELL_CONFIG}) is taken down and removed, as heat-agents' cleanup script did.</li>
 * <li>CREATE and UPDATE bring the project up and wait for each service; DELETE takes it down and removes the
 *     project directory (heat-agents did nothing on DELETE and left the project running); SUSPEND and RESUME
 *     stop and start it where the backend can.</li>
 * <li>{@code HEAT_DOCKER_COMPOSE_CMD} set: heat-agents' compatibility mode ({@link DockerComposeCli}), that tool
 *     called exactly as heat-agents' hook calls it, the config passed as given, the tool's exit code the status.
 *     Unset: the {@code compose} backend, with the tool {@value #BACKEND_CMD} names ({@code docker-compose},
 *     {@code docker} for v2, or a path), else one it detects; it keeps its own files under
 *     {@code $HEAT_DOCKER_COMPOSE_WORKING/.slipway}.</li>
 * </ul>
 */
public final class DockerComposeGroup implements HookGroup {

    /** The group's name. */
    public static final String NAME = "docker-compose";
    /** heat-agents' default working directory. */
    public static final String DEFAULT_WORKING = "/var/lib/heat-config/heat-config-docker-compose";
    /** The compose file written into the project directory, as heat-agents names it. */
    public static final String COMPOSE_FILE = "docker-compose.yml";
    /**
     * The Compose tool the backend runs when {@code HEAT_DOCKER_COMPOSE_CMD} is unset ({@code docker-compose},
     * {@code docker} or a path); unset too, the backend detects one.
     */
    public static final String BACKEND_CMD = "SLIPWAY_DOCKER_COMPOSE_CMD";
    /** The input holding the env files. */
    public static final String ENV_FILES = "env_files";

    private static final Logger LOG = LoggerFactory.getLogger(DockerComposeGroup.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, String> env;

    /** The group, reading {@code HEAT_DOCKER_COMPOSE_WORKING} and {@code HEAT_DOCKER_COMPOSE_CMD} from {@code env}. */
    public DockerComposeGroup(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HookResponse run(HookItem item) {
        String action = item.action();
        Path root = Path.of(env.getOrDefault("HEAT_DOCKER_COMPOSE_WORKING", DEFAULT_WORKING)).toAbsolutePath().normalize();
        String cli = compatibilityTool();
        if (cli != null) {
            return new DockerComposeCli(cli, env, root).run(item);
        }
        Path project = root.resolve(projectName(item));
        String deployment = DeploymentName.of(item);
        boolean applies = action.equals("CREATE") || action.equals("UPDATE") || action.equals("RESUME");
        if (applies && !item.hasConfig()) {
            LOG.debug("docker-compose: no config, nothing to do");
            return HookResponse.of("", "", 0);
        }
        LaunchSpec spec = null;
        Inputs inputs = null;
        if (applies) {
            Map<String, Object> document = document(item);
            PrivateFiles.directory(project);
            PrivateFiles.write(project.resolve(COMPOSE_FILE), yaml(document));
            writeEnvFiles(item, document, project);
            spec = LaunchSpec.parse(project.resolve(COMPOSE_FILE));
            inputs = inputs(item);
            spec.resolve(inputs);
        }
        try (ContainerLauncher launcher = Launchers.open(config(root))) {
            switch (action) {
                case "DELETE": {
                    int n = launcher.delete(deployment);
                    PrivateFiles.removeTree(project);
                    LOG.info("docker-compose: took down '{}' ({} containers) and removed {}", deployment, n, project);
                    return HookResponse.of("", "", 0);
                }
                case "SUSPEND": {
                    int n = launcher.suspend(deployment);
                    return HookResponse.of("stopped " + n + " containers of '" + deployment + "'", "", 0);
                }
                case "RESUME":
                    launcher.resume(deployment);
                    return response(item, launcher.apply(deployment, spec, inputs, Results.PROGRESS));
                default:
                    removeStale(root, item, launcher);
                    return response(item, launcher.apply(deployment, spec, inputs, Results.PROGRESS));
            }
        }
    }

    /** {@code HEAT_DOCKER_COMPOSE_CMD}, stripped, when set: heat-agents' compatibility mode; else null. */
    private String compatibilityTool() {
        String cmd = env.get("HEAT_DOCKER_COMPOSE_CMD");
        return cmd == null || cmd.isBlank() ? null : cmd.strip();
    }

    /**
     * {@code slipway hook cleanup docker-compose}, installed as {@code 50-heat-config-docker-compose}: what
     * heat-agents' script of that name does before the dispatcher runs the hooks, taking down and removing the
     * projects the dispatcher's file no longer lists; with {@code HEAT_DOCKER_COMPOSE_CMD} through that tool,
     * else through the backend. Always 0 (failures are logged), so os-refresh-config goes on to the dispatcher.
     */
    public int configure() {
        Path root = Path.of(env.getOrDefault("HEAT_DOCKER_COMPOSE_WORKING", DEFAULT_WORKING)).toAbsolutePath().normalize();
        String cli = compatibilityTool();
        if (cli != null) {
            return new DockerComposeCli(cli, env, root).configure();
        }
        try (ContainerLauncher launcher = Launchers.open(config(root))) {
            removeStale(root, null, launcher);
        } catch (RuntimeException e) {
            LOG.error("docker-compose cleanup: {}", e.getMessage());
        }
        return 0;
    }

    /**
     * What heat-agents' {@code 50-heat-config-docker-compose} did before the hooks ran: a project directory (one
     * with a {@value #COMPOSE_FILE}) whose name is in none of the dispatcher's current deployments
     * ({@code HEAT_SHELL_CONFIG}) is taken down and removed. Failures are logged, never fatal.
     */
    private void removeStale(Path root, HookItem item, ContainerLauncher launcher) {
        List<Map<?, ?>> deployments = DispatcherFile.deployments(env);
        if (deployments == null) {
            return;
        }
        for (Path dir : DockerComposeCli.staleProjects(root, deployments, item == null ? null : item.name())) {
            String name = dir.getFileName().toString();
            try {
                int n = launcher.delete(DeploymentName.normalise(name));
                PrivateFiles.removeTree(dir);
                LOG.info("docker-compose: took down project '{}' ({} containers): in none of the current deployments", name, n);
            } catch (RuntimeException e) {
                LOG.error("docker-compose: cannot take down stale project '{}': {}", name, e.getMessage());
            }
        }
    }

    /** The project directory's name: the item's name, which must be one path segment (it is joined to a path). */
    static String projectName(HookItem item) {
        String n = item.name();
        if (n == null || n.isBlank() || n.equals(".") || n.equals("..") || n.contains("/") || n.contains("\0")
                || n.startsWith(".slipway")) {
            throw new HookException("the item's name '" + n + "' cannot name a project directory: it must be one "
                    + "path segment, not '.' or '..', without '/'");
        }
        return n;
    }

    /** The compose config as a Compose Specification document: a v1 file's services moved under {@code services}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> document(HookItem item) {
        Object config = item.config();
        if (config instanceof String s) {
            try {
                config = YAML.readValue(s, Object.class);
            } catch (JsonProcessingException e) {
                throw new HookException("the docker-compose config is not valid YAML" + (e.getLocation() == null ? ""
                        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
            }
        }
        if (!(config instanceof Map<?, ?> m)) {
            throw new HookException("the docker-compose config must be a compose file (a map) but was " + HookItem.kind(config));
        }
        Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) m);
        if (!doc.containsKey("services") && !doc.containsKey("version")) {
            Map<String, Object> v1 = doc;
            doc = new LinkedHashMap<>();
            doc.put("services", v1);
        }
        return doc;
    }

    private static String yaml(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the compose file", e);
        }
    }

    /** Writes each env file a service names that {@code env_files} provides (heat-agents' rule), 0600, whole. */
    static List<Path> writeEnvFiles(HookItem item, Map<String, Object> document, Path project) {
        List<Path> written = new ArrayList<>();
        String given = item.text(ENV_FILES);
        if (given == null || given.isBlank()) {
            return written;
        }
        Object value = item.input(ENV_FILES).orElseThrow().value();
        Map<String, String> files = new LinkedHashMap<>();
        Object parsed = HeatValues.structure(value, "input '" + ENV_FILES + "'");
        if (!(parsed instanceof List<?> list)) {
            throw new HookException("input '" + ENV_FILES + "' must be a list of {file_name, content} but was a map");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> f) || !(f.get("file_name") instanceof String name)) {
                throw new HookException("input '" + ENV_FILES + "[" + i + "]' must be {file_name, content} with a string file_name");
            }
            files.put(name, f.get("content") == null ? "" : HeatValues.text(f.get("content")));
        }
        for (String referenced : new LinkedHashSet<>(envFileNames(document))) {
            String content = files.get(referenced);
            if (content == null) {
                continue; // docker-compose reports a missing file itself
            }
            Path target = project.resolve(referenced).normalize();
            if (!target.startsWith(project) || target.equals(project)) {
                throw new HookException("env_file '" + referenced + "' is outside the project directory " + project
                        + "; env_files are written only inside it");
            }
            PrivateFiles.write(target, content);
            written.add(target);
            LOG.info("docker-compose: wrote env file {} (0600)", target);
        }
        return written;
    }

    /** Every {@code env_file} of every service, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> envFileNames(Map<String, Object> document) {
        List<String> out = new ArrayList<>();
        if (document.get("services") instanceof Map<?, ?> services) {
            for (Object s : services.values()) {
                Object v = s instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("env_file") : null;
                if (v instanceof String name) {
                    out.add(name);
                } else if (v instanceof List<?> names) {
                    names.forEach(n -> out.add(String.valueOf(n)));
                }
            }
        }
        return out;
    }

    /** The item's inputs as plain interpolation variables: all but env_files and Heat's transport secrets. */
    static Inputs inputs(HookItem item) {
        Inputs.Builder b = Inputs.builder();
        for (HookInput in : item.inputs()) {
            if (in.value() == null || in.name().equals(ENV_FILES) || in.transportSecret()) {
                continue;
            }
            b.put(in.name(), HeatValues.text(in.value()));
        }
        return b.build();
    }

    /** The compose backend's config string: its files under the working directory, the tool {@value #BACKEND_CMD} names. */
    String config(Path root) {
        StringBuilder sb = new StringBuilder("compose?work-dir=").append(encode(root.resolve(".slipway").toString()));
        String cmd = env.get(BACKEND_CMD);
        if (cmd != null && !cmd.isBlank()) {
            sb.append("&binary=").append(encode(binary(cmd.strip())));
        }
        return sb.toString();
    }

    /** {@value #BACKEND_CMD} as the backend's {@code binary}: a known name, an absolute path, or found on PATH. */
    private String binary(String cmd) {
        if (cmd.equals("docker-compose") || cmd.equals("docker") || Path.of(cmd).isAbsolute()) {
            return cmd;
        }
        for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, cmd).toAbsolutePath();
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new HookException(BACKEND_CMD + " names '" + cmd + "', which is not on PATH; use docker-compose, "
                + "docker (Compose v2) or an absolute path");
    }

    /** Percent-encodes everything but unreserved characters and '/', for a config-string value. */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** The tool's own output first (what heat-agents returned), then one line per service and each failure. */
    static HookResponse response(HookItem item, LaunchResult r) {
        return new HookResponse(Results.join(r.toolOutput(), Results.summary(r)), Results.join(r.toolErrors(), Results.failures(r)),
                r.deployStatusCode(), Results.declaredOutputs(item, r));
    }
}
