/**
 * The backend TCK: JUnit 5 abstract contracts a backend's tests extend with its config string.
 * {@link io.slipway.tck.LauncherContract} needs no engine (names, inputs, outputs, masking, counts, refusals);
 * {@link io.slipway.tck.LauncherParityContract} applies the shared parity specs ({@code io/slipway/parity/}) on a
 * Docker engine, with {@link io.slipway.tck.TestEngine}'s client and {@link io.slipway.tck.TestImages}' locally
 * built busybox image, so that it runs where no registry is reachable.
 */
package io.slipway.tck;
