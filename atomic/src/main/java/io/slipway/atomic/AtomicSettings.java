package io.slipway.atomic;

import java.time.Duration;
import java.util.List;

/**
 * The atomic launcher's settings, from its config string.
 *
 * @param agentImage the agent's image
 * @param agentName the agent container's name
 * @param hostSocket the engine socket's path on the engine's host
 * @param hostDirs host directories mounted into the agent at the same paths
 * @param compat2015 whether CONFDIR, LOGDIR and DATADIR are substituted
 * @param removeAgent whether delete removes the agent
 * @param agentTimeout how long the agent may take to become ready
 * @param commandTimeout how long one command in the agent may take
 * @param host {@code $SUDO_UID} and {@code $SUDO_GID}
 */
record AtomicSettings(String agentImage, String agentName, String hostSocket, List<String> hostDirs, boolean compat2015,
        boolean removeAgent, Duration agentTimeout, Duration commandTimeout, HostIdentity host) {

    AtomicSettings {
        hostDirs = List.copyOf(hostDirs);
    }
}
