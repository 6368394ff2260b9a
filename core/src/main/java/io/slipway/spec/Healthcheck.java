package io.slipway.spec;

import java.time.Duration;
import java.util.List;

/**
 * A service's {@code healthcheck}.
 *
 * @param test the Engine form: {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]}; null: the image's
 * @param interval null: engine default
 * @param timeout null: engine default
 * @param retries null: engine default
 * @param startPeriod null: engine default
 * @param disable true for {@code disable: true} (same as test NONE)
 * @param startInterval {@code start_interval}, the interval during the start period; null: engine default
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Integer retries,
        Duration startPeriod, boolean disable, Duration startInterval) {

    /** A healthcheck without {@code start_interval}. */
    public Healthcheck(List<String> test, Duration interval, Duration timeout, Integer retries, Duration startPeriod,
            boolean disable) {
        this(test, interval, timeout, retries, startPeriod, disable, null);
    }
}
