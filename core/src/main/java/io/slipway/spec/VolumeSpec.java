package io.slipway.spec;

import java.util.Map;

/**
 * One named volume under the top-level {@code volumes}.
 *
 * @param key the volume's key in the spec, which mounts name
 * @param name {@code name}: the engine's name, as given; null lets the backend scope it to the deployment. An
 *        {@code external} volume's name is always set (its key when {@code name} is not given)
 * @param external {@code external}: it exists already; it is never created nor removed
 * @param driver {@code driver}, or null for {@code local}
 * @param driverOpts {@code driver_opts}
 * @param labels {@code labels}
 */
public record VolumeSpec(String key, String name, boolean external, String driver, Map<String, String> driverOpts,
        Map<String, String> labels) {
}
