package io.slipway;

/** How a service (or a whole deployment) ended. Every service ends in exactly one. */
public enum Outcome {
    /** Its wait condition held. */
    SUCCEEDED,
    /** It can no longer succeed: bad exit code, unhealthy, crashed, image missing, tool error. */
    FAILED,
    /** Its wait condition did not hold before its timeout. */
    TIMED_OUT
}
