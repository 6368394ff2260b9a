package io.slipway.engine;

/** The labels through which Slipway knows what a deployment owns. Every container and network it creates carries them. */
public final class Labels {
    /** The deployment's name. */
    public static final String DEPLOYMENT = "io.slipway.deployment";
    /** The service's name in the spec. */
    public static final String SERVICE = "io.slipway.service";
    /** A hash of the effective, interpolated service config: unchanged hash, untouched container. */
    public static final String CONFIG_HASH = "io.slipway.config-hash";
    /**
     * A short digest of each setting the container was made from ({@link io.slipway.spi.ConfigDigests}), no value, so
     * that a plan can name the settings that changed where {@link #CONFIG_HASH} only says that something did.
     */
    public static final String CONFIG_DIGESTS = "io.slipway.config-digests";
    /** The backend that created it. */
    public static final String BACKEND = "io.slipway.backend";
    /** {@code true} on the container of a one-shot task ({@code x-slipway.oneshot}): resume does not run it again. */
    public static final String ONESHOT = "io.slipway.oneshot";
    /**
     * The replica number (from 1) of a container of a service whose replica count is not 1; a container without it
     * is replica 1 (it was made when the service had one).
     */
    public static final String REPLICA = "io.slipway.replica";

    /** The replica number of a container with {@code labels}: {@link #REPLICA}, else 1. */
    public static int replica(java.util.Map<String, String> labels) {
        try {
            return labels == null ? 1 : Integer.parseInt(labels.getOrDefault(REPLICA, "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The container's stop timeout in seconds ({@code stop_grace_period}), when the spec sets one: docker-java
     * cannot read it back, and its stop always sends a timeout, which overrides the container's own.
     */
    public static final String STOP_TIMEOUT = "io.slipway.stop-timeout";

    private Labels() {
    }
}
