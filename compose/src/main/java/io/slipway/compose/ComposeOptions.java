package io.slipway.compose;

import io.slipway.engine.EngineOptions;
import io.slipway.engine.EngineOptions.FailurePolicy;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.spi.LauncherOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options of the {@code compose} backend ({@code compose[:ENGINE][?key=value...]}). The engine's TLS options
 * ({@code tls-verify}, {@code cert-path}) are those of docker-run, for Slipway's connection and the tool's alike.
 */
public final class ComposeOptions {

    /** The environment variable that overrides the {@code binary} option; it takes the same values. */
    public static final String BINARY_ENV = "SLIPWAY_COMPOSE_CMD";

    /** The spellings of {@code binary} besides an absolute path. */
    static final List<String> BINARY_NAMES = List.of("auto", "docker-compose", "docker");

    /** {@code binary=auto|docker-compose|docker|/absolute/path}. */
    public static final LauncherOption<String> BINARY = new LauncherOption<>("binary", String.class, "auto",
            "the Compose tool: auto (docker compose v2, else docker-compose), docker-compose, docker, or an absolute "
                    + "path to either; v1 or v2 is told by its version output (env " + BINARY_ENV + " overrides)",
            List.of(), false, ComposeOptions::binary);
    /** {@code work-dir=/path}: where each deployment's compose file and env file are kept. */
    public static final LauncherOption<String> WORK_DIR = new LauncherOption<>("work-dir", String.class, null,
            "directory for the per-deployment compose and env files (default: $XDG_STATE_HOME/slipway/compose, "
                    + "else ~/.local/state/slipway/compose)", List.of(), false, ComposeOptions::absolute);
    /** {@code remove-volumes=true}: {@code delete} also removes the deployment's volumes. */
    public static final LauncherOption<Boolean> REMOVE_VOLUMES = LauncherOption.bool("remove-volumes", false,
            "delete also removes the deployment's volumes (down -v)");
    /** {@code pull=missing|always|never}. */
    public static final LauncherOption<PullPolicy> PULL = LauncherOption.choice("pull", PullPolicy.class,
            PullPolicy.MISSING, "when to pull images (always: a pull before up; never: fail on a missing image)");
    /** {@code timeout=10m}: the watchdog of every tool run. */
    public static final LauncherOption<Duration> TIMEOUT = LauncherOption.duration("timeout", Duration.ofMinutes(10),
            "how long one run of the Compose tool may take before it is killed");
    /** {@code stop-timeout=10s}: how long a stopping container may take (up -t, down -t). */
    public static final LauncherOption<Duration> STOP_TIMEOUT = LauncherOption.duration("stop-timeout", null,
            "grace period for stopping containers on replace and delete (default: Compose's, stop_grace_period or 10s)");
    /** {@code on-failure=keep|remove}. */
    public static final LauncherOption<FailurePolicy> ON_FAILURE = LauncherOption.choice("on-failure",
            FailurePolicy.class, FailurePolicy.KEEP, "what to do with containers of failed services");

    /** Every option, in the order {@code slipway backends} lists them. */
    static final List<LauncherOption<?>> ALL = List.of(BINARY, WORK_DIR, REMOVE_VOLUMES, PULL, TIMEOUT, STOP_TIMEOUT,
            ON_FAILURE, EngineOptions.CONTEXT, EngineOptions.TLS_VERIFY, EngineOptions.CERT_PATH, EngineOptions.LOCK_TIMEOUT);

    private ComposeOptions() {
    }

    /** Accepts the {@code binary} forms; whether the file exists is checked when the launcher opens. */
    static String binary(String text) {
        if (BINARY_NAMES.contains(text) || Path.of(text).isAbsolute()) {
            return text;
        }
        throw new IllegalArgumentException("must be " + String.join(", ", BINARY_NAMES) + " or an absolute path");
    }

    private static String absolute(String text) {
        if (!Path.of(text).isAbsolute()) {
            throw new IllegalArgumentException("must be an absolute path");
        }
        return text;
    }
}
