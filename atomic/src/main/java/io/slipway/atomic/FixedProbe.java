package io.slipway.atomic;

import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.util.regex.Pattern;

/**
 * A probe that answers with a known state and nothing else: for judging a container without waiting (a
 * finished task left from an earlier apply), or a RUN label command whose container is gone by its exit code.
 *
 * @param state the state to report
 */
record FixedProbe(ContainerState state) implements ContainerProbe {

    /** A container that exited with {@code code}. */
    static FixedProbe exited(int code) {
        return new FixedProbe(new ContainerState(ContainerState.Status.EXITED, code, ContainerState.Health.NONE, null,
                null, null));
    }

    @Override
    public boolean logMatches(Pattern pattern) {
        return false;
    }

    @Override
    public String tcpProbe(int port) {
        return "not probed";
    }

    @Override
    public int httpProbe(int port, String path) {
        return -1;
    }

    @Override
    public String lastProbeError() {
        return "not probed";
    }
}
