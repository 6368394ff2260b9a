package io.slipway.compose;

import io.slipway.testsupport.BuildContract;

/** Compose's build on the compose backend, with the real docker-compose of this machine: Compose builds. */
class BuildComposeIT extends BuildContract {

    @Override
    protected String config() {
        return "compose?stop-timeout=0s";
    }

    @Override
    protected String pullNeverConfig() {
        return "compose?stop-timeout=0s&pull=never";
    }
}
