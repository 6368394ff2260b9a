package io.slipway.spi;

import io.slipway.ContainerLauncher;
import java.util.List;

/**
 * A backend, found by {@link java.util.ServiceLoader} ({@code META-INF/services/io.slipway.spi.LauncherProvider}).
 * A third party adds a backend by shipping a jar with an implementation of this interface and that
 * service file; {@link io.slipway.Launchers#open(String)} then finds it by {@link #name()} or an alias.
 *
 * <p>Implementations need a public no-argument constructor that does no I/O: the registry instantiates
 * every provider to list them. Work happens in {@link #create}.
 */
public interface LauncherProvider {

    /** The SPI version this class implements; the registry skips providers of another major version. */
    int SPI_VERSION = 1;

    /** The name users write in a config string, e.g. {@code docker-run}. Lower case, digits and '-'. */
    String name();

    /** Other names that select this provider, e.g. {@code docker}. */
    default List<String> aliases() {
        return List.of();
    }

    /** One line for {@code slipway backends}. */
    String description();

    /** The options this backend accepts; any other key is an error. */
    default List<LauncherOption<?>> options() {
        return List.of();
    }

    /** Whether this backend accepts a target ({@code name:target}). */
    default boolean acceptsTarget() {
        return false;
    }

    /** The SPI version the provider was written against. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /**
     * Opens a launcher. Connection problems (a dead socket, a missing tool) are raised here or at first
     * use as a {@link io.slipway.SlipwayException} naming the address or tool, never as a hang.
     */
    ContainerLauncher create(LauncherConfig config);
}
