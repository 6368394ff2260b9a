package io.slipway.engine;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that does not verify the engine's certificate chain, for a docker context with {@code SkipTLSVerify}: the
 * user chose it for that engine (the docker CLI honours it the same way). The client certificate of the context, when
 * it has one, is still presented. The HTTP client still checks the host name against the certificate.
 */
final class UnverifiedTls implements SSLConfig {

    private final String certPath;

    /** @param certPath the directory with {@code cert.pem} and {@code key.pem}, or null for no client certificate */
    UnverifiedTls(String certPath) {
        this.certPath = certPath;
    }

    @Override
    public SSLContext getSSLContext() throws NoSuchAlgorithmException {
        try {
            KeyManager[] keys = null;
            if (certPath != null && Files.isRegularFile(Path.of(certPath, "cert.pem"))
                    && Files.isRegularFile(Path.of(certPath, "key.pem"))) {
                KeyStore store = CertificateUtils.createKeyStore(read("key.pem"), read("cert.pem"));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, "docker".toCharArray());
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with the client certificate in " + certPath + ": "
                    + e.getMessage(), e);
        }
    }

    private String read(String file) throws IOException {
        return Files.readString(Path.of(certPath, file), StandardCharsets.US_ASCII);
    }

    /** Accepts any server chain: SkipTLSVerify. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
