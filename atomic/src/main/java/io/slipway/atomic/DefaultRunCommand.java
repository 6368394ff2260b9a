package io.slipway.atomic;

import io.slipway.engine.ContainerNames;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.spec.Healthcheck;
import io.slipway.spec.NetworkAttachment;
import io.slipway.spec.PortMapping;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.SecretMount;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import io.slipway.spec.VolumeMount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the agent runs a service whose image has no RUN label: atomic's default run (Atomic/run.py
 * {@code RUN_ARGS}, or {@code SPC_ARGS} with {@code spc}), detached, with the service's Compose definition
 * as {@code docker run} options before {@code --name NAME IMAGE}, and its command after. Environment values
 * never appear here: each variable is a bare {@code -e NAME} that the docker CLI fills in from its own
 * environment, which is the exec's.
 */
final class DefaultRunCommand {

    /** Atomic/run.py {@code RUN_ARGS}, verbatim. */
    static final List<String> RUN_ARGS = List.of("-i", "--name", "${NAME}", "${IMAGE}");

    /** Atomic/run.py {@code SPC_ARGS}, verbatim. */
    static final List<String> SPC_ARGS = List.of("-i", "--privileged", "-v", "/:/host", "-v", "/run:/run",
            "-v", "/etc/localtime:/etc/localtime", "-v", "/sys/fs/selinux:/sys/fs/selinux:ro",
            "--net=host", "--ipc=host", "--pid=host", "-e", "HOST=/host", "-e", "NAME=${NAME}",
            "-e", "IMAGE=${IMAGE}", "-e", "SYSTEMD_IGNORE_CHROOT=1", "--name", "${NAME}", "${IMAGE}");

    /** The SELinux mount of SPC_ARGS: only given when the host has SELinux, else the engine fails to create it. */
    static final String SELINUX_MOUNT = "/sys/fs/selinux:/sys/fs/selinux:ro";

    /** The last words of both lists: {@code --name ${NAME} ${IMAGE}}. */
    private static final int TAIL = 3;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private DefaultRunCommand() {
    }

    /**
     * {@code docker run -d} + atomic's options + {@code serviceOptions} + {@code --name NAME IMAGE} + the
     * service's command (entrypoint words after the first come first).
     *
     * @param sub the service's substitution (for {@code ${NAME}} and {@code ${IMAGE}})
     * @param selinux whether the host has {@code /sys/fs/selinux}
     */
    static List<String> argv(ServiceSpec s, Substitution sub, boolean spc, boolean selinux, List<String> serviceOptions) {
        List<String> atomic = new ArrayList<>(spc ? SPC_ARGS : RUN_ARGS);
        if (!selinux) {
            int at = atomic.indexOf(SELINUX_MOUNT);
            if (at > 0) {
                atomic.subList(at - 1, at + 1).clear();
            }
        }
        List<String> argv = new ArrayList<>(List.of("docker", "run", "-d"));
        argv.addAll(sub.apply(atomic.subList(0, atomic.size() - TAIL)));
        argv.addAll(serviceOptions);
        argv.addAll(sub.apply(atomic.subList(atomic.size() - TAIL, atomic.size())));
        if (s.entrypoint() != null && s.entrypoint().size() > 1) {
            argv.addAll(s.entrypoint().subList(1, s.entrypoint().size()));
        }
        if (s.command() != null) {
            argv.addAll(s.command());
        }
        return argv;
    }

    /**
     * The service's Compose keys as {@code docker run} options, with {@code labels} (Slipway's) after its own.
     *
     * @param networks the engine names of the networks the service joins, by key: it runs on the first one, the
     *        others are joined with {@link #connects}
     * @param volumes the engine names of the deployment's named volumes by key ({@link DeploymentVolumes#ensure})
     * @param envNames the names of the effective environment (values go through the exec's environment)
     * @param secretSources the host file of each secret and config, in {@link SecretGrants#of} order, mounted
     *        read-only at its target (host paths: the engine resolves them, not the agent)
     */
    static List<String> serviceOptions(String deployment, ResolvedSpec spec, ServiceSpec s, Map<String, String> networks,
            Map<String, String> volumes, Collection<String> envNames, Map<String, String> labels, List<String> secretSources) {
        List<String> o = new ArrayList<>();
        s.labels().forEach((k, v) -> add(o, "--label", k + "=" + v));
        labels.forEach((k, v) -> add(o, "--label", k + "=" + v));
        envNames.forEach(name -> add(o, "-e", name));
        for (PortMapping p : s.networking().ports()) {
            String ip = p.hostIp() != null && p.hostIp().contains(":") ? "[" + p.hostIp() + "]" : p.hostIp();
            String host = ip == null ? "" : ip + ":";
            String port = p.hostPort() == null ? (host.isEmpty() ? "" : host + ":") : host + p.hostPort() + ":";
            add(o, "-p", port + p.containerPort() + "/" + p.protocol());
        }
        for (VolumeMount v : s.volumes()) {
            String ro = v.readOnly() ? ":ro" : "";
            if (v.type().equals("tmpfs")) {
                String options = v.tmpfsOptions() == null ? "" : v.tmpfsOptions();
                add(o, "--tmpfs", v.target() + (v.readOnly() ? ":ro" + (options.isEmpty() ? "" : "," + options)
                        : options.isEmpty() ? "" : ":" + options));
            } else {
                String source = v.type().equals("volume") && v.source() != null
                        ? DeploymentVolumes.engineName(volumes, deployment, spec, v.source()) : v.source();
                VolumeMount.Options opts = v.options();
                if (!opts.createHostPath()) {
                    // --mount fails on a missing host path, where -v would create it.
                    add(o, "--mount", "type=bind,source=" + source + ",target=" + v.target()
                            + (v.readOnly() ? ",readonly" : "")
                            + (opts.propagation() == null ? "" : ",bind-propagation=" + opts.propagation()));
                    continue;
                }
                List<String> flags = new ArrayList<>();
                if (v.readOnly()) {
                    flags.add("ro");
                }
                if (opts.selinux() != null) {
                    flags.add(opts.selinux());
                }
                if (opts.propagation() != null) {
                    flags.add(opts.propagation());
                }
                if (opts.noCopy()) {
                    flags.add("nocopy");
                }
                add(o, "-v", source == null ? v.target()
                        : source + ":" + v.target() + (flags.isEmpty() ? "" : ":" + String.join(",", flags)));
            }
        }
        List<SecretMount> grants = SecretGrants.of(s);
        for (int i = 0; i < grants.size(); i++) {
            add(o, "-v", secretSources.get(i) + ":" + grants.get(i).target() + ":ro");
        }
        if (!networks.isEmpty()) {
            String first = networks.keySet().iterator().next();
            add(o, "--network", networks.get(first));
            endpoint(o, s, s.networking().networks().get(first), "--network-alias", "--ip", "--ip6");
            links(deployment, spec, s, first, true).forEach(l -> add(o, "--link", l));
        } else if (s.networking().networkMode() != null) {
            add(o, "--network", ContainerNames.namespace(s.networking().networkMode(), deployment, spec));
        }
        EngineFlags.flags(o, s, ContainerNames.namespace(s.security().ipc(), deployment, spec));
        if (s.security().privileged()) {
            o.add("--privileged");
        }
        if (s.process().user() != null) {
            add(o, "--user", s.process().user());
        }
        if (s.restart() != null) {
            add(o, "--restart", s.restart());
        }
        healthcheck(s.healthcheck(), o);
        if (s.process().workingDir() != null) {
            add(o, "--workdir", s.process().workingDir());
        }
        s.security().capAdd().forEach(c -> add(o, "--cap-add", c));
        s.security().capDrop().forEach(c -> add(o, "--cap-drop", c));
        if (s.networking().hostname() != null) {
            add(o, "--hostname", s.networking().hostname());
        }
        s.networking().extraHosts().forEach(h -> add(o, "--add-host", h));
        if (s.process().stopSignal() != null) {
            add(o, "--stop-signal", s.process().stopSignal());
        }
        if (s.process().stopGracePeriod() != null) {
            add(o, "--stop-timeout", Long.toString(Math.max(0, s.process().stopGracePeriod().toSeconds())));
        }
        if (s.entrypoint() != null) {
            add(o, "--entrypoint", s.entrypoint().isEmpty() ? "" : s.entrypoint().get(0));
        }
        return o;
    }

    /**
     * The {@code docker network connect} commands that join the service's container {@code name} to its networks
     * after the first, each with its aliases, addresses and links.
     */
    static List<List<String>> connects(String deployment, ResolvedSpec spec, ServiceSpec s, Map<String, String> networks,
            String name) {
        List<List<String>> out = new ArrayList<>();
        networks.entrySet().stream().skip(1).forEach(n -> {
            List<String> argv = new ArrayList<>(List.of("docker", "network", "connect"));
            endpoint(argv, s, s.networking().networks().get(n.getKey()), "--alias", "--ip", "--ip6");
            links(deployment, spec, s, n.getKey(), false).forEach(l -> add(argv, "--link", l));
            argv.add(n.getValue());
            argv.add(name);
            out.add(argv);
        });
        return out;
    }

    /** The service's name and its aliases on one network, and its fixed addresses there. */
    private static void endpoint(List<String> o, ServiceSpec s, NetworkAttachment a, String alias, String ip, String ip6) {
        add(o, alias, s.name());
        a.aliases().forEach(x -> add(o, alias, x));
        if (a.ipv4Address() != null) {
            add(o, ip, a.ipv4Address());
        }
        if (a.ipv6Address() != null) {
            add(o, ip6, a.ipv6Address());
        }
    }

    /** {@code links} (and, on the first network, {@code external_links}) as {@code CONTAINER:ALIAS} on network {@code key}. */
    private static List<String> links(String deployment, ResolvedSpec spec, ServiceSpec s, String key, boolean first) {
        List<String> out = new ArrayList<>();
        for (String link : s.networking().links()) {
            String[] parts = link.split(":", 2);
            ServiceSpec other = spec.service(parts[0]);
            if (other != null && other.networking().networks().containsKey(key)) {
                out.add(ContainerNames.of(deployment, other) + ":" + parts[1]);
            }
        }
        if (first) {
            out.addAll(s.networking().externalLinks());
        }
        return out;
    }

    /**
     * The docker CLI has no flag for a healthcheck's exec form, so {@code [CMD, a, b]} becomes the shell
     * command {@code a b} (words quoted), which the engine runs with {@code /bin/sh -c}.
     */
    private static void healthcheck(Healthcheck h, List<String> o) {
        if (h == null) {
            return;
        }
        if (h.disable() || (h.test() != null && h.test().get(0).equals("NONE"))) {
            o.add("--no-healthcheck");
            return;
        }
        if (h.test() != null) {
            List<String> rest = h.test().subList(1, h.test().size());
            add(o, "--health-cmd", h.test().get(0).equals("CMD-SHELL") ? String.join(" ", rest) : shellJoin(rest));
        }
        duration(o, "--health-interval", h.interval());
        duration(o, "--health-timeout", h.timeout());
        if (h.retries() != null) {
            add(o, "--health-retries", h.retries().toString());
        }
        duration(o, "--health-start-period", h.startPeriod());
        duration(o, "--health-start-interval", h.startInterval());
    }

    private static void duration(List<String> o, String flag, Duration d) {
        if (d != null) {
            add(o, flag, d.toMillis() + "ms");
        }
    }

    static void add(List<String> o, String flag, String value) {
        o.add(flag);
        o.add(value);
    }

    /** Words as a POSIX shell reads them back: plain words as they are, others in single quotes. */
    static String shellJoin(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    /** One word, quoted for a POSIX shell when it needs to be. */
    static String quote(String w) {
        return PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /**
     * Checks what super-privileged mode cannot honour: it always uses the host's network and PID namespace.
     *
     * @throws SpecException naming the key
     */
    static void checkSpc(ServiceSpec s) {
        String p = "services." + s.name() + ".";
        if (!s.networking().ports().isEmpty()) {
            throw new SpecException(p + "ports", "not possible with x-slipway.atomic.spc: super-privileged containers "
                    + "use the host's network (--net=host), so ports are the host's already");
        }
        if (s.keys().contains("networks")) {
            throw new SpecException(p + "networks", "not possible with x-slipway.atomic.spc: super-privileged containers "
                    + "use the host's network (--net=host)");
        }
        if (s.networking().networkMode() != null && !s.networking().networkMode().equals("host")) {
            throw new SpecException(p + "network_mode", "'" + s.networking().networkMode() + "' is not possible with "
                    + "x-slipway.atomic.spc, which uses the host's network (--net=host)");
        }
        if (s.security().pid() != null && !s.security().pid().equals("host")) {
            throw new SpecException(p + "pid", "'" + s.security().pid() + "' is not possible with x-slipway.atomic.spc, which uses "
                    + "the host's PID namespace (--pid=host)");
        }
    }
}
