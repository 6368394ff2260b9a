/**
 * Slipway's API: open a backend with {@link io.slipway.Launchers#open(String)}, apply a
 * {@link io.slipway.spec.LaunchSpec} with {@link io.slipway.inputs.Inputs} through the
 * {@link io.slipway.ContainerLauncher}, and read the {@link io.slipway.LaunchResult}.
 */
package io.slipway;
