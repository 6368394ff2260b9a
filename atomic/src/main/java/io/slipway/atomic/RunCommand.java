package io.slipway.atomic;

import java.util.List;
import java.util.Map;

/**
 * How a service's container is started, as {@link LaunchDecision} works it out for both the apply and the plan: the
 * argv run in the agent, its environment, their hash (what a later apply compares with to keep or replace the
 * container), the digest of each setting (so a plan names what changed) and the network joins after the first.
 *
 * @param label whether the image's RUN label starts it (else atomic's default run)
 * @param argv the command run in the agent
 * @param env the command's environment (may hold secret values: never shown)
 * @param hash the config hash, recorded on the container's label or the service's record
 * @param digests the digest of each setting ({@link io.slipway.spi.ConfigDigests}), recorded beside the hash
 * @param connects the {@code docker network connect} commands for the networks after the first
 */
record RunCommand(boolean label, List<String> argv, Map<String, String> env, String hash, Map<String, String> digests,
        List<List<String>> connects) {

    RunCommand {
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        digests = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(digests));
        connects = List.copyOf(connects);
    }

    /** No values: the environment may hold secrets. */
    @Override
    public String toString() {
        return "RunCommand[" + (label ? "RUN label" : "default run") + ", hash=" + hash + "]";
    }
}
