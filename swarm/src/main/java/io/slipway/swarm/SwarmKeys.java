package io.slipway.swarm;

import io.slipway.spec.KeySupport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service keys a swarm gives no meaning to, each with why, as {@code docker stack deploy} refuses or drops them.
 * Refusing them by name, before anything is created, is the rule every backend follows: no key is silently dropped.
 */
final class SwarmKeys {

    private static final String ONE_ENGINE = "it names something of one engine; a task may run on any node";
    private static final String NOT_IN_TASK = "a swarm task spec has no such setting";

    private SwarmKeys() {
    }

    /** The keys the swarm backend refuses, with the engine's own (features its API version lacks). */
    static KeySupport support(Map<String, String> engine) {
        Map<String, String> m = new LinkedHashMap<>(engine);
        m.put("container_name", "a swarm names a service's task containers itself (<service>.<slot>.<task id>)");
        m.put("build", "a swarm runs images; build the image first and name it with image:");
        m.put("privileged", "swarm services cannot run privileged containers");
        m.put("network_mode", "a service joins overlay networks; " + ONE_ENGINE);
        m.put("pid", NOT_IN_TASK + " (" + ONE_ENGINE + ")");
        m.put("ipc", NOT_IN_TASK + " (" + ONE_ENGINE + ")");
        m.put("userns_mode", NOT_IN_TASK);
        m.put("cgroup", NOT_IN_TASK);
        m.put("cgroup_parent", NOT_IN_TASK);
        m.put("devices", "swarm services cannot map host devices");
        m.put("links", "links are a single-engine feature; services reach each other by name on their networks");
        m.put("external_links", "links are a single-engine feature");
        m.put("mac_address", NOT_IN_TASK);
        m.put("domainname", NOT_IN_TASK);
        m.put("cpuset", NOT_IN_TASK);
        m.put("cpu_shares", NOT_IN_TASK);
        m.put("memswap_limit", NOT_IN_TASK);
        m.put("mem_swappiness", NOT_IN_TASK);
        m.put("oom_score_adj", NOT_IN_TASK);
        m.put("shm_size", NOT_IN_TASK);
        m.put("ulimits", "not mapped by this backend yet (the client library cannot send them)");
        m.put("cap_add", "not mapped by this backend yet (the client library cannot send them)");
        m.put("cap_drop", "not mapped by this backend yet (the client library cannot send them)");
        m.put("sysctls", "not mapped by this backend yet (the client library cannot send them)");
        m.put("security_opt", NOT_IN_TASK);
        m.put("group_add", "not mapped by this backend yet");
        m.put("runtime", "a swarm task's runtime names a plugin, not an OCI runtime");
        m.put("platform", "not mapped by this backend; use deploy.placement.constraints (node.platform.arch)");
        m.put("volumes.bind.create_host_path", "a swarm never creates a bind mount's host path");
        m.put("volumes.bind.selinux", NOT_IN_TASK);
        m.put("deploy.resources.limits.pids", "not mapped by this backend yet (needs API 1.41 and a newer client)");
        return KeySupport.onSwarm(SwarmProvider.NAME, m);
    }
}
