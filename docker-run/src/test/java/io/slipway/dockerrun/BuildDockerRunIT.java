package io.slipway.dockerrun;

import io.slipway.testsupport.BuildContract;

/** Compose's build on docker-run: through the Engine API. */
class BuildDockerRunIT extends BuildContract {

    @Override
    protected String config() {
        return "docker-run?stop-timeout=0s";
    }

    @Override
    protected String pullNeverConfig() {
        return "docker-run?stop-timeout=0s&pull=never";
    }
}
