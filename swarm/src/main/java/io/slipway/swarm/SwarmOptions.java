package io.slipway.swarm;

import io.slipway.engine.EngineOptions;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.spi.LauncherOption;
import java.time.Duration;
import java.util.List;

/**
 * The options of the {@code swarm} backend ({@code swarm[:ENGINE][?key=value...]}): the manager's address is the
 * target; the connection and lock options are those every Engine-API backend shares ({@link EngineOptions}).
 */
public final class SwarmOptions {

    /**
     * {@code pull=missing|always|never}: on the manager, before the service is created. Services name the image by
     * its id, so the nodes never ask a registry for a digest.
     */
    public static final LauncherOption<PullPolicy> PULL = LauncherOption.choice("pull", PullPolicy.class,
            PullPolicy.MISSING, "when the manager pulls images (services run them by image id)");
    /** {@code pull-timeout=5m}. */
    public static final LauncherOption<Duration> PULL_TIMEOUT = LauncherOption.duration("pull-timeout",
            Duration.ofMinutes(5), "how long an image pull may take");

    /** Every option, in the order {@code slipway backends} lists them. */
    static final List<LauncherOption<?>> ALL = List.of(PULL, EngineOptions.API_VERSION, EngineOptions.CONTEXT, EngineOptions.TLS_VERIFY,
            EngineOptions.CERT_PATH, PULL_TIMEOUT, EngineOptions.LOCK_TIMEOUT);

    private SwarmOptions() {
    }
}
