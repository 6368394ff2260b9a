/**
 * The service-provider interface for backends: {@link io.slipway.spi.LauncherProvider}, found with
 * {@link java.util.ServiceLoader}, its typed {@link io.slipway.spi.LauncherOption}s, the parsed
 * {@link io.slipway.spi.LauncherConfig} it is created with, and {@link io.slipway.spi.AbstractLauncher}, the apply
 * skeleton a backend's launcher extends (name check, resolution, listener guard, outputs, masking).
 */
package io.slipway.spi;
