package io.slipway.testproviders;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherProvider;

/**
 * A provider whose constructor throws. NOT listed in the test services file: only the ServiceLoader test in
 * ProviderRegistryTest lists it, through a temporary class loader.
 */
public final class FailingConstructorProvider implements LauncherProvider {

    public FailingConstructorProvider() {
        throw new IllegalStateException("constructor of FailingConstructorProvider exploded");
    }

    @Override
    public String name() {
        return "test-failing";
    }

    @Override
    public String description() {
        return "never constructed";
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        throw new UnsupportedOperationException();
    }
}
