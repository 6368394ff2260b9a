/**
 * The third-party {@code echo} backend: what a backend module declares to be found on the module path. (On the class
 * path, its {@code META-INF/services/io.slipway.spi.LauncherProvider} file does the same.)
 */
module com.example.slipway.echo {
    requires io.slipway.core;

    provides io.slipway.spi.LauncherProvider with com.example.slipway.echo.EchoLauncherProvider;
}
