package io.slipway.atomic;

import static io.slipway.atomic.DefaultRunCommand.add;

import io.slipway.spec.ServiceNetworking;
import io.slipway.spec.ServiceProcess;
import io.slipway.spec.ServiceResources;
import io.slipway.spec.ServiceSecurity;
import io.slipway.spec.ServiceSpec;
import java.math.BigDecimal;
import java.util.List;

/**
 * The Compose keys that are one {@code docker run} flag each (process, resources, security, name resolution,
 * logging), for atomic's default run; each is given only when the spec gave it, so the engine's defaults stay.
 */
final class EngineFlags {

    private EngineFlags() {
    }

    /**
     * Adds the flags of {@code s} to {@code o}.
     *
     * @param ipc the service's {@code ipc} as the engine takes it ({@code service:NAME} already resolved)
     */
    static void flags(List<String> o, ServiceSpec s, String ipc) {
        ServiceProcess p = s.process();
        flag(o, p.init() != null && p.init(), "--init");
        flag(o, p.tty(), "-t");
        flag(o, p.stdinOpen() && !o.contains("-i"), "-i");
        value(o, "--platform", p.platform());
        value(o, "--runtime", p.runtime());
        ServiceResources r = s.resources();
        value(o, "--cpus", r.cpus() == null ? null : BigDecimal.valueOf(r.cpus()).stripTrailingZeros().toPlainString());
        value(o, "--cpu-shares", r.cpuShares());
        value(o, "--cpuset-cpus", r.cpuset());
        value(o, "--memory", r.memLimit());
        value(o, "--memory-reservation", r.memReservation());
        value(o, "--memory-swap", r.memswapLimit());
        value(o, "--pids-limit", r.pidsLimit());
        value(o, "--shm-size", r.shmSize());
        value(o, "--oom-score-adj", r.oomScoreAdj());
        r.ulimits().forEach(u -> add(o, "--ulimit", u.name() + "=" + u.soft() + ":" + u.hard()));
        r.devices().forEach(d -> add(o, "--device", d));
        value(o, "--cgroup-parent", r.cgroupParent());
        ServiceSecurity sec = s.security();
        value(o, "--pid", sec.pid());
        value(o, "--ipc", ipc);
        sec.securityOpt().forEach(x -> add(o, "--security-opt", x));
        flag(o, sec.readOnly(), "--read-only");
        value(o, "--userns", sec.usernsMode());
        sec.groupAdd().forEach(g -> add(o, "--group-add", g));
        value(o, "--cgroupns", sec.cgroup());
        sec.sysctls().forEach((k, v) -> add(o, "--sysctl", k + "=" + v));
        ServiceNetworking n = s.networking();
        n.expose().forEach(e -> add(o, "--expose", e));
        value(o, "--domainname", n.domainname());
        value(o, "--mac-address", n.macAddress());
        n.dns().forEach(d -> add(o, "--dns", d));
        n.dnsSearch().forEach(d -> add(o, "--dns-search", d));
        n.dnsOpt().forEach(d -> add(o, "--dns-option", d));
        if (s.logging() != null) {
            value(o, "--log-driver", s.logging().driver());
            s.logging().options().forEach((k, v) -> add(o, "--log-opt", k + "=" + v));
        }
    }

    private static void flag(List<String> o, boolean set, String flag) {
        if (set) {
            o.add(flag);
        }
    }

    private static void value(List<String> o, String flag, Object value) {
        if (value != null) {
            add(o, flag, value.toString());
        }
    }
}
