package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class NoTlsTest {

    @Test
    void onlyAddressesWithoutTlsGetIt() {
        assertTrue(NoTls.applies("unix:///var/run/docker.sock"));
        assertTrue(NoTls.applies("npipe:////./pipe/docker_engine"));
        // docker-java makes a tcp:// address with any TLS context an https one: those keep their own (or none).
        assertFalse(NoTls.applies("tcp://127.0.0.1:2376"));
        assertFalse(NoTls.applies("ssh://user@host"));
    }

    @Test
    void theContextRefusesEveryUse() {
        SSLContext context = NoTls.INSTANCE.getSSLContext();
        assertThrows(IllegalStateException.class, context::getSocketFactory);
        assertThrows(IllegalStateException.class, context::createSSLEngine);
        assertThrows(IllegalStateException.class, () -> context.init(null, null, null));
    }
}
