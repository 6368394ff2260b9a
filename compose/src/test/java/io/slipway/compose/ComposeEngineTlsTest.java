package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.Launchers;
import io.slipway.SlipwayException;
import org.junit.jupiter.api.Test;

/** The engine's TLS options of a {@code compose} config string reach Slipway's connection, as on docker-run. */
class ComposeEngineTlsTest {

    @Test
    void tlsWithoutCertificatesNamesTheAddressAndTheCertificateDirectory() {
        SlipwayException e = assertThrows(SlipwayException.class,
                () -> Launchers.open("compose:tcp://127.0.0.1:1?tls-verify=true&cert-path=/nonexistent/certs"));
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/certs"), e.getMessage());
    }
}
