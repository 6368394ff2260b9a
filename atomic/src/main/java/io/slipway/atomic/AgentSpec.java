package io.slipway.atomic;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent container as it should be: privileged, in the host's network and PID namespaces, with the
 * engine socket at {@code /var/run/docker.sock}, the host's root at {@code /host} and {@code host-dirs} at
 * their own paths, restarted always, kept alive by a {@code docker events} that matches nothing (so the
 * image needs nothing but a docker CLI on PATH), labelled as Slipway's agent with the hash of all this.
 *
 * @param image the image reference
 * @param imageId the image's id (a new build under the same tag is a change)
 * @param name the container name
 * @param hostSocket the engine's socket path on the host
 * @param hostDirs host directories mounted at the same paths
 */
record AgentSpec(String image, String imageId, String name, String hostSocket, List<String> hostDirs) {

    /** Marks Slipway's agent containers. */
    static final String AGENT_LABEL = "io.slipway.agent";
    /** The hash of the agent's config: a different hash replaces the agent. */
    static final String HASH_LABEL = "io.slipway.agent.config-hash";
    /** Where the engine socket is in the agent (the docker CLI's default). */
    static final String SOCKET = "/var/run/docker.sock";
    /** Where the host's root is in the agent (atomic's convention, as in SPC_ARGS). */
    static final String HOST_ROOT = "/host";
    /** The agent's process: blocks on the engine's event stream, filtered to nothing. */
    static final List<String> IDLE = List.of("docker", "events", "--filter", "label=io.slipway.agent.idle");

    AgentSpec {
        hostDirs = List.copyOf(hostDirs);
    }

    /** The bind mounts, in order. */
    List<String> binds() {
        List<String> binds = new ArrayList<>(List.of(hostSocket + ":" + SOCKET, "/:" + HOST_ROOT));
        hostDirs.forEach(d -> binds.add(d + ":" + d));
        return binds;
    }

    /** The hash of everything the container is created from. */
    String hash() {
        return Hashes.of("agent-v1", image, imageId, name, binds(), IDLE,
                "privileged,net=host,pid=host,restart=always");
    }

    /** The labels of the agent container. */
    Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(AGENT_LABEL, "true");
        l.put(HASH_LABEL, hash());
        l.put(io.slipway.engine.Labels.BACKEND, AtomicProvider.NAME);
        return l;
    }

    /** The host config of the agent container. */
    HostConfig hostConfig() {
        return HostConfig.newHostConfig().withPrivileged(true).withNetworkMode("host").withPidMode("host")
                .withBinds(binds().stream().map(Bind::parse).toList())
                .withRestartPolicy(RestartPolicy.alwaysRestart());
    }
}
