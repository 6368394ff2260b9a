package io.slipway.compose;

import io.slipway.tck.LauncherContract;
import io.slipway.tck.TestImages;

/** The engine-free part of the backend TCK on compose, with the real docker-compose of this machine. */
class ComposeContractIT extends LauncherContract {

    @Override
    protected String config() {
        return "compose";
    }

    @Override
    protected String image() {
        return TestImages.busybox();
    }
}
