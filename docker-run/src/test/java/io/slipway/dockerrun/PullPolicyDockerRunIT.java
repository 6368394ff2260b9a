package io.slipway.dockerrun;

import io.slipway.testsupport.PullPolicyContract;

/** A service's pull_policy on docker-run: the Engine API pulls (or not) and builds. */
class PullPolicyDockerRunIT extends PullPolicyContract {

    @Override
    protected String config() {
        return "docker-run?stop-timeout=0s";
    }
}
