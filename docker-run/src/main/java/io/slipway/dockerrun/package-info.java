/**
 * The {@code docker-run} backend: launches a spec's services through the Docker Engine API (docker-java,
 * httpclient5 transport) with {@code docker run} semantics, waits on the engine's event stream, and knows
 * what a deployment owns by its {@link io.slipway.engine.Labels}. The engine connection, waits, images and locks
 * are the shared Engine-API layer ({@code io.slipway.engine}); this package maps a spec onto containers.
 */
package io.slipway.dockerrun;
