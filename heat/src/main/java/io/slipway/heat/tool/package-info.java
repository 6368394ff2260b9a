/**
 * The container tools the {@code docker-cmd} group drives ({@code ContainerTool}: the engine, or the docker CLI named
 * by {@code HEAT_DOCKER_CMD}), and the one way hooks run an external command ({@code Processes}). Not exported.
 */
package io.slipway.heat.tool;
