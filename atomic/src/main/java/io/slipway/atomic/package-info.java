/**
 * The {@code atomic} backend ({@link io.slipway.atomic.AtomicProvider}): bootstraps one privileged agent
 * container with a docker CLI, and launches every service through it by Project Atomic's image-label
 * convention ({@code INSTALL}, {@code RUN}, {@code STOP}, {@code UNINSTALL}, with atomic's substitutions),
 * or by atomic's default run carrying the service's Compose definition; waits like docker-run.
 */
package io.slipway.atomic;
