package io.slipway.dockerrun;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import io.slipway.engine.NamedLogConfig;
import io.slipway.spec.ServiceProcess;
import io.slipway.spec.ServiceResources;
import io.slipway.spec.ServiceSecurity;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Compose keys that map one to one onto the Engine API's create request ({@code docker run}'s flags of the same
 * names): process, resources, security and name-resolution options. Each is set only when the spec gave it, so the
 * engine's defaults stay the engine's.
 */
final class EngineKeys {

    private static final long NANOS_PER_CPU = 1_000_000_000L;
    private static final java.util.regex.Pattern PERMISSIONS = java.util.regex.Pattern.compile("[rwm]{1,3}");

    private EngineKeys() {
    }

    /**
     * Sets the host-config keys of {@code s}.
     *
     * @param ipc the service's {@code ipc} as the engine takes it ({@code service:NAME} already resolved)
     */
    static void host(HostConfig host, ServiceSpec s, String ipc) {
        ServiceProcess p = s.process();
        if (p.init() != null) {
            host.withInit(p.init());
        }
        if (p.runtime() != null) {
            host.withRuntime(p.runtime());
        }
        ServiceResources r = s.resources();
        if (r.cpus() != null) {
            host.withNanoCPUs(Math.round(r.cpus() * NANOS_PER_CPU));
        }
        if (r.cpuShares() != null) {
            host.withCpuShares(r.cpuShares().intValue());
        }
        if (r.cpuset() != null) {
            host.withCpusetCpus(r.cpuset());
        }
        if (r.memLimit() != null) {
            host.withMemory(r.memLimit());
        }
        if (r.memReservation() != null) {
            host.withMemoryReservation(r.memReservation());
        }
        if (r.memswapLimit() != null) {
            host.withMemorySwap(r.memswapLimit());
        }
        if (r.pidsLimit() != null) {
            host.withPidsLimit(r.pidsLimit());
        }
        if (r.shmSize() != null) {
            host.withShmSize(r.shmSize());
        }
        if (r.oomScoreAdj() != null) {
            host.withOomScoreAdj(r.oomScoreAdj());
        }
        if (!r.ulimits().isEmpty()) {
            host.withUlimits(r.ulimits().stream()
                    .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.soft(), u.hard())).toList());
        }
        if (!r.devices().isEmpty()) {
            host.withDevices(devices(r.devices(), s.name()));
        }
        if (r.cgroupParent() != null) {
            host.withCgroupParent(r.cgroupParent());
        }
        ServiceSecurity sec = s.security();
        if (sec.pid() != null) {
            host.withPidMode(sec.pid());
        }
        if (ipc != null) {
            host.withIpcMode(ipc);
        }
        if (!sec.securityOpt().isEmpty()) {
            host.withSecurityOpts(sec.securityOpt());
        }
        if (sec.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        if (sec.usernsMode() != null) {
            host.withUsernsMode(sec.usernsMode());
        }
        if (!sec.groupAdd().isEmpty()) {
            host.withGroupAdd(sec.groupAdd());
        }
        if (sec.cgroup() != null) {
            host.withCgroupnsMode(sec.cgroup());
        }
        if (!sec.sysctls().isEmpty()) {
            host.withSysctls(sec.sysctls());
        }
        if (!s.networking().dns().isEmpty()) {
            host.withDns(s.networking().dns());
        }
        if (!s.networking().dnsSearch().isEmpty()) {
            host.withDnsSearch(s.networking().dnsSearch());
        }
        if (!s.networking().dnsOpt().isEmpty()) {
            host.withDnsOptions(s.networking().dnsOpt());
        }
        if (s.logging() != null) {
            host.withLogConfig(s.logging().driver() == null ? new LogConfig(null, s.logging().options())
                    : new NamedLogConfig(s.logging().driver(), s.logging().options()));
        }
    }

    /** Sets the container-config keys of {@code s}. */
    static void container(CreateContainerCmd cmd, ServiceSpec s) {
        ServiceProcess p = s.process();
        if (p.tty()) {
            cmd.withTty(true);
        }
        if (p.stdinOpen()) {
            cmd.withStdinOpen(true);
        }
        if (p.platform() != null) {
            cmd.withPlatform(p.platform());
        }
        if (s.networking().domainname() != null) {
            cmd.withDomainName(s.networking().domainname());
        }
        if (s.networking().macAddress() != null) {
            cmd.withMacAddress(s.networking().macAddress());
        }
    }

    /** {@code HOST[:CONTAINER[:PERMISSIONS]]}, as {@code docker run --device}. */
    private static List<Device> devices(List<String> entries, String service) {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(":", -1);
            if (parts.length > 3 || parts[0].isEmpty()) {
                throw new SpecException("services." + service + ".devices[" + i + "]", "invalid device '"
                        + entries.get(i) + "'; write HOST[:CONTAINER[:PERMISSIONS]], e.g. /dev/fuse:/dev/fuse:rwm");
            }
            // HOST:PERMISSIONS (docker run's reading when the second part is only r, w and m; core checked the rest).
            boolean permsOnly = parts.length == 2 && PERMISSIONS.matcher(parts[1]).matches();
            String container = parts.length > 1 && !parts[1].isEmpty() && !permsOnly ? parts[1] : parts[0];
            String perms = parts.length > 2 ? parts[2] : permsOnly ? parts[1] : "rwm";
            out.add(new Device(perms, container, parts[0]));
        }
        return out;
    }
}
