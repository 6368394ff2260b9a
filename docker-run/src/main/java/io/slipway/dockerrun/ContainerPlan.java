package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ConnectToNetworkCmd;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PropagationMode;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.Healthcheck;
import io.slipway.spi.ConfigDigests;
import io.slipway.spec.NetworkAttachment;
import io.slipway.spec.PortMapping;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.SecretMount;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import io.slipway.spec.VolumeMount;
import io.slipway.spec.VolumeSpec;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one service becomes one container: the Engine API create request, with {@code docker run} semantics,
 * and the hash of everything that request depends on. Environment values may be secret, so {@link #toString()}
 * shows none.
 *
 * @param service the resolved service
 * @param containerName its {@code container_name}, else {@code <deployment>-<service>}
 * @param networks the engine names of the networks the service joins, by key, first joined first (at create; the
 *        others are connected before start)
 * @param volumes the engine names of the named volumes the service mounts, by key ({@link DeploymentVolumes#ensure})
 * @param env the effective environment: env_files in order, then {@code environment}
 * @param secretSources the host file bind-mounted read-only for each secret and config, in {@link SecretGrants#of}
 *        order ({@link SecretFiles#prepare})
 * @param hash the config hash, over every value the request depends on (the image id and a digest of the secrets'
 *        and configs' contents included)
 * @param digests a digest of each of those values by setting ({@link ConfigDigests}), for plans to name what changed
 */
record ContainerPlan(ServiceSpec service, int replica, String containerName, Map<String, String> networks,
        Map<String, String> volumes, List<String> env, List<String> secretSources, String hash,
        Map<String, String> digests) {

    /**
     * Plans {@code service} of {@code spec} for {@code deployment}; {@code imageId} is the local image's id, if known;
     * {@code secretSources} as {@link SecretFiles#prepare} returns them.
     *
     * @param networkNames the engine names of the deployment's networks by key
     */
    static ContainerPlan of(String deployment, ResolvedSpec spec, ServiceSpec service, Map<String, String> networkNames,
            String imageId, List<String> secretSources) {
        return of(deployment, spec, service, 1, networkNames, DeploymentVolumes.names(deployment, spec), imageId,
                secretSources);
    }

    /** Plans replica {@code replica} (from 1) of {@code service}; its replicas differ only in name and label. */
    static ContainerPlan of(String deployment, ResolvedSpec spec, ServiceSpec service, int replica,
            Map<String, String> networkNames, Map<String, String> volumeNames, String imageId,
            List<String> secretSources) {
        Map<String, String> env = spec.environment(service);
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        Map<String, String> nets = new LinkedHashMap<>();
        service.networking().networks().keySet().forEach(k -> nets.put(k, networkNames.get(k)));
        Map<String, String> vols = new LinkedHashMap<>();
        // Only a volume named otherwise than Slipway once named them all (its key) enters the hash, so that a container
        // of an earlier version that mounts its volume under that name is kept, and one that mounts another's is not.
        Map<String, String> renamed = new LinkedHashMap<>();
        service.volumes().stream().filter(v -> v.type().equals("volume") && v.source() != null).forEach(v -> {
            String name = DeploymentVolumes.engineName(volumeNames, deployment, spec, v.source());
            vols.put(v.source(), name);
            VolumeSpec declared = spec.volumes().get(v.source());
            if (declared != null && !name.equals(DeploymentVolumes.legacyName(declared))) {
                renamed.put(v.source(), name);
            }
        });
        String secrets = secretSources + " " + SecretGrants.digest(spec, service);
        String network = nets + (renamed.isEmpty() ? "" : " volumes=" + renamed);
        Map<String, Object> settings = ConfigDigests.settings(service, env);
        settings.put("networks", network);
        settings.put("imageId", imageId);
        settings.put("secretSources", secrets);
        return new ContainerPlan(service, replica, ContainerNames.of(deployment, service, replica),
                java.util.Collections.unmodifiableMap(nets), java.util.Collections.unmodifiableMap(vols),
                List.copyOf(envList), List.copyOf(secretSources), hash(service, envList, network, imageId, secrets),
                ConfigDigests.of(settings));
    }

    /** {@code stop_grace_period} in whole seconds, as the engine takes it. */
    private static long stopTimeoutSeconds(ServiceSpec s) {
        return Math.max(0, s.process().stopGracePeriod().toSeconds());
    }

    /** Builds the create request; the networks after the first are joined with {@link #connectCmds}. */
    CreateContainerCmd createCmd(DockerClient docker, String deployment, String backend, ResolvedSpec spec) {
        ServiceSpec s = service;
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        labels.put(Labels.DEPLOYMENT, deployment);
        labels.put(Labels.SERVICE, s.name());
        labels.put(Labels.CONFIG_HASH, hash);
        labels.put(Labels.CONFIG_DIGESTS, ConfigDigests.encode(digests));
        labels.put(Labels.BACKEND, backend);
        if (s.oneshot()) {
            labels.put(Labels.ONESHOT, "true");
        }
        if (s.replicas() != 1) {
            labels.put(Labels.REPLICA, Integer.toString(replica));
        }
        if (s.process().stopGracePeriod() != null) {
            labels.put(Labels.STOP_TIMEOUT, Long.toString(stopTimeoutSeconds(s)));
        }

        HostConfig host = HostConfig.newHostConfig().withPrivileged(s.security().privileged());
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortMapping p : s.networking().ports()) {
            ExposedPort ep = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            exposed.add(ep);
            bindings.bind(ep, new Ports.Binding(p.hostIp(), p.hostPort() == null ? null : p.hostPort().toString()));
        }
        exposed.addAll(expose(s.networking().expose()));
        host.withPortBindings(bindings);
        List<Bind> binds = new ArrayList<>();
        List<Mount> mounts = new ArrayList<>();
        List<Volume> anonymous = new ArrayList<>();
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (VolumeMount v : s.volumes()) {
            switch (v.type()) {
                case "tmpfs" -> tmpfs.put(v.target(), tmpfsOptions(v));
                case "volume" -> {
                    if (v.source() == null) {
                        anonymous.add(new Volume(v.target()));
                    } else {
                        String name = DeploymentVolumes.engineName(volumes, deployment, spec, v.source());
                        binds.add(bind(v, name));
                    }
                }
                default -> {
                    if (v.options().createHostPath()) {
                        binds.add(bind(v, v.source()));
                    } else {
                        mounts.add(mountExisting(v, s.name()));
                    }
                }
            }
        }
        List<SecretMount> grants = SecretGrants.of(s);
        for (int i = 0; i < grants.size(); i++) {
            binds.add(Bind.parse(secretSources.get(i) + ":" + grants.get(i).target() + ":ro"));
        }
        host.withBinds(binds);
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        String first = networks.isEmpty() ? null : networks.keySet().iterator().next();
        if (first != null) {
            host.withNetworkMode(networks.get(first));
        } else if (s.networking().networkMode() != null) {
            host.withNetworkMode(ContainerNames.namespace(s.networking().networkMode(), deployment, spec));
        }
        if (s.restart() != null) {
            host.withRestartPolicy(restart(s.restart(), s.name()));
        }
        if (!s.security().capAdd().isEmpty()) {
            host.withCapAdd(capabilities(s.security().capAdd(), s.name(), "cap_add"));
        }
        if (!s.security().capDrop().isEmpty()) {
            host.withCapDrop(capabilities(s.security().capDrop(), s.name(), "cap_drop"));
        }
        if (!s.networking().extraHosts().isEmpty()) {
            host.withExtraHosts(s.networking().extraHosts().toArray(String[]::new));
        }
        EngineKeys.host(host, s, ContainerNames.namespace(s.security().ipc(), deployment, spec));
        if (first != null && spec != null) {
            List<Link> links = links(deployment, spec, first);
            if (!links.isEmpty()) {
                host.withLinks(links);
            }
        }

        CreateContainerCmd cmd = docker.createContainerCmd(s.imageFor(deployment)).withName(containerName).withLabels(labels)
                .withEnv(env).withExposedPorts(exposed).withHostConfig(host);
        if (!anonymous.isEmpty()) {
            cmd.withVolumes(anonymous);
        }
        if (first != null) {
            NetworkAttachment a = s.networking().networks().get(first);
            cmd.withAliases(aliases(a));
            if (a.ipv4Address() != null) {
                cmd.withIpv4Address(a.ipv4Address());
            }
            if (a.ipv6Address() != null) {
                cmd.withIpv6Address(a.ipv6Address());
            }
        }
        if (s.command() != null) {
            cmd.withCmd(s.command());
        }
        if (s.entrypoint() != null) {
            cmd.withEntrypoint(s.entrypoint());
        }
        if (s.process().user() != null) {
            cmd.withUser(s.process().user());
        }
        if (s.process().workingDir() != null) {
            cmd.withWorkingDir(s.process().workingDir());
        }
        if (s.networking().hostname() != null) {
            cmd.withHostName(s.networking().hostname());
        }
        if (s.process().stopSignal() != null) {
            cmd.withStopSignal(s.process().stopSignal());
        }
        if (s.process().stopGracePeriod() != null) {
            cmd.withStopTimeout((int) stopTimeoutSeconds(s));
        }
        if (s.healthcheck() != null) {
            cmd.withHealthcheck(healthcheck(s.healthcheck()));
        }
        EngineKeys.container(cmd, s);
        return cmd;
    }

    /** The requests that join the service's networks after the first, each with its aliases, address and links. */
    List<ConnectToNetworkCmd> connectCmds(DockerClient docker, String deployment, ResolvedSpec spec, String containerId) {
        List<ConnectToNetworkCmd> out = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, String> n : networks.entrySet()) {
            if (first) {
                first = false;
                continue;
            }
            NetworkAttachment a = service.networking().networks().get(n.getKey());
            ContainerNetwork endpoint = new ContainerNetwork().withAliases(aliases(a));
            if (a.ipv4Address() != null || a.ipv6Address() != null) {
                endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(a.ipv4Address())
                        .withIpv6Address(a.ipv6Address()));
            }
            List<Link> links = links(deployment, spec, n.getKey());
            if (!links.isEmpty()) {
                endpoint.withLinks(links);
            }
            out.add(docker.connectToNetworkCmd().withNetworkId(n.getValue()).withContainerId(containerId)
                    .withContainerNetwork(endpoint));
        }
        return out;
    }

    /** The service's name and the attachment's aliases: every service answers to its name on its networks. */
    private List<String> aliases(NetworkAttachment a) {
        List<String> aliases = new ArrayList<>();
        aliases.add(service.name());
        aliases.addAll(a.aliases());
        return aliases;
    }

    /** {@code links} and {@code external_links} whose container shares network {@code key} with this one. */
    private List<Link> links(String deployment, ResolvedSpec spec, String key) {
        List<Link> out = new ArrayList<>();
        for (String link : service.networking().links()) {
            String[] parts = link.split(":", 2);
            ServiceSpec other = spec.service(parts[0]);
            if (other != null && other.networking().networks().containsKey(key)) {
                out.add(new Link(ContainerNames.of(deployment, other), parts[1]));
            }
        }
        if (key.equals(networks.keySet().iterator().next())) {
            for (String link : service.networking().externalLinks()) {
                String[] parts = link.split(":", 2);
                out.add(new Link(parts[0], parts[1]));
            }
        }
        return out;
    }

    /** A bind or named-volume mount as {@code docker run -v} makes it, with its long-form options. */
    private static Bind bind(VolumeMount v, String source) {
        VolumeMount.Options o = v.options();
        SELContext selinux = o.selinux() == null ? SELContext.DEFAULT
                : o.selinux().equals("z") ? SELContext.shared : SELContext.single;
        PropagationMode propagation = o.propagation() == null ? PropagationMode.DEFAULT_MODE
                : PropagationMode.valueOf(o.propagation().toUpperCase(Locale.ROOT));
        return new Bind(source, new Volume(v.target()), v.readOnly() ? AccessMode.ro : AccessMode.rw, selinux,
                o.noCopy() ? Boolean.TRUE : null, propagation);
    }

    /**
     * A bind mount of a host path that must exist ({@code create_host_path: false}): the Mounts API fails on a missing
     * path where a bind string would create it. That API has no SELinux relabelling.
     */
    private static Mount mountExisting(VolumeMount v, String service) {
        if (v.options().selinux() != null) {
            throw new SpecException("services." + service + ".volumes", "bind.selinux with bind.create_host_path: false "
                    + "is not supported by the docker-run backend (the engine relabels only paths it may create)");
        }
        Mount m = new Mount().withType(MountType.BIND).withSource(v.source()).withTarget(v.target())
                .withReadOnly(v.readOnly());
        if (v.options().propagation() != null) {
            m.withBindOptions(new BindOptions().withPropagation(BindPropagation.valueOf(
                    v.options().propagation().toUpperCase(Locale.ROOT).replaceFirst("^R", "R_"))));
        }
        return m;
    }

    private static String tmpfsOptions(VolumeMount v) {
        String options = v.tmpfsOptions() == null ? "" : v.tmpfsOptions();
        return v.readOnly() ? (options.isEmpty() ? "ro" : "ro," + options) : options;
    }

    /** {@code expose} entries as exposed ports; a range is each of its ports. */
    private static List<ExposedPort> expose(List<String> entries) {
        List<ExposedPort> out = new ArrayList<>();
        for (String e : entries) {
            String[] portAndProtocol = e.split("/", 2);
            InternetProtocol protocol = InternetProtocol.parse(portAndProtocol.length > 1 ? portAndProtocol[1] : "tcp");
            String[] range = portAndProtocol[0].split("-", 2);
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int port = from; port <= to; port++) {
                out.add(new ExposedPort(port, protocol));
            }
        }
        return out;
    }

    private static HealthCheck healthcheck(Healthcheck h) {
        HealthCheck hc = new HealthCheck();
        if (h.disable()) {
            return hc.withTest(List.of("NONE"));
        }
        if (h.test() != null) {
            hc.withTest(h.test());
        }
        if (h.interval() != null) {
            hc.withInterval(nanos(h.interval()));
        }
        if (h.timeout() != null) {
            hc.withTimeout(nanos(h.timeout()));
        }
        if (h.retries() != null) {
            hc.withRetries(h.retries());
        }
        if (h.startPeriod() != null) {
            hc.withStartPeriod(nanos(h.startPeriod()));
        }
        if (h.startInterval() != null) {
            hc.withStartInterval(nanos(h.startInterval()));
        }
        return hc;
    }

    private static Long nanos(Duration d) {
        return d.toNanos();
    }

    private static RestartPolicy restart(String policy, String service) {
        String p = policy.strip();
        if (p.equals("no")) {
            return RestartPolicy.noRestart();
        }
        try {
            return RestartPolicy.parse(p);
        } catch (IllegalArgumentException e) {
            throw new SpecException("services." + service + ".restart", "invalid restart policy '" + policy
                    + "'; valid: no, always, unless-stopped, on-failure[:N]");
        }
    }

    private static Capability[] capabilities(List<String> names, String service, String key) {
        Capability[] caps = new Capability[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).toUpperCase(Locale.ROOT);
            n = n.startsWith("CAP_") ? n.substring(4) : n;
            try {
                caps[i] = Capability.valueOf(n);
            } catch (IllegalArgumentException e) {
                throw new SpecException("services." + service + "." + key + "[" + i + "]", "unknown capability '"
                        + names.get(i) + "'");
            }
        }
        return caps;
    }

    /**
     * SHA-256 over every component of the service but its wait and keys, plus the effective env, networks, image id,
     * and the secrets' sources and content digest.
     */
    private static String hash(ServiceSpec s, List<String> env, String network, String imageId, String secrets) {
        StringBuilder sb = new StringBuilder();
        for (RecordComponent rc : ServiceSpec.class.getRecordComponents()) {
            if (rc.getName().equals("waitCondition") || rc.getName().equals("keys")) {
                continue; // how success is judged, or which spelling gave a value, does not change the container
            }
            if (rc.getName().equals("replicas")) {
                // How many there are does not change one container, so a new count keeps the others. Written as 1,
                // the value every hash had before replicas were honoured, so those containers stay unchanged.
                sb.append("replicas=1\n");
                continue;
            }
            try {
                sb.append(rc.getName()).append('=').append(rc.getAccessor().invoke(s)).append('\n');
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        sb.append("effectiveEnv=").append(env).append("\nnetwork=").append(network).append("\nimageId=").append(imageId)
                .append("\nsecrets=").append(secrets);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ContainerPlan[" + containerName + ", hash=" + hash + "]";
    }
}
