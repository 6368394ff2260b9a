package io.slipway.dockerrun;

import io.slipway.tck.LauncherParityContract;

/** The shared parity specs on docker-run. */
class DockerRunParityIT extends LauncherParityContract {

    @Override
    protected String config() {
        return "docker-run";
    }
}
