/**
 * The JUnit 5 extension: a deployment declared on a test class ({@link io.slipway.junit.SlipwayDeployment}) or in a
 * field ({@link io.slipway.junit.Deployed} on a {@link io.slipway.junit.Deployment}) is applied with Slipway's own waits
 * before the tests, injected into them, and deleted after them: per test (instance field), per class (class annotation,
 * static field) or once per run (a shared name, or a static field of a superclass).
 */
package io.slipway.junit;
