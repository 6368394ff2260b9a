package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exact inspect values that {@code engine-keys-inspect.yaml} must give its two containers, whatever backend
 * created them: each Compose key as {@code docker run} maps it onto the Engine API.
 */
final class EngineKeyChecks {

    private static final long MIB = 1024L * 1024L;

    private EngineKeyChecks() {
    }

    /** The engine's own platform, as {@code platform:} names it: {@code linux/amd64} on an x86_64 engine. */
    static String enginePlatform() {
        Info info = TestEngine.client().infoCmd().exec();
        String arch = switch (info.getArchitecture()) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> info.getArchitecture();
        };
        return info.getOsType() + "/" + arch;
    }

    /**
     * The file log driver of the engine, which {@code engine-keys-inspect.yaml}'s {@code logging.driver} is set to:
     * {@code json-file} where the engine lists it among its log plugins (Docker), else {@code k8s-file} (Podman has
     * no json-file), else the first it lists.
     */
    static String fileLogDriver() {
        Map<String, List<String>> plugins = TestEngine.client().infoCmd().exec().getPlugins();
        List<String> log = plugins == null || plugins.get("Log") == null ? List.of() : plugins.get("Log");
        for (String preferred : List.of("json-file", "k8s-file")) {
            if (log.contains(preferred)) {
                return preferred;
            }
        }
        return log.isEmpty() ? "json-file" : log.get(0);
    }

    /**
     * The service-level keys of {@code keys}.
     *
     * @param setsCgroup whether the spec the backend ran had {@code cgroup} (docker-compose v1 refuses it)
     * @param setsMacAddress whether the spec the backend ran had {@code mac_address} (atomic refuses it where the
     *     agent's docker CLI cannot set it)
     */
    static void serviceLevel(InspectContainerResponse keys, boolean setsCgroup, boolean setsMacAddress) {
        HostConfig h = keys.getHostConfig();
        ContainerConfig c = keys.getConfig();
        assertEquals(64 * MIB, h.getMemory(), "mem_limit");
        assertEquals(32 * MIB, h.getMemoryReservation(), "mem_reservation");
        assertEquals(128 * MIB, h.getMemorySwap(), "memswap_limit");
        assertEquals(500_000_000L, h.getNanoCPUs(), "cpus");
        assertEquals(512, h.getCpuShares(), "cpu_shares");
        assertEquals("0", h.getCpusetCpus(), "cpuset");
        assertEquals(500, h.getOomScoreAdj(), "oom_score_adj");
        Device[] devices = h.getDevices();
        assertNotNull(devices, "devices");
        assertEquals(List.of("/dev/null /dev/mynull rwm", "/dev/zero /dev/zero rw"), Arrays.stream(devices)
                .map(d -> d.getPathOnHost() + " " + d.getPathInContainer() + " " + d.getcGroupPermissions()).toList(),
                "devices (HOST:PERMISSIONS is the host path in the container too)");
        assertEquals(List.of("10.0.0.53"), List.of(h.getDns()), "dns");
        assertEquals(List.of("ndots:2"), h.getDnsOptions(), "dns_opt");
        // The engine adds label=disable of its own to a container with pid: host.
        assertTrue(h.getSecurityOpts().contains("no-new-privileges:true"), "security_opt: " + h.getSecurityOpts());
        // Read raw: docker-java's model names Docker's built-in drivers only (Podman's k8s-file is not one).
        Object logConfig = ((Map<?, ?>) TestEngine.inspectRaw(keys.getId()).get("HostConfig")).get("LogConfig");
        assertEquals(fileLogDriver(), ((Map<?, ?>) logConfig).get("Type"), "logging.driver");
        assertEquals(Map.of("max-size", "1m", "max-file", "2"), h.getLogConfig().getConfig(), "logging.options");
        assertEquals("shareable", h.getIpcMode(), "ipc");
        assertEquals("host", h.getUsernsMode(), "userns_mode");
        assertEquals("slipway-keys", h.getCgroupParent(), "cgroup_parent");
        if (setsCgroup) {
            assertEquals("private", h.getCgroupnsMode(), "cgroup");
        }
        assertEquals("unless-stopped", h.getRestartPolicy().getName(), "restart");
        assertEquals(List.of("SYS_NICE"), capabilities(h.getCapAdd()), "cap_add");
        assertEquals(List.of("NET_RAW"), capabilities(h.getCapDrop()), "cap_drop");
        assertEquals("host", h.getPidMode(), "pid");
        assertEquals("runc", h.getRuntime(), "runtime");
        assertTrue(List.of(c.getExposedPorts()).contains(ExposedPort.tcp(7070)), "expose: " + List.of(c.getExposedPorts()));
        assertEquals(30_000_000_000L, c.getHealthcheck().getStartPeriod(), "healthcheck.start_period");
        // docker-java's model has neither StopSignal nor StopTimeout.
        Map<?, ?> raw = (Map<?, ?>) TestEngine.inspectRaw(keys.getId()).get("Config");
        assertEquals("SIGUSR1", raw.get("StopSignal"), "stop_signal");
        assertEquals(3, raw.get("StopTimeout"), "stop_grace_period");
        if (setsMacAddress) {
            Map<String, ContainerNetwork> networks = keys.getNetworkSettings().getNetworks();
            assertEquals(1, networks.size(), networks.keySet().toString());
            assertEquals("02:42:ac:1e:5a:01", networks.values().iterator().next().getMacAddress(), "mac_address");
        }
        assertEquals("linux", keys.getPlatform(), "platform");
    }

    /** The {@code deploy} keys, {@code ipc: service:keys} and {@code healthcheck.disable} of {@code probe}. */
    static void deployLevel(InspectContainerResponse probe, String keysId) {
        HostConfig h = probe.getHostConfig();
        assertEquals(250_000_000L, h.getNanoCPUs(), "deploy.resources.limits.cpus");
        assertEquals(48 * MIB, h.getMemory(), "deploy.resources.limits.memory");
        assertEquals(40L, h.getPidsLimit(), "deploy.resources.limits.pids");
        assertEquals(16 * MIB, h.getMemoryReservation(), "deploy.resources.reservations.memory");
        assertEquals("on-failure", h.getRestartPolicy().getName(), "deploy.restart_policy.condition");
        assertEquals(2, h.getRestartPolicy().getMaximumRetryCount(), "deploy.restart_policy.max_attempts");
        assertEquals("container:" + keysId, h.getIpcMode(), "ipc: service:keys");
        assertEquals(List.of("NONE"), probe.getConfig().getHealthcheck().getTest(), "healthcheck.disable");
    }

    /** Capability names without the {@code CAP_} prefix, which engines add or leave out by version. */
    private static List<String> capabilities(Object[] caps) {
        assertNotNull(caps, "capabilities");
        return Arrays.stream(caps).map(c -> c.toString().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")).toList();
    }
}
