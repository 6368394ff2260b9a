package io.slipway.spec;

import java.util.Locale;

/** Compose's {@code depends_on} conditions: what a dependency must reach before a dependant starts. */
public enum DependencyCondition {
    /** The dependency's container has started (the short form's meaning). */
    SERVICE_STARTED,
    /** The dependency's healthcheck reports healthy. */
    SERVICE_HEALTHY,
    /** The dependency ran to completion with exit code 0. */
    SERVICE_COMPLETED_SUCCESSFULLY;

    /** The spec's spelling, e.g. {@code service_healthy}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
