package io.slipway.dockerrun;

import io.slipway.engine.EngineOptions;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.spi.LauncherOption;
import java.time.Duration;
import java.util.List;

/**
 * The options of the {@code docker-run} backend ({@code docker-run[:ENGINE][?key=value...]}): its own, and those
 * it shares with the other Engine-API backends ({@link EngineOptions}).
 */
public final class DockerRunOptions {

    /** {@code pull=missing|always|never}. */
    public static final LauncherOption<PullPolicy> PULL = LauncherOption.choice("pull", PullPolicy.class,
            PullPolicy.MISSING, "when to pull images");
    /** {@code pull-timeout=5m}: bounds a build too. */
    public static final LauncherOption<Duration> PULL_TIMEOUT = LauncherOption.duration("pull-timeout",
            Duration.ofMinutes(5), "how long an image pull or build may take");

    /** {@code stop-timeout=0s}: one grace period for every stop, instead of each container's own. */
    public static final LauncherOption<Duration> STOP_TIMEOUT = LauncherOption.duration("stop-timeout", null,
            "grace period for stopping containers on replace, suspend and delete (default: each container's "
                    + "stop_grace_period, else 10s)");

    /** Every option, in the order {@code slipway backends} lists them. */
    static final List<LauncherOption<?>> ALL = List.of(PULL, EngineOptions.ON_FAILURE, EngineOptions.API_VERSION,
            EngineOptions.CONTEXT, EngineOptions.TLS_VERIFY, EngineOptions.CERT_PATH, PULL_TIMEOUT, STOP_TIMEOUT, EngineOptions.LOCK_TIMEOUT);

    private DockerRunOptions() {
    }
}
