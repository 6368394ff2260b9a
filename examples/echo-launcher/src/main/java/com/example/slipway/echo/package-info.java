/**
 * An example third-party backend, {@code echo} (alias {@code dry-run}): it launches nothing, and reports
 * what it would have launched. It lives outside {@code io.slipway} on purpose, to show everything a third
 * party needs to add a backend: a {@link io.slipway.spi.LauncherProvider} with a public no-argument
 * constructor ({@link com.example.slipway.echo.EchoLauncherProvider}), a
 * {@link io.slipway.ContainerLauncher} ({@link com.example.slipway.echo.EchoLauncher}), and the file
 * {@code META-INF/services/io.slipway.spi.LauncherProvider} naming the provider. With this jar on the class
 * path, {@code Launchers.open("echo")} finds it; no Slipway code refers to it.
 */
package com.example.slipway.echo;
