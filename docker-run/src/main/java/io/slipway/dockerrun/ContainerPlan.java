package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.slipway.spec.Healthcheck;
import io.slipway.spec.PortMapping;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import io.slipway.spec.VolumeMount;
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
 * @param containerName {@code <deployment>-<service>}
 * @param network the deployment's network when the service uses the default one, else null
 * @param env the effective environment: env_files in order, then {@code environment}
 * @param hash the config hash, over every value the request depends on (the image id included)
 */
record ContainerPlan(ServiceSpec service, String containerName, String network, List<String> env, String hash) {

    /** Plans {@code service} of {@code spec} for {@code deployment}; {@code imageId} is the local image's id, if known. */
    static ContainerPlan of(String deployment, ResolvedSpec spec, ServiceSpec service, String network, String imageId) {
        Map<String, String> env = spec.environment(service);
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        String net = service.networking().networkMode() == null ? network : null;
        return new ContainerPlan(service, deployment + "-" + service.name(), net, List.copyOf(envList),
                hash(service, envList, net, imageId));
    }

    /** {@code stop_grace_period} in whole seconds, as the engine takes it. */
    private static long stopTimeoutSeconds(ServiceSpec s) {
        return Math.max(0, s.process().stopGracePeriod().toSeconds());
    }

    /** Builds the create request. */
    CreateContainerCmd createCmd(DockerClient docker, String deployment, String backend) {
        ServiceSpec s = service;
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        labels.put(Labels.DEPLOYMENT, deployment);
        labels.put(Labels.SERVICE, s.name());
        labels.put(Labels.CONFIG_HASH, hash);
        labels.put(Labels.BACKEND, backend);
        if (s.oneshot()) {
            labels.put(Labels.ONESHOT, "true");
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
        host.withPortBindings(bindings);
        List<Bind> binds = new ArrayList<>();
        List<Volume> anonymous = new ArrayList<>();
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (VolumeMount v : s.volumes()) {
            switch (v.type()) {
                case "tmpfs" -> tmpfs.put(v.target(), v.readOnly() ? "ro" : "");
                case "volume" -> {
                    if (v.source() == null) {
                        anonymous.add(new Volume(v.target()));
                    } else {
                        binds.add(Bind.parse(v.source() + ":" + v.target() + (v.readOnly() ? ":ro" : "")));
                    }
                }
                default -> binds.add(Bind.parse(v.source() + ":" + v.target() + (v.readOnly() ? ":ro" : "")));
            }
        }
        host.withBinds(binds);
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        if (network != null) {
            host.withNetworkMode(network);
        } else if (s.networking().networkMode() != null) {
            host.withNetworkMode(s.networking().networkMode().startsWith("service:")
                    ? "container:" + deployment + "-" + s.networking().networkMode().substring("service:".length())
                    : s.networking().networkMode());
        }
        if (s.security().pid() != null) {
            host.withPidMode(s.security().pid());
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

        CreateContainerCmd cmd = docker.createContainerCmd(s.imageFor(deployment)).withName(containerName).withLabels(labels)
                .withEnv(env).withExposedPorts(exposed).withHostConfig(host);
        if (!anonymous.isEmpty()) {
            cmd.withVolumes(anonymous);
        }
        if (network != null) {
            cmd.withAliases(s.name());
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
        return cmd;
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

    /** SHA-256 over every component of the service but its wait, plus the effective env, network and image id. */
    private static String hash(ServiceSpec s, List<String> env, String network, String imageId) {
        StringBuilder sb = new StringBuilder();
        for (RecordComponent rc : ServiceSpec.class.getRecordComponents()) {
            if (rc.getName().equals("waitCondition")) {
                continue; // how success is judged does not change the container
            }
            try {
                sb.append(rc.getName()).append('=').append(rc.getAccessor().invoke(s)).append('\n');
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        sb.append("effectiveEnv=").append(env).append("\nnetwork=").append(network).append("\nimageId=").append(imageId);
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
