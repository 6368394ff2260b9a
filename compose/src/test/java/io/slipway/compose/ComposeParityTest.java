package io.slipway.compose;

import io.slipway.testsupport.LauncherParityContract;

/** The shared parity specs on the compose backend, with the real docker-compose of this machine. */
class ComposeParityTest extends LauncherParityContract {

    @Override
    protected String config() {
        return "compose";
    }
}
