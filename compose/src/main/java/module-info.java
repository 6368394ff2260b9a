/**
 * The {@code compose} backend: drives a Compose tool through commons-exec (argv, never a shell) and watches its
 * containers through the engine. Found by {@link java.util.ServiceLoader}; {@code io.slipway.compose} is exported for
 * its option constants and the detected tool.
 */
module io.slipway.compose {
    requires transitive io.slipway.engine;
    requires org.apache.commons.exec;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.slipway.compose;

    provides io.slipway.spi.LauncherProvider with io.slipway.compose.ComposeProvider;
}
