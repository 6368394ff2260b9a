package io.slipway.wait;

import java.util.regex.Pattern;

/**
 * What a backend can observe of one container, for {@link WaitCondition#check}. Implementations are
 * cheap to call repeatedly: state comes from the backend's latest event or inspection, logs from a
 * stream the backend follows. No method may run anything inside the container.
 */
public interface ContainerProbe {

    /** The container's current state. */
    ContainerState state();

    /** True if a line of the container's stdout or stderr seen so far matches {@code pattern}. */
    boolean logMatches(Pattern pattern);

    /**
     * Tries a TCP connection to the container's {@code port} (through its published host port when
     * published). Returns null when it connects, else what went wrong.
     */
    String tcpProbe(int port);

    /**
     * Sends {@code GET path} to the container's {@code port}. Returns the HTTP status, or a negative
     * number when no answer came; {@link #lastProbeError()} then says why.
     */
    int httpProbe(int port, String path);

    /** Why the last network probe failed, or null. */
    String lastProbeError();

    /**
     * A probe that reports {@code state} and observes nothing else: for judging a container without
     * waiting, e.g. a finished task left by an earlier apply.
     */
    static ContainerProbe of(ContainerState state) {
        return new ContainerProbe() {
            @Override
            public ContainerState state() {
                return state;
            }

            @Override
            public boolean logMatches(java.util.regex.Pattern pattern) {
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
        };
    }
}
