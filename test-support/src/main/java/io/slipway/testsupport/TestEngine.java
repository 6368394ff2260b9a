package io.slipway.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;

/**
 * The Docker engine that Slipway's tests run against: one shared docker-java client for the whole JVM.
 *
 * <p>Configuration is docker-java's default ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
 * {@code DOCKER_CERT_PATH}, {@code DOCKER_CONTEXT}, {@code ~/.docker-java.properties}, system properties).
 * The API version is negotiated once: {@code DOCKER_API_VERSION} or the {@code api.version} property if set,
 * otherwise the lower of the engine's API version (asked on the unversioned {@code /version} endpoint) and
 * the newest version this docker-java knows. So an older engine (Docker 20.10 speaks 1.41) is addressed in
 * its own dialect, and a newer one in the newest dialect docker-java can speak.
 *
 * <p>If no engine answers, {@link #client()} fails with a message saying how to get one:
 * {@code scripts/docker-engine.sh}.
 */
public final class TestEngine {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(5);

    private static DockerClient client;
    private static String apiVersion;

    private TestEngine() {}

    /** The shared client; created (and the API version negotiated) on first use. Never close it. */
    public static synchronized DockerClient client() {
        if (client == null) {
            DefaultDockerClientConfig probeConfig = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            String version = explicitApiVersion();
            if (version == null) {
                version = negotiate(probeConfig);
            } else {
                ping(probeConfig); // fail early, with the same clear message, when nothing answers
            }
            DefaultDockerClientConfig config =
                    DefaultDockerClientConfig.createDefaultConfigBuilder().withApiVersion(version).build();
            client = DockerClientImpl.getInstance(config, httpClient(config));
            apiVersion = version;
        }
        return client;
    }

    /** The API version the shared client speaks, e.g. {@code "1.41"}. */
    public static synchronized String apiVersion() {
        client();
        return apiVersion;
    }

    /** DOCKER_API_VERSION (as the docker CLI reads it) or docker-java's own {@code api.version} property. */
    private static String explicitApiVersion() {
        String v = System.getenv("DOCKER_API_VERSION");
        if (v == null || v.isBlank()) {
            v = System.getProperty(DefaultDockerClientConfig.API_VERSION);
        }
        return v == null || v.isBlank() ? null : v.trim().replaceFirst("^v", "");
    }

    /** min(engine API version, newest docker-java API version). */
    private static String negotiate(DefaultDockerClientConfig unversioned) {
        // With no API version configured docker-java calls unversioned paths, which every engine serves.
        Version version = ping(unversioned);
        int[] engine = parse(version.getApiVersion());
        int[] known = newestKnownByDockerJava();
        if (engine == null) {
            return format(known);
        }
        return compare(engine, known) <= 0 ? format(engine) : format(known);
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

    private static DockerHttpClient httpClient(DockerClientConfig config) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /** The highest {@code RemoteApiVersion.VERSION_x_y} constant, so a docker-java upgrade raises it by itself. */
    private static int[] newestKnownByDockerJava() {
        int[] newest = {1, 41};
        for (Field f : RemoteApiVersion.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == RemoteApiVersion.class
                    && f.getName().startsWith("VERSION_")) {
                int[] v = parse(f.getName().substring("VERSION_".length()).replace('_', '.'));
                if (v != null && compare(v, newest) > 0) {
                    newest = v;
                }
            }
        }
        return newest;
    }

    private static int[] parse(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.trim().split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }

    private static String format(int[] v) {
        return v[0] + "." + v[1];
    }
}
