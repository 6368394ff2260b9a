/**
 * The benchmark harness (issue 8): Slipway against the raw Engine API, the docker CLI, Compose v1 and
 * Testcontainers, side by side, on the same engine and the same locally built image. {@link
 * io.slipway.benchmarks.BenchMain} runs it ({@code scripts/bench.sh}); the smoke test runs every scenario once.
 * Not a published artifact.
 */
package io.slipway.benchmarks;
