package io.slipway.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a service's resource keys and its {@code deploy} section as {@code docker compose} applies them on one
 * engine: {@code replicas}, {@code resources} and {@code restart_policy} are honoured; the parts that only a swarm
 * gives a meaning to are accepted and ignored with a warning, as Compose does.
 */
final class DeployReader {

    private static final Logger LOG = LoggerFactory.getLogger(DeployReader.class);

    /** The keys of {@code deploy}. */
    static final List<String> DEPLOY_KEYS = List.of("mode", "replicas", "labels", "placement", "resources",
            "restart_policy", "update_config", "rollback_config", "endpoint_mode");
    /** The keys of {@code deploy} that have no meaning on one engine. */
    static final List<String> SWARM_ONLY = List.of("placement", "update_config", "rollback_config", "endpoint_mode",
            "labels");
    /** The keys of {@code deploy.restart_policy} that have no meaning on one engine. */
    static final List<String> SWARM_ONLY_RESTART = List.of("delay", "window");
    private static final List<String> RESOURCES_KEYS = List.of("limits", "reservations");
    private static final List<String> LIMIT_KEYS = List.of("cpus", "memory", "pids");
    private static final List<String> RESERVATION_KEYS = List.of("cpus", "memory", "devices", "generic_resources");
    private static final List<String> RESTART_POLICY_KEYS = List.of("condition", "delay", "max_attempts", "window");
    private static final List<String> MODES = List.of("replicated", "global");
    private static final List<String> CONDITIONS = List.of("none", "on-failure", "any");

    private DeployReader() {
    }

    /** Checks the keys of {@code deploy} before interpolation. */
    static void checkKeys(Object node, String path, Values v) {
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> d = v.map(node, path);
        v.checkKeys(d, path, DEPLOY_KEYS);
        if (d.get("resources") instanceof Map<?, ?>) {
            Map<String, Object> r = v.map(d.get("resources"), path + ".resources");
            v.checkKeys(r, path + ".resources", RESOURCES_KEYS);
            v.checkKeys(v.map(r.get("limits"), path + ".resources.limits"), path + ".resources.limits", LIMIT_KEYS);
            v.checkKeys(v.map(r.get("reservations"), path + ".resources.reservations"), path + ".resources.reservations",
                    RESERVATION_KEYS);
        }
        if (d.get("restart_policy") instanceof Map<?, ?>) {
            v.checkKeys(v.map(d.get("restart_policy"), path + ".restart_policy"), path + ".restart_policy",
                    RESTART_POLICY_KEYS);
        }
    }

    /** The service's resources: its own keys, then {@code deploy.resources} for what they leave unset. */
    static ServiceResources resources(Map<String, Object> s, String p, Values v) {
        Map<String, Object> r = v.map(v.map(s.get("deploy"), p + "deploy").get("resources"), p + "deploy.resources");
        Map<String, Object> limits = v.map(r.get("limits"), p + "deploy.resources.limits");
        Map<String, Object> reserve = v.map(r.get("reservations"), p + "deploy.resources.reservations");
        String lp = p + "deploy.resources.limits.";
        String rp = p + "deploy.resources.reservations.";
        if (reserve.get("devices") != null || reserve.get("generic_resources") != null) {
            String key = reserve.get("devices") != null ? "devices" : "generic_resources";
            throw v.fail(rp + key, "device reservations (GPUs) are not supported by Slipway");
        }
        if (reserve.get("cpus") != null) {
            v.decimal(reserve.get("cpus"), rp + "cpus");
            LOG.warn("{}cpus is a swarm scheduling hint; a single engine ignores it, as docker compose does", rp);
        }
        Double cpus = v.decimal(s.get("cpus"), p + "cpus");
        Long memory = v.bytes(s.get("mem_limit"), p + "mem_limit");
        Long reservation = v.bytes(s.get("mem_reservation"), p + "mem_reservation");
        Long pids = v.longValue(s.get("pids_limit"), p + "pids_limit");
        List<Ulimit> ulimits = new ArrayList<>();
        v.map(s.get("ulimits"), p + "ulimits").forEach((name, node) -> {
            String at = p + "ulimits." + name;
            if (node instanceof Map<?, ?>) {
                Map<String, Object> m = v.map(node, at);
                v.checkKeys(m, at, List.of("soft", "hard"));
                ulimits.add(new Ulimit(name, required(v.longValue(m.get("soft"), at + ".soft"), at + ".soft", v),
                        required(v.longValue(m.get("hard"), at + ".hard"), at + ".hard", v)));
            } else {
                long both = required(v.longValue(node, at), at, v);
                ulimits.add(new Ulimit(name, both, both));
            }
        });
        Long memswap = s.get("memswap_limit") == null ? null
                : "-1".equals(String.valueOf(s.get("memswap_limit")).strip()) ? Long.valueOf(-1)
                : v.bytes(s.get("memswap_limit"), p + "memswap_limit");
        Long oom = v.longValue(s.get("oom_score_adj"), p + "oom_score_adj");
        if (oom != null && (oom < -1000 || oom > 1000)) {
            throw v.fail(p + "oom_score_adj", "must be from -1000 to 1000 but was " + oom);
        }
        List<String> devices = v.strings(s.get("devices"), p + "devices");
        EngineValues.devices(devices, p + "devices", v);
        return new ServiceResources(
                cpus != null ? cpus : v.decimal(limits.get("cpus"), lp + "cpus"),
                v.longValue(s.get("cpu_shares"), p + "cpu_shares"),
                v.string(s.get("cpuset"), p + "cpuset"),
                memory != null ? memory : v.bytes(limits.get("memory"), lp + "memory"),
                reservation != null ? reservation : v.bytes(reserve.get("memory"), rp + "memory"),
                memswap,
                pids != null ? pids : v.longValue(limits.get("pids"), lp + "pids"),
                v.bytes(s.get("shm_size"), p + "shm_size"),
                oom == null ? null : oom.intValue(),
                List.copyOf(ulimits),
                List.copyOf(devices),
                v.string(s.get("cgroup_parent"), p + "cgroup_parent"));
    }

    private static long required(Long value, String path, Values v) {
        if (value == null) {
            throw v.fail(path, "a value is required");
        }
        return value;
    }

    /** {@code deploy.replicas}, else {@code scale}, else 1; {@code mode: global} is one container on one engine. */
    static int replicas(Map<String, Object> s, String p, Values v) {
        Map<String, Object> d = v.map(s.get("deploy"), p + "deploy");
        String mode = v.string(d.get("mode"), p + "deploy.mode");
        if (mode != null && !MODES.contains(mode)) {
            throw v.fail(p + "deploy.mode", "invalid mode '" + mode + "'; valid: " + String.join(", ", MODES));
        }
        if ("global".equals(mode)) {
            LOG.warn("{}deploy.mode: global is one container on a single engine, as docker compose runs it", p);
        }
        Long replicas = v.longValue(d.get("replicas"), p + "deploy.replicas");
        Long scale = v.longValue(s.get("scale"), p + "scale");
        if (replicas != null && scale != null && !replicas.equals(scale)) {
            throw v.fail(p + "scale", "scale (" + scale + ") and deploy.replicas (" + replicas + ") disagree; keep one");
        }
        long n = "global".equals(mode) ? 1 : replicas != null ? replicas : scale != null ? scale : 1;
        if (n < 0 || n > 1000) {
            throw v.fail(p + (replicas != null ? "deploy.replicas" : "scale"), "must be from 0 to 1000 but was " + n);
        }
        return (int) n;
    }

    /**
     * {@code restart}, else {@code deploy.restart_policy} in that form ({@code none} is {@code no}, {@code any} is
     * {@code always}, {@code on-failure} takes {@code max_attempts}), as docker compose maps it.
     */
    static String restart(String restart, Map<String, Object> s, String p, Values v) {
        Map<String, Object> rp = v.map(v.map(s.get("deploy"), p + "deploy").get("restart_policy"),
                p + "deploy.restart_policy");
        if (restart != null || rp.isEmpty()) {
            return restart;
        }
        String at = p + "deploy.restart_policy.";
        String condition = v.string(rp.get("condition"), at + "condition");
        condition = condition == null ? "any" : condition;
        if (!CONDITIONS.contains(condition)) {
            throw v.fail(at + "condition", "invalid condition '" + condition + "'; valid: " + String.join(", ", CONDITIONS));
        }
        Long attempts = v.longValue(rp.get("max_attempts"), at + "max_attempts");
        for (String swarmOnly : SWARM_ONLY_RESTART) {
            if (rp.containsKey(swarmOnly)) {
                v.duration(rp.get(swarmOnly), at + swarmOnly); // checked here; KeySupport says who ignores it
            }
        }
        return switch (condition) {
            case "none" -> "no";
            case "any" -> "always";
            default -> attempts == null ? "on-failure" : "on-failure:" + attempts;
        };
    }
}
