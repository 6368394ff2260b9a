package io.slipway.tck;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.slipway.engine.DockerEngine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Docker engine that Slipway's tests run against: one shared docker-java client for the whole JVM.
 *
 * <p>Configuration is docker-java's default ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
 * {@code DOCKER_CERT_PATH}, {@code DOCKER_CONTEXT}, {@code ~/.docker-java.properties}, system properties).
 * The API version is negotiated once: {@code DOCKER_API_VERSION} or the {@code api.version} property if set,
 * otherwise by the backends' own rule ({@link DockerEngine#negotiate}) from what the engine says on the unversioned
 * {@code /version} endpoint. So the tests address an engine in the same dialect as the backends they test: an older
 * engine (Docker 20.10 speaks 1.41) in its own, a newer one in the newest both sides know.
 *
 * <p>{@link #use} points every method here at another engine (by address) until it is pointed back: a contract that
 * runs a backend against another engine (Podman's socket) checks what the backend did on that engine, not on the
 * default one. Test classes run one after another, so one engine is in use at a time.
 *
 * <p>If no engine answers, {@link #client()} fails with a message saying how to get one:
 * {@code scripts/docker-engine.sh}.
 */
public final class TestEngine {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(5);

    /** Key of the default engine (docker-java's own configuration) in {@link #clients}. */
    private static final String DEFAULT = "";

    /** One client per engine address, each with the API version negotiated for it. */
    private static final Map<String, DockerClient> clients = new HashMap<>();
    private static final Map<String, String> apiVersions = new HashMap<>();
    /** The address in use, or {@link #DEFAULT}. */
    private static String host = DEFAULT;

    private TestEngine() {}

    /**
     * Points this class at the engine at {@code dockerHost} ({@code unix:///...} or {@code tcp://...}; null for the
     * default engine) until the next call; returns the address in use before, to give back to this method.
     */
    public static synchronized String use(String dockerHost) {
        String before = host;
        host = dockerHost == null || dockerHost.isBlank() ? DEFAULT : dockerHost;
        return before.equals(DEFAULT) ? null : before;
    }

    /** The engine address in use: {@link #use}'s, or docker-java's default one. */
    public static synchronized String host() {
        return configBuilder().build().getDockerHost().toString();
    }

    private static DefaultDockerClientConfig.Builder configBuilder() {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder();
        return host.equals(DEFAULT) ? b : b.withDockerHost(host);
    }

    /** The shared client of the engine in use; created (and the API version negotiated) on first use. Never close it. */
    public static synchronized DockerClient client() {
        DockerClient client = clients.get(host);
        if (client == null) {
            DefaultDockerClientConfig probeConfig = configBuilder().build();
            String version = explicitApiVersion();
            if (version == null) {
                version = negotiate(probeConfig);
            } else {
                ping(probeConfig); // fail early, with the same clear message, when nothing answers
            }
            DefaultDockerClientConfig config = configBuilder().withApiVersion(version).build();
            client = DockerClientImpl.getInstance(config, httpClient(config));
            clients.put(host, client);
            apiVersions.put(host, version);
        }
        return client;
    }

    /**
     * Whether the engine in use is Podman's Docker-compatible service (its {@code /version} lists a
     * {@code Podman Engine} component), for the few checks where Podman shows the same thing another way.
     */
    public static boolean isPodman() {
        Version v = client().versionCmd().exec();
        return v.getComponents() != null && v.getComponents().stream().anyMatch(c -> "Podman Engine".equals(c.getName()));
    }

    /** The API version the shared client speaks, e.g. {@code "1.41"}. */
    public static synchronized String apiVersion() {
        client();
        return apiVersions.get(host);
    }

    /**
     * A container's inspect data as the engine sends it, for the fields docker-java's model leaves out (such as
     * {@code Config.StopTimeout}).
     */
    public static Map<String, Object> inspectRaw(String containerId) {
        DefaultDockerClientConfig config = config();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/v" + apiVersion() + "/containers/" + containerId + "/json").build();
        try (DockerHttpClient http = httpClient(config); DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("inspect " + containerId + ": HTTP " + response.getStatusCode());
            }
            return new ObjectMapper().readValue(response.getBody(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("inspect " + containerId, e);
        }
    }

    /** DOCKER_API_VERSION (as the docker CLI reads it) or docker-java's own {@code api.version} property. */
    private static String explicitApiVersion() {
        String v = System.getenv("DOCKER_API_VERSION");
        if (v == null || v.isBlank()) {
            v = System.getProperty(DefaultDockerClientConfig.API_VERSION);
        }
        return v == null || v.isBlank() ? null : v.trim().replaceFirst("^v", "");
    }

    /** The version the backends would speak with this engine. */
    private static String negotiate(DefaultDockerClientConfig unversioned) {
        // With no API version configured docker-java calls unversioned paths, which every engine serves.
        Version version = ping(unversioned);
        return DockerEngine.negotiate(version.getApiVersion(), version.getMinAPIVersion());
    }

    private static Version ping(DefaultDockerClientConfig config) {
        try (DockerHttpClient http = httpClient(config);
                DockerClient probe = DockerClientImpl.getInstance(config, http)) {
            return probe.versionCmd().exec();
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException(
                    "No Docker engine answers at " + config.getDockerHost() + " (" + e + "). "
                            + "Run scripts/docker-engine.sh (as root) to install and start one, "
                            + "or point DOCKER_HOST at a running engine.",
                    e);
        }
    }

    /**
     * The engine's JSON answer to {@code GET path} (e.g. {@code /networks/ID}), for fields docker-java's models lack
     * (a network's {@code Attachable}).
     */
    public static String get(String path) {
        client();
        DefaultDockerClientConfig config = config();
        try (DockerHttpClient http = httpClient(config);
                DockerHttpClient.Response r = http.execute(DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.GET).path("/v" + apiVersion() + path).build())) {
            return new String(r.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    private static synchronized DefaultDockerClientConfig config() {
        return configBuilder().build();
    }

    private static DockerHttpClient httpClient(DockerClientConfig config) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /** Removes image {@code ref} (forced) when present. */
    public static void removeImage(String ref) {
        try {
            client().removeImageCmd(ref).withForce(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** Removes every image labelled as built for {@code deployment}, what a test's builds leave once it is deleted. */
    public static void removeDeploymentImages(String deployment) {
        client().listImagesCmd().withLabelFilter(Map.of("io.slipway.deployment", deployment)).exec()
                .forEach(i -> removeImage(i.getId()));
    }
}
