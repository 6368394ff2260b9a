package io.slipway.heat.group;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.heat.DeploymentName;
import io.slipway.heat.HeatValues;
import io.slipway.heat.HookException;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.Results;
import io.slipway.heat.tool.ContainerTool.ToolResult;
import io.slipway.heat.tool.Processes;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ShellWords;
import io.slipway.spi.PrivateFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in {@code atomic} group (heat-templates' {@code heat-container-agent/scripts/hooks/atomic}): the config
 * {@code {command: install|run (default install), image, name, installcmd, privileged}}.
 *
 * <ul>
 * <li>{@code HEAT_ATOMIC_CMD} unset: Slipway's {@code atomic} backend runs the image by Project Atomic's label
 *     convention through its privileged agent: a one-service spec whose service is {@code name} (default: the
 *     item's id, as the original's {@code -n}) in the deployment named after the item (container
 *     {@code <deployment>-<service>}). {@code install} is {@code atomic install}
 *     alone, as in heat-agents: the INSTALL label runs (once per change of its command) and decides the outcome,
 *     and the service is not run ({@code x-slipway.atomic.run: false}; an image without INSTALL label succeeds
 *     with nothing to do). {@code run} is {@code atomic run}: the RUN label (or atomic's default run) without
 *     INSTALL; {@code privileged} with {@code run} is super-privileged ({@code --spc}). The
 *     backend is {@code SLIPWAY_ATOMIC_LAUNCHER} if set, else
 *     {@code atomic?privileged-agent=true[&agent-image=$SLIPWAY_AGENT_IMAGE]}: installing this hook is the
 *     consent to a privileged agent, as the atomic tool itself runs privileged containers. {@code installcmd}
 *     (extra arguments for {@code atomic install}) has no equivalent there and is refused.</li>
 * <li>{@code HEAT_ATOMIC_CMD} set: that tool is run as the original ran it, in {@code HEAT_ATOMIC_WORKING}
 *     (default {@value #DEFAULT_WORKING}, 0700): {@code CMD install|run IMAGE -n NAME [INSTALLCMD words] [--spc]},
 *     NAME defaulting to the item's id as in the original.
 *     {@code -n} and its value are two arguments, and an empty {@code installcmd} adds none (the original passed
 *     {@code '-n NAME'} and {@code ''} as single arguments).</li>
 * <li>DELETE uninstalls: the backend's delete (STOP and UNINSTALL labels), or {@code CMD uninstall -n NAME IMAGE}
 *     (the original ran {@code uninstall} without the tool and failed). With the tool, SUSPEND of a {@code run}
 *     config is {@code CMD stop -n NAME IMAGE} and RESUME is {@code CMD run} again (which starts the stopped
 *     container); for an {@code install} config both have nothing to do (the original knew neither). On the backend, SUSPEND stops the
 *     service's container (STOP label, then the engine) and RESUME starts it again and applies; an install-only
 *     service has no container, so they stop and start nothing.</li>
 * </ul>
 */
public final class AtomicGroup implements HookGroup {

    /** The group's name. */
    public static final String NAME = "atomic";
    /** The original's default working directory. */
    public static final String DEFAULT_WORKING = "/var/lib/heat-config/heat-config-atomic";
    /** The commands the config may give. */
    public static final List<String> COMMANDS = List.of("install", "run");
    /** The keys of the config. */
    static final List<String> KEYS = List.of("command", "image", "name", "installcmd", "privileged");

    private static final Logger LOG = LoggerFactory.getLogger(AtomicGroup.class);

    private final Map<String, String> env;

    /** The group, reading {@code HEAT_ATOMIC_CMD}, {@code HEAT_ATOMIC_WORKING}, {@code SLIPWAY_ATOMIC_LAUNCHER} and {@code SLIPWAY_AGENT_IMAGE} from {@code env}. */
    public AtomicGroup(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The config, read and checked.
     *
     * @param name the config's {@code name}, or null when it gives none
     */
    record Config(String command, String image, String name, String installcmd, boolean privileged) {
    }

    @Override
    public HookResponse run(HookItem item) {
        String action = item.action();
        if (!item.hasConfig()) {
            LOG.debug("atomic: no config, nothing to do");
            return HookResponse.of("", "", 0);
        }
        Config c = config(item);
        Path working = PrivateFiles.directory(Path.of(env.getOrDefault("HEAT_ATOMIC_WORKING", DEFAULT_WORKING)).toAbsolutePath());
        String cli = env.get("HEAT_ATOMIC_CMD");
        if (cli != null && !cli.isBlank()) {
            return viaTool(cli.strip(), action, c, c.name() != null ? c.name() : item.id(), working);
        }
        return viaBackend(item, action, c, working);
    }

    /** Reads the config map. */
    static Config config(HookItem item) {
        if (!(item.config() instanceof Map<?, ?> m)) {
            throw new HookException("the atomic config must be a map {command, image, name, installcmd, privileged} but was "
                    + HookItem.kind(item.config()));
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new HookException("config." + k + ": unsupported key; supported: " + String.join(", ", KEYS));
            }
        }
        String command = m.get("command") == null ? "install" : HeatValues.text(m.get("command"));
        if (!COMMANDS.contains(command)) {
            throw new HookException("config.command: unknown command '" + command + "'; valid commands: " + String.join(", ", COMMANDS));
        }
        if (!(m.get("image") instanceof String image) || image.isBlank()) {
            throw new HookException("config.image: an image is required, e.g. imain/atomic-install-rabbitmq");
        }
        Boolean privileged = m.get("privileged") == null ? Boolean.FALSE : HeatValues.bool(m.get("privileged"));
        if (privileged == null) {
            throw new HookException("config.privileged: expected true or false but was '" + m.get("privileged") + "'");
        }
        String name = m.get("name") == null ? null : HeatValues.text(m.get("name"));
        String installcmd = m.get("installcmd") == null ? "" : HeatValues.text(m.get("installcmd"));
        return new Config(command, image.strip(), name, installcmd, privileged);
    }

    /** HEAT_ATOMIC_CMD: the tool, with the original's arguments (fixed where the original was broken). */
    private HookResponse viaTool(String cli, String action, Config c, String name, Path working) {
        if (name == null || name.isBlank()) {
            throw new HookException("config.name: the container needs a name and the item has no id to default to");
        }
        List<String> argv = new ArrayList<>();
        argv.add(cli);
        boolean installOnly = c.command().equals("install");
        if ((action.equals("SUSPEND") || action.equals("RESUME")) && installOnly) {
            LOG.info("atomic: {} of an install-only config: no container to {}", action, action.equals("SUSPEND") ? "stop" : "start");
            return HookResponse.of("", "", 0);
        }
        if (action.equals("DELETE")) {
            argv.addAll(List.of("uninstall", "-n", name, c.image()));
        } else if (action.equals("SUSPEND")) {
            argv.addAll(List.of("stop", "-n", name, c.image()));
        } else {
            argv.addAll(List.of(c.command(), c.image(), "-n", name));
            if (c.command().equals("install") && !c.installcmd().isBlank()) {
                argv.addAll(ShellWords.split(c.installcmd()));
            }
            if (c.command().equals("run") && c.privileged()) {
                argv.add("--spc");
            }
        }
        LOG.info("atomic: running {} {} {}", cli, argv.get(1), c.image());
        ToolResult r = Processes.run(argv, env, working);
        if (!r.ok()) {
            LOG.error("atomic: {} {} exited with {}", cli, argv.get(1), r.exitCode());
        }
        return HookResponse.of(r.stdout(), r.stderr(), r.exitCode());
    }

    /** Slipway's atomic backend: a one-service spec. */
    private HookResponse viaBackend(HookItem item, String action, Config c, Path working) {
        if (!c.installcmd().isBlank()) {
            throw new HookException("config.installcmd: extra arguments for 'atomic install' have no equivalent in "
                    + "Slipway's atomic backend; set HEAT_ATOMIC_CMD to run the atomic tool itself, or drop installcmd");
        }
        String deployment = DeploymentName.of(item);
        String service = service(c, item.id());
        LaunchSpec spec = LaunchSpec.parse(HeatValues.json(spec(c, service)), working, "atomic config of deployment '"
                + item.name() + "'");
        try (ContainerLauncher launcher = Launchers.open(launcher())) {
            switch (action) {
                case "DELETE": {
                    int n = launcher.delete(deployment);
                    return HookResponse.of("uninstalled deployment '" + deployment + "' (" + n + " containers)", "", 0);
                }
                case "SUSPEND": {
                    int n = launcher.suspend(deployment);
                    return HookResponse.of("stopped " + n + " containers of '" + deployment + "'", "", 0);
                }
                case "RESUME":
                    launcher.resume(deployment);
                    return response(item, launcher.apply(deployment, spec, Inputs.empty(), Results.PROGRESS));
                default:
                    return response(item, launcher.apply(deployment, spec, Inputs.empty(), Results.PROGRESS));
            }
        }
    }

    /**
     * The service's name: the config's {@code name}, else the item's id (the original's default for {@code -n}),
     * made a valid service name (lower case, {@code [a-z0-9_.-]}, starting with a letter or digit).
     */
    static String service(Config c, String itemId) {
        String chosen = c.name() != null && !c.name().isBlank() ? c.name() : itemId == null ? "" : itemId;
        String s = chosen.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return s.isEmpty() ? "app" : s;
    }

    /** The spec: one service of the image; {@code install} installs only, {@code run} runs only (spc when privileged). */
    static Map<String, Object> spec(Config c, String service) {
        Map<String, Object> atomic = new LinkedHashMap<>();
        atomic.put("install", c.command().equals("install"));
        atomic.put("run", c.command().equals("run"));
        atomic.put("spc", c.command().equals("run") && c.privileged());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("image", c.image());
        s.put("x-slipway", Map.of("atomic", atomic));
        return Map.of("services", Map.of(service, s));
    }

    /** {@code SLIPWAY_ATOMIC_LAUNCHER}, else the atomic backend with a privileged agent (image from {@code SLIPWAY_AGENT_IMAGE}). */
    String launcher() {
        String configured = env.get("SLIPWAY_ATOMIC_LAUNCHER");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String image = env.get("SLIPWAY_AGENT_IMAGE");
        return "atomic?privileged-agent=true"
                + (image == null || image.isBlank() ? "" : "&agent-image=" + DockerComposeGroup.encode(image.strip()));
    }

    private static HookResponse response(HookItem item, LaunchResult r) {
        return new HookResponse(Results.join(r.toolOutput(), Results.summary(r)), Results.join(r.toolErrors(), Results.failures(r)),
                r.deployStatusCode(), Results.declaredOutputs(item, r));
    }
}
