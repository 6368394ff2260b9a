/**
 * The {@code compose} backend: runs a spec with the real Compose tool (v2 {@code docker compose} or v1
 * {@code docker-compose}, told apart by their version output) through commons-exec. The spec is written,
 * not interpolated, to a per-deployment 0600 file; the inputs reach the tool as interpolation variables
 * through its environment and a 0600 env file, never on argv. Containers are found by Compose's
 * {@code com.docker.compose.*} labels and waited for, as on docker-run, with the engine layer's event-driven
 * {@link io.slipway.engine.ContainerWatch}.
 */
package io.slipway.compose;
