/**
 * The {@code swarm} backend: a spec deployed as Docker Swarm services the way {@code docker stack deploy} maps a
 * Compose file (services {@code <deployment>_<service>}, attachable overlay networks, swarm secrets), waited for
 * until every task has converged.
 */
package io.slipway.swarm;
