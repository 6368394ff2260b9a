package io.slipway.junit;

import io.slipway.LaunchResult;
import io.slipway.SlipwayException;

/**
 * A declared deployment did not succeed: thrown before the tests of its scope, so they fail with the per-service
 * diagnosis and log tails ({@link LaunchResult#describe()}) as the message. The deployment was deleted, unless kept.
 */
public class DeploymentFailedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final transient LaunchResult result;

    /** The failure of {@code result}; {@code kept} says whether the deployment was left for a look. */
    public DeploymentFailedException(LaunchResult result, boolean kept) {
        super(result.describe() + (kept ? "\n(kept: delete it with `slipway delete " + result.deployment() + "`)"
                : ""));
        this.result = result;
    }

    /** The failed apply's result (null after deserialisation). */
    public LaunchResult result() {
        return result;
    }
}
