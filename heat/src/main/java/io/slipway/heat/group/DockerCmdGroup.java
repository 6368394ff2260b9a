package io.slipway.heat.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.slipway.heat.DispatcherFile;
import io.slipway.heat.HookException;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.tool.CliTool;
import io.slipway.heat.tool.ContainerTool;
import io.slipway.heat.tool.ContainerTool.Managed;
import io.slipway.heat.tool.ContainerTool.ToolResult;
import io.slipway.heat.tool.DockerCmdContainer;
import io.slipway.heat.tool.EngineTool;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in {@code docker-cmd} group, with heat-agents' semantics ({@code hook-docker-cmd.py} and its cleanup
 * script {@code 50-heat-config-docker-cmd}):
 *
 * <ul>
 * <li>The config maps container names to Compose-v1-style container configs ({@link DockerCmdContainer}), run in
 *     ascending {@code start_order} (default 0, ties in config order). {@code action: run} (default) runs a
 *     container named after its key, or the key with a random 8-character suffix when the name is taken;
 *     {@code action: exec} runs {@code command: [container, args...]} in the container of that
 *     {@code container_name} label and this {@code config_id}, else in the container of that name.</li>
 * <li>Each container carries the labels {@code deploy_stack_id}, {@code deploy_resource_name}, {@code config_id}
 *     (the item's id), {@code container_name} (the key) and {@code managed_by=docker-cmd}, as in the original,
 *     plus, through the engine, {@code config_name} (the item's name), which tells the hook which deployment a
 *     container belongs to.</li>
 * <li>A code outside {@code exit_codes} (default {@code [0]}) becomes {@code deploy_status_code}; later
 *     containers still run. {@code deploy_stdout} and {@code deploy_stderr} join the non-empty outputs of each
 *     run and exec with newlines (a detached run prints its container id, as {@code docker run -d} does).</li>
 * <li>Through the engine, before a CREATE or UPDATE runs anything: containers of the deployment's previous config
 *     ids are removed, so are containers whose config is in none of the dispatcher's current deployments
 *     ({@code HEAT_SHELL_CONFIG}, default {@value DispatcherFile#DEFAULT}), and suffixed containers are renamed
 *     back where their name is free ({@link DockerCmdCleanup}). With {@code HEAT_DOCKER_CMD} the hook makes
 *     exactly the original's calls and the cleanup is the installed script {@code 50-heat-config-docker-cmd}
 *     ({@code slipway hook cleanup docker-cmd}), as in heat-agents.</li>
 * <li>DELETE removes the deployment's containers (through a CLI: this config's, with the cleanup script's
 *     commands; the original left that to the cleanup script); SUSPEND stops
 *     them; RESUME starts the detached ones again.</li>
 * <li>{@code HEAT_DOCKER_CMD} unset: the engine is called directly ({@code DOCKER_HOST}, else the local socket).
 *     Set: that CLI is run with the original's arguments ({@link CliTool}).</li>
 * </ul>
 */
public final class DockerCmdGroup implements HookGroup {

    /** The group's name, also the value of the {@code managed_by} label. */
    public static final String NAME = "docker-cmd";
    /** Label: the stack's id, from input {@code deploy_stack_id}. */
    public static final String DEPLOY_STACK_ID = "deploy_stack_id";
    /** Label: the deployment resource's name, from input {@code deploy_resource_name}. */
    public static final String DEPLOY_RESOURCE_NAME = "deploy_resource_name";
    /** Label: the item's id. */
    public static final String CONFIG_ID = "config_id";
    /** Label: the container's key in the config. */
    public static final String CONTAINER_NAME = "container_name";
    /** Label: {@value #NAME}. */
    public static final String MANAGED_BY = "managed_by";
    /** Label (Slipway's addition): the item's name, i.e. the deployment the container belongs to. */
    public static final String CONFIG_NAME = "config_name";

    private static final Logger LOG = LoggerFactory.getLogger(DockerCmdGroup.class);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, String> env;

    /** The group, reading {@code HEAT_DOCKER_CMD}, {@code HEAT_SHELL_CONFIG} and {@code DOCKER_HOST} from {@code env}. */
    public DockerCmdGroup(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HookResponse run(HookItem item) {
        String action = item.action();
        List<DockerCmdContainer> containers = action.equals("DELETE") || action.equals("SUSPEND") ? List.of() : containers(item);
        try (ContainerTool tool = tool()) {
            switch (action) {
                case "DELETE":
                    // heat-agents' hook does nothing on DELETE (its cleanup script removes the containers later);
                    // Slipway removes them now: through the engine the whole deployment, with a CLI the containers
                    // of this config, with the cleanup script's commands
                    int removed = engine(tool) ? new DockerCmdCleanup(tool, item).deleteDeployment()
                            : new DockerCmdCleanup(tool, item).deleteConfig();
                    LOG.info("docker-cmd: deleted deployment '{}' ({} containers)", item.name(), removed);
                    return HookResponse.of("", "", 0);
                case "SUSPEND":
                    return power(tool, item, List.of(), false);
                case "RESUME":
                    return power(tool, item, containers, true);
                default:
                    if (containers.isEmpty()) {
                        LOG.debug("docker-cmd: no config, nothing to do");
                        return HookResponse.of("", "", 0);
                    }
                    if (engine(tool)) {
                        // with a CLI, heat-agents' hook runs no cleanup: 50-heat-config-docker-cmd does, beside it
                        new DockerCmdCleanup(tool, item).beforeRun(env);
                    }
                    return runAll(tool, item, containers);
            }
        }
    }

    private static boolean engine(ContainerTool tool) {
        return tool instanceof EngineTool;
    }

    /**
     * {@code slipway hook cleanup docker-cmd}, installed as {@code 50-heat-config-docker-cmd}: heat-agents' script
     * of that name, through the tool {@code HEAT_DOCKER_CMD} names (its commands exactly) or the engine. Always 0
     * (failures are logged), so os-refresh-config goes on to the dispatcher.
     */
    public int configure() {
        try (ContainerTool tool = tool()) {
            return DockerCmdCleanup.configure(tool, env);
        } catch (RuntimeException e) {
            LOG.error("docker-cmd cleanup: {}", e.getMessage());
            return 0;
        }
    }

    /** The tool {@code HEAT_DOCKER_CMD} selects: the engine when unset, else that CLI. */
    ContainerTool tool() {
        String cli = env.get("HEAT_DOCKER_CMD");
        Path workDir = Path.of("").toAbsolutePath();
        return cli == null || cli.isBlank() ? new EngineTool(env, workDir) : new CliTool(cli.strip(), env, workDir);
    }

    /** The config's containers in the order they run: by start_order, ties in config order. */
    static List<DockerCmdContainer> containers(HookItem item) {
        if (!item.hasConfig()) {
            return List.of();
        }
        Object config = item.config();
        if (config instanceof String s) {
            try {
                config = YAML.readValue(s, Object.class);
            } catch (JsonProcessingException e) {
                throw new HookException("the docker-cmd config is not valid YAML"
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")"));
            }
        }
        if (!(config instanceof Map<?, ?> map)) {
            throw new HookException("the docker-cmd config must map container names to container settings but was "
                    + HookItem.kind(config));
        }
        List<DockerCmdContainer> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(DockerCmdContainer.of(String.valueOf(k), v)));
        out.sort(Comparator.comparingInt(DockerCmdContainer::startOrder)); // stable, as Python's sorted()
        return out;
    }

    private HookResponse runAll(ContainerTool tool, HookItem item, List<DockerCmdContainer> containers) {
        List<String> stdouts = new ArrayList<>();
        List<String> stderrs = new ArrayList<>();
        int status = 0;
        for (DockerCmdContainer c : containers) {
            if (!c.ignored().isEmpty()) {
                LOG.warn("docker-cmd: container '{}': ignoring {} (this hook honours {})", c.key(), c.ignored(),
                        String.join(", ", c.runs() ? DockerCmdContainer.RUN_KEYS : DockerCmdContainer.EXEC_KEYS));
            }
            ToolResult r;
            if (c.runs()) {
                String name = uniqueName(tool, c.key());
                LOG.info("docker-cmd: running container {}{}", name, name.equals(c.key()) ? "" : " (" + c.key() + " is taken)");
                r = tool.run(name, labels(item, c.key(), engine(tool)), c);
            } else {
                String target = execTarget(tool, c.command().get(0), item.id());
                LOG.info("docker-cmd: exec '{}' in container {}", c.key(), target);
                r = tool.exec(target, c, c.command().subList(1, c.command().size()));
            }
            if (!r.stdout().isEmpty()) {
                stdouts.add(r.stdout());
            }
            if (!r.stderr().isEmpty()) {
                stderrs.add(r.stderr());
            }
            if (!c.exitCodes().contains(r.exitCode())) {
                LOG.error("docker-cmd: error running '{}': exit code {} (accepted: {})", c.key(), r.exitCode(), c.exitCodes());
                status = r.exitCode();
            } else {
                LOG.debug("docker-cmd: completed '{}'", c.key());
            }
        }
        return HookResponse.of(String.join("\n", stdouts), String.join("\n", stderrs), status);
    }

    /** The key, or the key with a random suffix while a container has that name ({@code unique_container_name}). */
    private static String uniqueName(ContainerTool tool, String key) {
        String name = key;
        while (tool.exists(name)) {
            StringBuilder suffix = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                suffix.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
            }
            name = key + "-" + suffix;
        }
        return name;
    }

    /** The container an exec targets: that container_name of this config if one runs, else the name as given. */
    private static String execTarget(ContainerTool tool, String container, String configId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CONTAINER_NAME, container);
        labels.put(CONFIG_ID, labelValue(configId));
        List<String> names = tool.names(labels);
        return names.isEmpty() ? container : names.get(0);
    }

    /**
     * The labels of container {@code key}, in the original's order, then {@code config_name} when
     * {@code withName} (through the engine; with a CLI the run is the original's, command line and all).
     */
    static Map<String, String> labels(HookItem item, String key, boolean withName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DEPLOY_STACK_ID, labelValue(item.text("deploy_stack_id")));
        labels.put(DEPLOY_RESOURCE_NAME, labelValue(item.text("deploy_resource_name")));
        labels.put(CONFIG_ID, labelValue(item.id()));
        labels.put(CONTAINER_NAME, key);
        labels.put(MANAGED_BY, NAME);
        if (withName && item.name() != null) {
            labels.put(CONFIG_NAME, item.name());
        }
        return labels;
    }

    /** A label value as the original writes it: Python's {@code str(None)} for a missing value. */
    static String labelValue(String value) {
        return value == null ? "None" : value;
    }

    /** SUSPEND (stop every running container of this config) or RESUME (start its detached runs again). */
    private static HookResponse power(ContainerTool tool, HookItem item, List<DockerCmdContainer> containers, boolean start) {
        List<String> detached = containers.stream().filter(c -> c.runs() && c.detach()).map(DockerCmdContainer::key).toList();
        List<String> errors = new ArrayList<>();
        int n = 0;
        for (Managed m : tool.managed()) {
            if (!m.label(CONFIG_ID).equals(labelValue(item.id()))) {
                continue;
            }
            ToolResult r = null;
            if (!start && m.running()) {
                r = tool.stop(m.id());
            } else if (start && !m.running() && detached.contains(m.label(CONTAINER_NAME))) {
                r = tool.start(m.id());
            }
            if (r != null && r.ok()) {
                n++;
            } else if (r != null) {
                errors.add(r.stderr().strip());
            }
        }
        LOG.info("docker-cmd: {} {} containers of config {}", start ? "started" : "stopped", n, item.id());
        return HookResponse.of("", String.join("\n", errors), errors.isEmpty() ? 0 : 1);
    }
}
