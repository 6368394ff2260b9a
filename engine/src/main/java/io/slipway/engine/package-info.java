/**
 * The Engine-API layer the Docker-engine backends share (docker-run, compose, atomic, and heat's docker-cmd hook):
 * connecting to an engine and negotiating its API version ({@link io.slipway.engine.DockerEngine}), its event stream
 * and the event-driven waits on it ({@link io.slipway.engine.ContainerWatch}), the {@link io.slipway.engine.Labels}
 * by which a deployment's containers, networks and volumes are known, image pulls and builds, secret and config
 * files, the per-deployment lock, and the options every such backend takes ({@link io.slipway.engine.EngineOptions}).
 * No launcher lives here: each backend builds its own on these pieces.
 */
package io.slipway.engine;
