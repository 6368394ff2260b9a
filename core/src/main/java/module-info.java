/**
 * Slipway's core: the API ({@code io.slipway}), the spec model and reader, inputs, the wait model and the SPI a
 * backend implements. Backends are found with {@link java.util.ServiceLoader}, on the module path (a backend module
 * {@code provides io.slipway.spi.LauncherProvider}) and on the class path ({@code META-INF/services}) alike.
 * {@code io.slipway.internal} is not exported.
 */
module io.slipway.core {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml; // ComposeReader reads SnakeYAML's error marks for line numbers

    exports io.slipway;
    exports io.slipway.inputs;
    exports io.slipway.spec;
    exports io.slipway.spi;
    exports io.slipway.wait;

    uses io.slipway.spi.LauncherProvider;
}
