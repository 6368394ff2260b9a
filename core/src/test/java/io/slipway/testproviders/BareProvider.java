package io.slipway.testproviders;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherProvider;

/** A test backend with no options that takes no target. */
public final class BareProvider implements LauncherProvider {

    public static final String NAME = "test-bare";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test backend without options";
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new RecordingLauncher(NAME, config);
    }
}
