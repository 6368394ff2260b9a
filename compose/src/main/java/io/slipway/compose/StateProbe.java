package io.slipway.compose;

import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.util.regex.Pattern;

/** A probe that answers with a known state and observes nothing else, to judge a finished container without waiting. */
record StateProbe(ContainerState state) implements ContainerProbe {

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
