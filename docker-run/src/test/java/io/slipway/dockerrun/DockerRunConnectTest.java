package io.slipway.dockerrun;

import org.junit.jupiter.api.Test;

/**
 * The engine address and TLS settings of a {@code docker-run} config string reach the connection, and a failure to
 * connect names them (the connection itself is tested in the engine module's {@code DockerEngineTest}).
 */
class DockerRunConnectTest {

    @Test
    void aRefusedTcpAddressIsNamedQuickly() {
        io.slipway.SlipwayException e = org.junit.jupiter.api.Assertions.assertThrows(io.slipway.SlipwayException.class,
                () -> io.slipway.Launchers.open("docker-run:tcp://127.0.0.1:1"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("tcp://127.0.0.1:1"), e.getMessage());
    }

    @Test
    void tlsWithoutCertificatesNamesTheAddressAndTheCertificateDirectory() {
        io.slipway.SlipwayException e = org.junit.jupiter.api.Assertions.assertThrows(io.slipway.SlipwayException.class,
                () -> io.slipway.Launchers.open("docker-run:tcp://127.0.0.1:1?tls-verify=true&cert-path=/nonexistent/certs"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("tcp://127.0.0.1:1"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("/nonexistent/certs"), e.getMessage());
    }
}
