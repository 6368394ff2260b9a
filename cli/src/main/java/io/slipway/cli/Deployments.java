package io.slipway.cli;

import io.slipway.DeploymentNames;
import io.slipway.SlipwayException;

/** Checks deployment names before any backend is opened, so a bad one is a usage error (exit code 2). */
final class Deployments {

    private Deployments() {
    }

    /** Returns {@code name}, or throws a usage error saying what a name may contain. */
    static String check(String name) {
        try {
            return DeploymentNames.requireValid(name);
        } catch (SlipwayException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
