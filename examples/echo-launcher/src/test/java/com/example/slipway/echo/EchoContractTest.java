package com.example.slipway.echo;

import io.slipway.tck.LauncherContract;

/** The echo backend passes the engine-free part of the backend TCK: all it takes is its config string. */
class EchoContractTest extends LauncherContract {

    @Override
    protected String config() {
        return "echo";
    }
}
