package io.slipway.swarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerDNSConfig;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import com.github.dockerjava.api.model.VolumeOptions;
import io.slipway.spec.Durations;
import io.slipway.spec.Healthcheck;
import io.slipway.spec.NetworkAttachment;
import io.slipway.spec.PortMapping;
import io.slipway.spec.ProjectNames;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import io.slipway.spec.VolumeMount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One service of a resolved spec as a swarm service spec, mapped as {@code docker stack deploy} maps a Compose
 * service (docker/cli's {@code cli/compose/convert}): {@code deploy.labels} on the service, {@code labels} on its
 * containers, {@code deploy.*} to the task template, update and rollback configs and endpoint spec. Pure: every
 * engine-side name (networks, secrets, image id) comes in as an argument, so it can be unit-tested.
 */
final class StackMapping {

    /** Compose's label for a stack's namespace; {@code docker stack ls} lists a deployment through it. */
    static final String NAMESPACE = "com.docker.stack.namespace";
    /** Where the swarm backend mounts a secret that feeds an environment variable. */
    static final String ENV_SECRET_DIR = "/run/secrets/";
    static final String ENV_SECRET_PREFIX = "slipway-env-";

    private static final List<String> DEPLOY_KEYS = List.of("mode", "replicas", "labels", "placement", "resources",
            "restart_policy", "update_config", "rollback_config", "endpoint_mode");
    private static final List<String> UPDATE_KEYS = List.of("parallelism", "delay", "failure_action", "monitor",
            "max_failure_ratio", "order");

    private StackMapping() {
    }

    /** The swarm service's name: {@code <deployment>_<service>}, as {@code docker stack deploy} names it. */
    static String serviceName(String deployment, String service) {
        return ProjectNames.of(deployment) + "_" + service;
    }

    /** The engine-side name of a network the deployment owns: its {@code name}, else {@code <deployment>_<key>}. */
    static String networkName(String deployment, io.slipway.spec.NetworkSpec n) {
        return n.name() != null ? n.name() : ProjectNames.of(deployment) + "_" + n.key();
    }

    /**
     * Where a secret that feeds an environment variable is mounted. The variable's value never enters the service
     * spec: a small shell prologue exports it from this file before the command runs.
     */
    static String envSecretTarget(String variable) {
        return ENV_SECRET_DIR + ENV_SECRET_PREFIX + variable;
    }

    /**
     * What a service needs from the engine before it can be mapped.
     *
     * @param image the image, by id (so that no node asks a registry for a digest)
     * @param imageEntrypoint the image's entrypoint (for the environment prologue), or empty
     * @param imageCmd the image's command, or empty
     * @param networks engine-side network name by key
     * @param secrets one per secret or config mount and per secret-carrying variable, with its swarm secret's id/name
     * @param plainEnv the environment without the variables that carry a secret
     * @param secretEnv the variables that carry a secret, each to the target its file is mounted at
     */
    record Inputs(String image, List<String> imageEntrypoint, List<String> imageCmd, Map<String, String> networks,
            List<SecretRef> secrets, Map<String, String> plainEnv, Map<String, String> secretEnv) {
    }

    /**
     * A swarm secret mounted into a service's tasks at {@code target} (absolute).
     *
     * @param uid the numeric owner in the container, null for swarm's default ("0")
     * @param gid the numeric group in the container, null for swarm's default ("0")
     * @param mode the permission bits (e.g. 0440), null for Compose's default 0444
     */
    record SecretRef(String id, String name, String target, String uid, String gid, Integer mode) {
    }

    /** Adds {@code Preferences} to docker-java's placement, which lacks it (Engine API {@code Placement.Preferences}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Placement extends ServicePlacement {
        private static final long serialVersionUID = 1L;

        @JsonProperty("Preferences")
        private List<Map<String, Map<String, String>>> preferences;

        Placement withPreferences(List<Map<String, Map<String, String>>> preferences) {
            this.preferences = preferences;
            return this;
        }

        public List<Map<String, Map<String, String>>> getPreferences() {
            return preferences;
        }
    }

    /**
     * The swarm spec of {@code s}. Labels of Slipway (deployment, service, backend) go on the service and its
     * containers; the config hash is added by the caller, over this spec.
     *
     * @throws SpecException for a {@code deploy} value or a wait condition with no meaning on a swarm
     */
    static com.github.dockerjava.api.model.ServiceSpec map(String deployment, ResolvedSpec spec, ServiceSpec s,
            Inputs in, Map<String, String> slipwayLabels) {
        Map<String, Object> deploy = deploy(spec, s);
        String at = "services." + s.name() + ".deploy";

        Map<String, String> containerLabels = new LinkedHashMap<>(s.labels());
        containerLabels.putAll(slipwayLabels);
        containerLabels.put(NAMESPACE, ProjectNames.of(deployment));
        Map<String, String> serviceLabels = new LinkedHashMap<>(strings(deploy.get("labels"), at + ".labels"));
        serviceLabels.putAll(slipwayLabels);
        serviceLabels.put(NAMESPACE, ProjectNames.of(deployment));

        ContainerSpec c = new ContainerSpec().withImage(in.image()).withLabels(containerLabels)
                .withEnv(in.plainEnv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withTty(s.process().tty()).withOpenStdin(s.process().stdinOpen())
                .withReadOnly(s.security().readOnly());
        command(c, s, in);
        if (s.process().user() != null) {
            c.withUser(s.process().user());
        }
        if (s.process().workingDir() != null) {
            c.withDir(s.process().workingDir());
        }
        if (s.process().init() != null) {
            c.withInit(s.process().init());
        }
        if (s.process().stopSignal() != null) {
            c.withStopSignal(s.process().stopSignal());
        }
        if (s.process().stopGracePeriod() != null) {
            c.withStopGracePeriod(s.process().stopGracePeriod().toNanos());
        }
        if (s.networking().hostname() != null) {
            c.withHostname(s.networking().hostname());
        }
        if (!s.networking().extraHosts().isEmpty()) {
            // Swarm's Hosts are "IP host", Compose's extra_hosts "host:ip" (the IP may itself hold colons).
            c.withHosts(s.networking().extraHosts().stream().map(h -> {
                int i = h.indexOf(':');
                return i < 0 ? h : h.substring(i + 1) + " " + h.substring(0, i);
            }).toList());
        }
        if (!s.networking().dns().isEmpty() || !s.networking().dnsSearch().isEmpty() || !s.networking().dnsOpt().isEmpty()) {
            c.withDnsConfig(new ContainerDNSConfig().withNameservers(s.networking().dns())
                    .withSearch(s.networking().dnsSearch()).withOptions(s.networking().dnsOpt()));
        }
        if (s.healthcheck() != null) {
            c.withHealthCheck(health(s.healthcheck()));
        }
        c.withMounts(mounts(deployment, spec, s));
        c.withSecrets(in.secrets().stream().map(r -> new ContainerSpecSecret().withSecretId(r.id())
                .withSecretName(r.name()).withFile(new ContainerSpecFile().withName(r.target())
                        .withUid(r.uid() == null ? "0" : r.uid()).withGid(r.gid() == null ? "0" : r.gid())
                        .withMode(r.mode() == null ? 0444L : r.mode().longValue()))).toList());

        TaskSpec task = new TaskSpec().withContainerSpec(c)
                .withRestartPolicy(restartPolicy(s, deploy, at))
                .withResources(resources(s))
                .withNetworks(networks(s, in.networks()));
        Placement placement = placement(deploy, at);
        if (placement != null) {
            task.withPlacement(placement);
        }
        if (s.logging() != null && s.logging().driver() != null) {
            task.withLogDriver(new Driver().withName(s.logging().driver()).withOptions(s.logging().options()));
        }

        String mode = string(deploy.get("mode"), at + ".mode");
        ServiceModeConfig modeConfig = "global".equals(mode)
                ? new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions())
                : new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(s.replicas()));

        com.github.dockerjava.api.model.ServiceSpec out = new com.github.dockerjava.api.model.ServiceSpec()
                .withName(serviceName(deployment, s.name())).withLabels(serviceLabels).withTaskTemplate(task)
                .withMode(modeConfig).withEndpointSpec(endpoint(s, deploy, at));
        if (deploy.get("update_config") != null) {
            out.withUpdateConfig(update(deploy.get("update_config"), at + ".update_config"));
        }
        if (deploy.get("rollback_config") != null) {
            out.withRollbackConfig(update(deploy.get("rollback_config"), at + ".rollback_config"));
        }
        return out;
    }

    /** The service's {@code deploy} map as written (interpolated), or empty. */
    static Map<String, Object> deploy(ResolvedSpec spec, ServiceSpec s) {
        Object services = spec.document().get("services");
        if (services instanceof Map<?, ?> m && m.get(s.name()) instanceof Map<?, ?> svc
                && svc.get("deploy") instanceof Map<?, ?> d) {
            Map<String, Object> out = new LinkedHashMap<>();
            d.forEach((k, v) -> out.put(String.valueOf(k), v));
            for (String k : out.keySet()) {
                if (!DEPLOY_KEYS.contains(k)) {
                    throw new SpecException("services." + s.name() + ".deploy." + k, "unknown key");
                }
            }
            return out;
        }
        return Map.of();
    }

    /**
     * Entrypoint and command. A variable that carries a secret is exported by a {@code /bin/sh} prologue from its
     * mounted secret file, then the image's (or the spec's) entrypoint and command are exec'd as they would have run.
     */
    private static void command(ContainerSpec c, ServiceSpec s, Inputs in) {
        if (in.secretEnv().isEmpty()) {
            if (s.entrypoint() != null) {
                c.withCommand(s.entrypoint());
            }
            if (s.command() != null) {
                c.withArgs(s.command());
            }
            return;
        }
        List<String> argv = new ArrayList<>(s.entrypoint() != null ? s.entrypoint() : in.imageEntrypoint());
        // As docker run: a spec's entrypoint drops the image's command.
        argv.addAll(s.command() != null ? s.command() : s.entrypoint() != null ? List.of() : in.imageCmd());
        if (argv.isEmpty()) {
            throw new SpecException("services." + s.name() + ".environment",
                    "the image has no entrypoint or command to run after reading secret variables");
        }
        StringBuilder script = new StringBuilder();
        in.secretEnv().forEach((name, target) -> script.append(name).append("=\"$(cat '").append(target)
                .append("')\" && export ").append(name).append(" && "));
        script.append("exec \"$@\"");
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "slipway-env"));
        cmd.addAll(argv);
        c.withCommand(cmd);
    }

    private static HealthCheck health(Healthcheck h) {
        if (h.disable()) {
            return new HealthCheck().withTest(List.of("NONE"));
        }
        HealthCheck out = new HealthCheck();
        if (h.test() != null && !h.test().isEmpty()) {
            out.withTest(h.test());
        }
        if (h.interval() != null) {
            out.withInterval(h.interval().toNanos());
        }
        if (h.timeout() != null) {
            out.withTimeout(h.timeout().toNanos());
        }
        if (h.retries() != null) {
            out.withRetries(h.retries());
        }
        if (h.startPeriod() != null) {
            out.withStartPeriod(h.startPeriod().toNanos());
        }
        return out;
    }

    private static List<Mount> mounts(String deployment, ResolvedSpec spec, ServiceSpec s) {
        List<Mount> out = new ArrayList<>();
        for (VolumeMount v : s.volumes()) {
            Mount m = new Mount().withTarget(v.target()).withReadOnly(v.readOnly());
            switch (v.type()) {
                case "bind" -> m.withType(MountType.BIND).withSource(v.source());
                case "tmpfs" -> m.withType(MountType.TMPFS).withTmpfsOptions(tmpfs(v.tmpfsOptions()));
                case "volume" -> {
                    m.withType(MountType.VOLUME);
                    if (v.source() != null) {
                        io.slipway.spec.VolumeSpec named = spec.volumes().get(v.source());
                        m.withSource(named == null ? v.source() : named.external()
                                ? (named.name() != null ? named.name() : named.key())
                                : ProjectNames.volume(deployment, named));
                    }
                    // As docker stack deploy: each node makes the named volume on first use, so its driver, options
                    // and labels travel with the mount.
                    io.slipway.spec.VolumeSpec named = v.source() == null ? null : spec.volumes().get(v.source());
                    VolumeOptions options = new VolumeOptions().withNoCopy(v.options().noCopy());
                    if (named != null && !named.external()) {
                        Map<String, String> labels = new LinkedHashMap<>(named.labels());
                        labels.put(NAMESPACE, ProjectNames.of(deployment));
                        options.withLabels(labels);
                        if (named.driver() != null || !named.driverOpts().isEmpty()) {
                            options.withDriverConfig(new Driver().withName(named.driver() != null ? named.driver() : "local")
                                    .withOptions(named.driverOpts()));
                        }
                    }
                    m.withVolumeOptions(options);
                }
                default -> throw new SpecException("services." + s.name() + ".volumes",
                        "volume type '" + v.type() + "' is not supported by the swarm backend");
            }
            out.add(m);
        }
        return out;
    }

    private static TmpfsOptions tmpfs(String options) {
        TmpfsOptions t = new TmpfsOptions();
        if (options == null) {
            return t;
        }
        for (String o : options.split(",")) {
            String[] kv = o.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("size")) {
                t.withSizeBytes(bytes(kv[1]));
            } else if (kv.length == 2 && kv[0].equals("mode")) {
                t.withMode(Integer.parseInt(kv[1], 8));
            }
        }
        return t;
    }

    /**
     * {@code deploy.restart_policy} with its delay and window; a service's {@code restart} in its place as
     * {@code docker stack deploy} reads it; a one-shot service never restarts.
     */
    private static ServiceRestartPolicy restartPolicy(ServiceSpec s, Map<String, Object> deploy, String at) {
        ServiceRestartPolicy p = new ServiceRestartPolicy();
        if (s.oneshot()) {
            return p.withCondition(ServiceRestartCondition.NONE);
        }
        String r = s.restart();
        if (r == null || r.equals("always") || r.equals("unless-stopped")) {
            p.withCondition(ServiceRestartCondition.ANY);
        } else if (r.equals("no")) {
            p.withCondition(ServiceRestartCondition.NONE);
        } else {
            p.withCondition(ServiceRestartCondition.ON_FAILURE);
            if (r.startsWith("on-failure:")) {
                p.withMaxAttempts(Long.parseLong(r.substring("on-failure:".length())));
            }
        }
        Map<String, Object> rp = map(deploy.get("restart_policy"), at + ".restart_policy");
        if (rp.get("delay") != null) {
            p.withDelay(duration(rp.get("delay"), at + ".restart_policy.delay").toNanos());
        }
        if (rp.get("window") != null) {
            p.withWindow(duration(rp.get("window"), at + ".restart_policy.window").toNanos());
        }
        return p;
    }

    private static ResourceRequirements resources(ServiceSpec s) {
        ResourceSpecs limits = new ResourceSpecs();
        boolean any = false;
        if (s.resources().cpus() != null) {
            limits.withNanoCPUs(Math.round(s.resources().cpus() * 1e9));
            any = true;
        }
        if (s.resources().memLimit() != null) {
            limits.withMemoryBytes(s.resources().memLimit());
            any = true;
        }
        ResourceRequirements r = new ResourceRequirements();
        if (any) {
            r.withLimits(limits);
        }
        if (s.resources().memReservation() != null) {
            r.withReservations(new ResourceSpecs().withMemoryBytes(s.resources().memReservation()));
        }
        return r;
    }

    private static List<NetworkAttachmentConfig> networks(ServiceSpec s, Map<String, String> names) {
        List<NetworkAttachmentConfig> out = new ArrayList<>();
        for (Map.Entry<String, NetworkAttachment> e : s.networking().networks().entrySet()) {
            List<String> aliases = new ArrayList<>(List.of(s.name()));
            e.getValue().aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
            out.add(new NetworkAttachmentConfig().withTarget(names.get(e.getKey())).withAliases(aliases));
        }
        return out;
    }

    private static Placement placement(Map<String, Object> deploy, String at) {
        Map<String, Object> p = map(deploy.get("placement"), at + ".placement");
        if (p.isEmpty()) {
            return null;
        }
        for (String k : p.keySet()) {
            if (!List.of("constraints", "preferences", "max_replicas_per_node").contains(k)) {
                throw new SpecException(at + ".placement." + k, "unknown key; valid: constraints, preferences, "
                        + "max_replicas_per_node");
            }
        }
        Placement out = new Placement();
        out.withConstraints(list(p.get("constraints"), at + ".placement.constraints"));
        List<Map<String, Map<String, String>>> prefs = new ArrayList<>();
        for (Object pref : list(p.get("preferences"), at + ".placement.preferences", true)) {
            Map<String, Object> m = map(pref, at + ".placement.preferences");
            Object spread = m.get("spread");
            if (spread == null || m.size() != 1) {
                throw new SpecException(at + ".placement.preferences", "each preference is {spread: <node attribute>}");
            }
            prefs.add(Map.of("Spread", Map.of("SpreadDescriptor", String.valueOf(spread))));
        }
        if (!prefs.isEmpty()) {
            out.withPreferences(prefs);
        }
        if (p.get("max_replicas_per_node") != null) {
            out.withMaxReplicas(integer(p.get("max_replicas_per_node"), at + ".placement.max_replicas_per_node"));
        }
        return out;
    }

    /** Host-mode ports: the ingress routing mesh is not used (see the README's limits). */
    private static EndpointSpec endpoint(ServiceSpec s, Map<String, Object> deploy, String at) {
        EndpointSpec e = new EndpointSpec();
        String mode = string(deploy.get("endpoint_mode"), at + ".endpoint_mode");
        if (mode != null) {
            e.withMode(switch (mode) {
                case "vip" -> EndpointResolutionMode.VIP;
                case "dnsrr" -> EndpointResolutionMode.DNSRR;
                default -> throw new SpecException(at + ".endpoint_mode", "invalid mode '" + mode + "'; valid: vip, dnsrr");
            });
        }
        List<PortConfig> ports = new ArrayList<>();
        for (PortMapping p : s.networking().ports()) {
            PortConfig pc = new PortConfig().withTargetPort(p.containerPort()).withPublishMode(PortConfig.PublishMode.host)
                    .withProtocol(switch (p.protocol() == null ? "tcp" : p.protocol().toLowerCase(Locale.ROOT)) {
                        case "udp" -> PortConfigProtocol.UDP;
                        case "sctp" -> PortConfigProtocol.SCTP;
                        default -> PortConfigProtocol.TCP;
                    });
            if (p.hostPort() != null) {
                pc.withPublishedPort(p.hostPort());
            }
            ports.add(pc);
        }
        return e.withPorts(ports);
    }

    private static UpdateConfig update(Object node, String at) {
        Map<String, Object> m = map(node, at);
        for (String k : m.keySet()) {
            if (!UPDATE_KEYS.contains(k)) {
                throw new SpecException(at + "." + k, "unknown key; valid: " + String.join(", ", UPDATE_KEYS));
            }
        }
        UpdateConfig u = new UpdateConfig();
        if (m.get("parallelism") != null) {
            u.withParallelism((long) integer(m.get("parallelism"), at + ".parallelism"));
        }
        if (m.get("delay") != null) {
            u.withDelay(duration(m.get("delay"), at + ".delay").toNanos());
        }
        if (m.get("monitor") != null) {
            u.withMonitor(duration(m.get("monitor"), at + ".monitor").toNanos());
        }
        if (m.get("max_failure_ratio") != null) {
            try {
                u.withMaxFailureRatio(Float.parseFloat(String.valueOf(m.get("max_failure_ratio"))));
            } catch (NumberFormatException e) {
                throw new SpecException(at + ".max_failure_ratio", "not a number: " + m.get("max_failure_ratio"));
            }
        }
        String action = string(m.get("failure_action"), at + ".failure_action");
        if (action != null) {
            u.withFailureAction(switch (action) {
                case "pause" -> UpdateFailureAction.PAUSE;
                case "continue" -> UpdateFailureAction.CONTINUE;
                case "rollback" -> UpdateFailureAction.ROLLBACK;
                default -> throw new SpecException(at + ".failure_action", "invalid action '" + action
                        + "'; valid: pause, continue, rollback");
            });
        }
        String order = string(m.get("order"), at + ".order");
        if (order != null) {
            u.withOrder(switch (order) {
                case "stop-first" -> UpdateOrder.STOP_FIRST;
                case "start-first" -> UpdateOrder.START_FIRST;
                default -> throw new SpecException(at + ".order", "invalid order '" + order
                        + "'; valid: stop-first, start-first");
            });
        }
        return u;
    }

    /** How long a swarm watches new tasks by default before it calls them converged (docker's 5 s). */
    static final Duration DEFAULT_MONITOR = Duration.ofSeconds(5);

    /** {@code update_config.monitor} of {@code s}, else {@code fallback}, else {@link #DEFAULT_MONITOR}. */
    static Duration monitor(ResolvedSpec spec, ServiceSpec s, Duration fallback) {
        Map<String, Object> u = map(deploy(spec, s).get("update_config"), "services." + s.name() + ".deploy.update_config");
        return u.get("monitor") != null
                ? duration(u.get("monitor"), "services." + s.name() + ".deploy.update_config.monitor")
                : fallback != null ? fallback : DEFAULT_MONITOR;
    }

    /**
     * {@code mapped}, with {@code monitor} as its update monitor when the spec gave none ({@code monitor} null:
     * unchanged, the swarm's default).
     */
    static com.github.dockerjava.api.model.ServiceSpec withDefaultMonitor(
            com.github.dockerjava.api.model.ServiceSpec mapped, Duration monitor) {
        if (monitor != null) {
            UpdateConfig u = mapped.getUpdateConfig();
            if (u == null) {
                mapped.withUpdateConfig(u = new UpdateConfig());
            }
            if (u.getMonitor() == null) {
                u.withMonitor(monitor.toNanos());
            }
        }
        return mapped;
    }

    /** {@code deploy.placement.constraints} of {@code s}, for messages. */
    static List<String> constraints(ResolvedSpec spec, ServiceSpec s) {
        String at = "services." + s.name() + ".deploy.placement";
        return list(map(deploy(spec, s).get("placement"), at).get("constraints"), at + ".constraints");
    }

    /** Whether {@code deploy.mode} is {@code global}. */
    static boolean global(ResolvedSpec spec, ServiceSpec s) {
        return "global".equals(String.valueOf(deploy(spec, s).get("mode")));
    }

    private static Map<String, Object> map(Object node, String at) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> m)) {
            throw new SpecException(at, "must be a map");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, String> strings(Object node, String at) {
        if (node instanceof List<?> l) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Object o : l) {
                String[] kv = String.valueOf(o).split("=", 2);
                out.put(kv[0], kv.length == 2 ? kv[1] : "");
            }
            return out;
        }
        Map<String, String> out = new LinkedHashMap<>();
        map(node, at).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    private static List<String> list(Object node, String at) {
        return list(node, at, false).stream().map(String::valueOf).toList();
    }

    private static List<Object> list(Object node, String at, boolean objects) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            throw new SpecException(at, "must be a list");
        }
        return new ArrayList<>(l);
    }

    private static String string(Object node, String at) {
        return node == null ? null : String.valueOf(node);
    }

    private static int integer(Object node, String at) {
        try {
            return Integer.parseInt(String.valueOf(node).strip());
        } catch (NumberFormatException e) {
            throw new SpecException(at, "not an integer: " + node);
        }
    }

    /** {@code 64m}, {@code 1g}, {@code 512k} or plain bytes, as tmpfs sizes are written. */
    static long bytes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1;
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    private static Duration duration(Object node, String at) {
        try {
            return Durations.parse(String.valueOf(node));
        } catch (RuntimeException e) {
            throw new SpecException(at, "not a duration: " + node);
        }
    }
}
