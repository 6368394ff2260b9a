package io.slipway.compose;

import io.slipway.testsupport.PullPolicyContract;

/**
 * A service's pull_policy on the compose backend with this machine's docker-compose (v1 validates pull_policy but
 * ignores it, so Slipway checks, pulls and builds by it around {@code up}).
 */
class PullPolicyComposeIT extends PullPolicyContract {

    @Override
    protected String config() {
        return "compose?stop-timeout=0s";
    }
}
