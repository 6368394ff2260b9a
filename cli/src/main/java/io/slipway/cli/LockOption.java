package io.slipway.cli;

import picocli.CommandLine.Option;

/**
 * {@code --lock-timeout} and {@code --no-wait}, for the commands that change a deployment: one writer at a time, the
 * others wait for it (or, with {@code --no-wait}, fail at once with exit 1 naming the holder). They set the backend's
 * {@code lock-timeout} option.
 */
final class LockOption {

    private static final String KEY = "lock-timeout";

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "How long to wait while another writer (process or host) changes the same deployment, e.g."
                    + " 30s or 10m. Default: the backend's lock-timeout (5m).")
    private String timeout;

    @Option(names = "--no-wait", description = "Fail at once (exit 1, naming the holder) when another writer changes"
            + " the same deployment.")
    private boolean noWait;

    /** {@code config} with the chosen {@code lock-timeout}, or as it is when neither option was given. */
    String applyTo(String config) {
        if (timeout == null && !noWait) {
            return config;
        }
        if (timeout != null && noWait) {
            throw new UsageException("--lock-timeout and --no-wait exclude each other: --no-wait is --lock-timeout 0s");
        }
        if (config.matches("(?s).*[?&]" + KEY + "=.*")) {
            throw new UsageException("the backend config string already sets " + KEY + "; drop it there or drop "
                    + (noWait ? "--no-wait" : "--lock-timeout"));
        }
        String value = noWait ? "0s" : timeout;
        return config + (config.contains("?") ? "&" : "?") + KEY + "=" + value;
    }
}
