package io.slipway.spec;

import java.time.Duration;

/**
 * How a service's main process runs. Null means "not given": the image's or the engine's default applies.
 *
 * @param user {@code user}
 * @param workingDir {@code working_dir}
 * @param tty {@code tty}
 * @param stdinOpen {@code stdin_open}
 * @param init {@code init}, or null
 * @param stopSignal {@code stop_signal}
 * @param stopGracePeriod {@code stop_grace_period}
 * @param platform {@code platform}, e.g. {@code linux/amd64}
 * @param runtime {@code runtime}, the OCI runtime's name, e.g. {@code runc}
 */
public record ServiceProcess(String user, String workingDir, boolean tty, boolean stdinOpen, Boolean init,
        String stopSignal, Duration stopGracePeriod, String platform, String runtime) {

    /** Nothing given. */
    public static final ServiceProcess DEFAULTS = new ServiceProcess(null, null, false, false, null, null, null, null,
            null);
}
