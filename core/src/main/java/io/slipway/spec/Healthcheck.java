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
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Integer retries,
        Duration startPeriod, boolean disable) {
}
