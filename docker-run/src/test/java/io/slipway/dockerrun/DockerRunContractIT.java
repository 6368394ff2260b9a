package io.slipway.dockerrun;

import io.slipway.tck.LauncherContract;
import io.slipway.tck.TestImages;

/** The engine-free part of the backend TCK on docker-run, its services running the test busybox image. */
class DockerRunContractIT extends LauncherContract {

    @Override
    protected String config() {
        return "docker-run";
    }

    @Override
    protected String image() {
        return TestImages.busybox();
    }
}
