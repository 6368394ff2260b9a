/**
 * {@code slipway-tck}: the JUnit 5 contracts a backend's tests extend ({@code LauncherContract}, engine-free;
 * {@code LauncherParityContract}, on a real engine) with the test engine client and image they use. Opened so that
 * JUnit can run the contracts' inherited test methods; the parity specs are resources read by this module's own
 * classes.
 */
open module io.slipway.tck {
    requires transitive io.slipway.core;
    requires transitive io.slipway.engine;
    requires transitive org.junit.jupiter.api;
    requires com.github.dockerjava.core;
    requires com.github.dockerjava.transport;
    requires com.github.dockerjava.transport.httpclient5;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.compress;

    exports io.slipway.tck;
}
