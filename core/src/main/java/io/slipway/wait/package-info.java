/**
 * Wait-for-success conditions ({@link io.slipway.wait.WaitCondition}, made with {@link io.slipway.wait.Waits}),
 * their evaluation against what a backend observes ({@link io.slipway.wait.ContainerProbe}) and the
 * event-woken loop that drives them ({@link io.slipway.wait.Waiter}). Knows nothing of any engine.
 */
package io.slipway.wait;
