/**
 * The service-provider interface for backends: {@link io.slipway.spi.LauncherProvider}, found with
 * {@link java.util.ServiceLoader}, its typed {@link io.slipway.spi.LauncherOption}s and the parsed
 * {@link io.slipway.spi.LauncherConfig} it is created with.
 */
package io.slipway.spi;
