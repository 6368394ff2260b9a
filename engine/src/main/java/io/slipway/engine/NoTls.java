package io.slipway.engine;

import com.github.dockerjava.transport.SSLConfig;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS of a connection that has none: a unix socket (or a Windows named pipe). docker-java's HTTP client builds a
 * TLS strategy whatever the address, and given no context it makes the JVM's default one, which loads the security
 * providers and parses every certificate of the trust store: ~0.1–0.2 s of a command line's start-up, for TLS it never
 * speaks (BENCHMARKS.md, "Issue 17: the command line"). This context costs nothing to make and fails if anything tries
 * to use it. Only for a scheme without TLS: docker-java turns a {@code tcp://} address with any context into https.
 */
final class NoTls implements SSLConfig {

    static final NoTls INSTANCE = new NoTls();

    private NoTls() {
    }

    /** Whether {@code dockerHost} is an address that never speaks TLS. */
    static boolean applies(String dockerHost) {
        return dockerHost.startsWith("unix://") || dockerHost.startsWith("npipe://");
    }

    @Override
    public SSLContext getSSLContext() {
        return new SSLContext(new Unusable(), null, "none") {
        };
    }

    /** Every use fails: nothing on a unix socket should ask for TLS. */
    private static final class Unusable extends SSLContextSpi {
        private static IllegalStateException unusable() {
            return new IllegalStateException("no TLS on a unix socket or named pipe");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw unusable();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw unusable();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw unusable();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw unusable();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw unusable();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw unusable();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw unusable();
        }
    }
}
