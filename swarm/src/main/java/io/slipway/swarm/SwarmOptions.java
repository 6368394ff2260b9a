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

    /**
     * {@code monitor=5s}: how long a created or updated service must stay converged before its wait succeeds, for
     * services whose {@code deploy.update_config.monitor} is not given. When set, it is also sent as those services'
     * update monitor, so that the swarm's rolling updates and Slipway's wait judge the same span; unset, the swarm's
     * own default (5 s) holds for both.
     */
    public static final LauncherOption<Duration> MONITOR = LauncherOption.duration("monitor",
            StackMapping.DEFAULT_MONITOR, "how long a changed service must stay converged when its "
            + "deploy.update_config.monitor is not given (also its update monitor)");

    /** Every option, in the order {@code slipway backends} lists them. */
    static final List<LauncherOption<?>> ALL = List.of(PULL, EngineOptions.API_VERSION, EngineOptions.CONTEXT, EngineOptions.TLS_VERIFY,
            EngineOptions.CERT_PATH, PULL_TIMEOUT, MONITOR, EngineOptions.LOCK_TIMEOUT);

    private SwarmOptions() {
    }
}
