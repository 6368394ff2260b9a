package io.slipway.spec;

import java.util.Map;

/**
 * A service's {@code logging}.
 *
 * @param driver the log driver, or null for the engine's default
 * @param options the driver's options
 */
public record Logging(String driver, Map<String, String> options) {
}
