package io.slipway.spec;

/**
 * One entry of a service's {@code ulimits}: {@code nofile: 1024} (soft and hard alike) or
 * {@code nofile: {soft: 1024, hard: 2048}}.
 *
 * @param name the resource, e.g. {@code nofile}
 * @param soft the soft limit
 * @param hard the hard limit
 */
public record Ulimit(String name, long soft, long hard) {
}
