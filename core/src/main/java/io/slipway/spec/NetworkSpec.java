package io.slipway.spec;

import java.util.List;
import java.util.Map;

/**
 * One network under the top-level {@code networks} (or the implicit {@code default}).
 *
 * @param key the network's key in the spec, which services name
 * @param name {@code name}: the engine's name for it, as given; null lets the backend scope it to the deployment.
 *        An {@code external} network's name is always set (its key when {@code name} is not given)
 * @param external {@code external}: it exists already; it is never created nor removed
 * @param driver {@code driver}, or null for the engine's default ({@code bridge})
 * @param driverOpts {@code driver_opts}
 * @param internal {@code internal}: no route outside
 * @param attachable {@code attachable}
 * @param enableIpv6 {@code enable_ipv6}
 * @param labels {@code labels}
 * @param ipamDriver {@code ipam.driver}, or null
 * @param ipamPools {@code ipam.config} entries
 */
public record NetworkSpec(String key, String name, boolean external, String driver, Map<String, String> driverOpts,
        boolean internal, boolean attachable, boolean enableIpv6, Map<String, String> labels, String ipamDriver,
        List<IpamPool> ipamPools) {

    /** The implicit {@code default} network: a bridge scoped to the deployment. */
    public static NetworkSpec implicitDefault() {
        return new NetworkSpec(ServiceNetworking.DEFAULT_NETWORK, null, false, null, Map.of(), false, false, false,
                Map.of(), null, List.of());
    }

    /**
     * One {@code ipam.config} entry.
     *
     * @param subnet {@code subnet} in CIDR form
     * @param gateway {@code gateway}, or null
     * @param ipRange {@code ip_range}, or null
     */
    public record IpamPool(String subnet, String gateway, String ipRange) {
    }
}
