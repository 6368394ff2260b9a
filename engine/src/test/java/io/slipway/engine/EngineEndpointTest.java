package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is found as the docker CLI finds it: one test per rule and per precedence pair, on a context store
 * written here the way {@code docker context create} writes it.
 */
class EngineEndpointTest {

    @TempDir
    Path home;
    Path config;
    Map<String, String> env;

    @BeforeEach
    void store() throws Exception {
        config = home.resolve(".docker");
        env = new HashMap<>(Map.of("HOME", home.toString()));
        context("plain", "tcp://10.0.0.1:2375", false, false);
        context("secure", "tcp://10.0.0.2:2376", true, false);
        context("lax", "tcp://10.0.0.3:2376", true, true);
        context("current", "unix:///run/current.sock", false, false);
    }

    @Test
    void theConfigStringTargetComesFirst() throws Exception {
        currentContext("current");
        env.put("DOCKER_HOST", "tcp://10.9.9.9:2375");
        env.put("DOCKER_CONTEXT", "plain");
        EngineEndpoint e = EngineEndpoint.resolve("tcp://10.1.1.1:2375", null, null, null, env);
        assertEquals("tcp://10.1.1.1:2375", e.host());
        assertEquals("the config-string target", e.source());
    }

    @Test
    void aTargetAndAContextTogetherAreAnError() {
        SlipwayException e = assertThrows(SlipwayException.class,
                () -> EngineEndpoint.resolve("tcp://10.1.1.1:2375", "plain", null, null, env));
        assertTrue(e.getMessage().contains("'tcp://10.1.1.1:2375' and context=plain"), e.getMessage());
    }

    @Test
    void theContextOptionBeatsDockerHost() {
        env.put("DOCKER_HOST", "tcp://10.9.9.9:2375");
        EngineEndpoint e = EngineEndpoint.resolve(null, "plain", null, null, env);
        assertEquals("tcp://10.0.0.1:2375", e.host());
        assertEquals("context 'plain' from the context option", e.source());
        assertFalse(e.tls());
    }

    @Test
    void dockerHostBeatsDockerContext() {
        env.put("DOCKER_HOST", "tcp://10.9.9.9:2375");
        env.put("DOCKER_CONTEXT", "plain");
        EngineEndpoint e = EngineEndpoint.resolve(null, null, null, null, env);
        assertEquals("tcp://10.9.9.9:2375", e.host());
        assertEquals("DOCKER_HOST", e.source());
    }

    @Test
    void dockerContextBeatsTheCurrentContext() throws Exception {
        currentContext("current");
        env.put("DOCKER_CONTEXT", "plain");
        EngineEndpoint e = EngineEndpoint.resolve(null, null, null, null, env);
        assertEquals("tcp://10.0.0.1:2375", e.host());
        assertEquals("context 'plain' from DOCKER_CONTEXT", e.source());
    }

    @Test
    void theCurrentContextBeatsTheDefaultSocket() throws Exception {
        currentContext("current");
        EngineEndpoint e = EngineEndpoint.resolve(null, null, null, null, env);
        assertEquals("unix:///run/current.sock", e.host());
        assertEquals("context 'current' from config.json", e.source());
        assertEquals("unix:///run/current.sock (context 'current' from config.json)", e.describe());
    }

    @Test
    void withNothingSetItIsTheDefaultSocket() {
        EngineEndpoint e = EngineEndpoint.resolve(null, null, null, null, env);
        assertEquals("unix:///var/run/docker.sock", e.host());
        assertEquals("the default socket", e.source());
        assertFalse(e.tls());
    }

    @Test
    void theDefaultContextIsTheDefaultSocket() throws Exception {
        currentContext("default");
        EngineEndpoint e = EngineEndpoint.resolve(null, null, null, null, env);
        assertEquals("unix:///var/run/docker.sock", e.host());
        assertEquals("context 'default' from config.json", e.source());
    }

    @Test
    void dockerConfigBeatsHome() throws Exception {
        Path other = home.resolve("elsewhere");
        Files.createDirectories(other);
        Files.writeString(other.resolve("config.json"), "{\"currentContext\": \"nowhere\"}");
        currentContext("current");
        env.put("DOCKER_CONFIG", other.toString());
        SlipwayException e = assertThrows(SlipwayException.class, () -> EngineEndpoint.resolve(null, null, null, null, env));
        assertTrue(e.getMessage().contains("docker context 'nowhere' (from config.json) does not exist"), e.getMessage());
    }

    @Test
    void anUnknownContextIsAnErrorNamingTheKnownOnes() {
        env.put("DOCKER_CONTEXT", "prod");
        SlipwayException e = assertThrows(SlipwayException.class, () -> EngineEndpoint.resolve(null, null, null, null, env));
        assertTrue(e.getMessage().contains("docker context 'prod' (from DOCKER_CONTEXT) does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("current, default, lax, plain, secure"), e.getMessage());
    }

    @Test
    void aTlsContextSpeaksTlsWithItsCertificates() {
        EngineEndpoint e = EngineEndpoint.resolve(null, "secure", null, null, env);
        assertTrue(e.tls());
        assertFalse(e.skipTlsVerify());
        assertEquals(EngineEndpoint.contextTlsDir(config, "secure").toString(), e.certPath());
    }

    @Test
    void skipTlsVerifyIsCarried() {
        EngineEndpoint e = EngineEndpoint.resolve(null, "lax", null, null, env);
        assertTrue(e.tls());
        assertTrue(e.skipTlsVerify());
    }

    @Test
    void explicitTlsOptionsWinOverTheContexts() {
        EngineEndpoint e = EngineEndpoint.resolve(null, "lax", true, "/my/certs", env);
        assertTrue(e.tls());
        assertFalse(e.skipTlsVerify(), "tls-verify=true asks for verification");
        assertEquals("/my/certs", e.certPath());
        assertFalse(EngineEndpoint.resolve(null, "secure", false, null, env).tls());
    }

    @Test
    void theEnvironmentsTlsAppliesToDockerHostNotToAContext() {
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", "/env/certs");
        env.put("DOCKER_HOST", "tcp://10.9.9.9:2376");
        EngineEndpoint fromHost = EngineEndpoint.resolve(null, null, null, null, env);
        assertTrue(fromHost.tls());
        assertEquals("/env/certs", fromHost.certPath());
        EngineEndpoint fromContext = EngineEndpoint.resolve(null, "plain", null, null, env);
        assertFalse(fromContext.tls());
        assertNull(fromContext.certPath());
    }

    @Test
    void aContextWithoutADockerEndpointIsAnError() throws Exception {
        Path meta = EngineEndpoint.contextMetaDir(config, "empty");
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"empty\",\"Metadata\":{},\"Endpoints\":{}}");
        SlipwayException e = assertThrows(SlipwayException.class, () -> EngineEndpoint.resolve(null, "empty", null, null, env));
        assertTrue(e.getMessage().contains("has no docker endpoint Host"), e.getMessage());
    }

    private void context(String name, String host, boolean tls, boolean skipVerify) throws IOException {
        Path meta = EngineEndpoint.contextMetaDir(config, name);
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{\"Description\":\"\"},"
                + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":" + skipVerify + "}}}");
        if (tls) {
            Path dir = EngineEndpoint.contextTlsDir(config, name);
            Files.createDirectories(dir);
            for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
                Files.writeString(dir.resolve(f), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
            }
        }
    }

    private void currentContext(String name) throws IOException {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    @Test
    void theContextStoreIsLaidOutAsTheDockerCliLaysItOut() {
        // sha256("secure"), as `docker context create secure` names its directories
        String id = "6a934b45144e3758911efa29ed68fb2d420fa7bd568739cdcda9251fa9609b1e";
        assertEquals(config.resolve("contexts/meta/" + id), EngineEndpoint.contextMetaDir(config, "secure"));
        assertEquals(config.resolve("contexts/tls/" + id + "/docker"), EngineEndpoint.contextTlsDir(config, "secure"));
    }
}
