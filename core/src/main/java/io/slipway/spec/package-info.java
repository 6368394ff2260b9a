/**
 * The deployment spec: the Compose format plus {@code x-slipway} extensions ({@link io.slipway.spec.LaunchSpec}),
 * its reader, Compose interpolation ({@link io.slipway.spec.Interpolator}) and the resolved, typed
 * service model ({@link io.slipway.spec.ResolvedSpec}, {@link io.slipway.spec.ServiceSpec}) backends consume.
 */
package io.slipway.spec;
