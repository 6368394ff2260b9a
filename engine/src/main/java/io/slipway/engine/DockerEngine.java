package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import io.slipway.SlipwayException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a Docker engine, for every backend that talks to one (docker-run, compose, atomic) and for
 * heat's docker-cmd hook. Connecting finds the engine as the docker CLI does ({@link EngineEndpoint}: config-string
 * target, context option, {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the CLI's current context, the local socket),
 * negotiates the API version, and fails fast with the address and the rule that chose it when nothing answers.
 *
 * <p>docker-java does not negotiate: it speaks whatever version it is told. So the engine's unversioned
 * {@code /version} is asked once and the client pinned to the newest version both sides speak, never below
 * the engine's minimum (Engine 29 refuses anything under 1.44), unless {@code api-version} or
 * {@code DOCKER_API_VERSION} pins one.
 */
public final class DockerEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

    /** The newest Engine API version this docker-java knows. */
    static final RemoteApiVersion CLIENT_MAX = RemoteApiVersion.VERSION_1_44;
    static final String DEFAULT_HOST = EngineEndpoint.DEFAULT_HOST;

    private final DockerClient calls;
    private final DockerClient streams;
    private final EngineEndpoint endpoint;
    private final SshBridge bridge;
    private final String apiVersion;
    private final String engineVersion;
    /** Podman's own API version (its {@code /libpod} endpoints), or null when the engine is not Podman. */
    private final String podmanApi;
    /** Runs Podman healthchecks the engine does not run itself; null when the engine is not Podman. */
    private final PodmanHealthchecks podmanHealth;

    private DockerEngine(Client calls, DockerClient streams, EngineEndpoint endpoint, SshBridge bridge,
            String apiVersion, Version version) {
        this.calls = calls.docker();
        this.streams = streams;
        this.endpoint = endpoint;
        this.bridge = bridge;
        this.apiVersion = apiVersion;
        VersionComponent podman = podman(version);
        this.engineVersion = podman != null && podman.getVersion() != null ? podman.getVersion() : version.getVersion();
        this.podmanApi = podman == null ? null : podmanApi(podman, engineVersion);
        this.podmanHealth = podman == null ? null : new PodmanHealthchecks(calls.http(), podmanApi);
    }

    /**
     * The Podman component of an engine's {@code /version} answer, or null: Podman's Docker-compatible service
     * names itself there ({@code "Podman Engine"}), while its top-level fields look like any Docker engine's.
     */
    static VersionComponent podman(Version v) {
        if (v.getComponents() == null) {
            return null;
        }
        for (VersionComponent c : v.getComponents()) {
            if (c.getName() != null && c.getName().toLowerCase(java.util.Locale.ROOT).startsWith("podman")) {
                return c;
            }
        }
        return null;
    }

    private static String podmanApi(VersionComponent podman, String fallback) {
        String api = podman.getDetails() == null ? null : podman.getDetails().get("APIVersion");
        return api == null || api.isBlank() ? fallback : api;
    }

    /** True when the engine is Podman's Docker-compatible API service ({@code podman system service}). */
    public boolean isPodman() {
        return podmanApi != null;
    }

    /** Runs Podman's healthchecks through its own API when due; null when the engine is not Podman. */
    PodmanHealthchecks podmanHealth() {
        return podmanHealth;
    }

    /** The client for ordinary calls (bounded response time). */
    public DockerClient calls() {
        return calls;
    }

    /** The client for long streams (events, followed logs), which have no response timeout. */
    public DockerClient streams() {
        return streams;
    }

    /** The engine's address, e.g. {@code unix:///var/run/docker.sock}. */
    public String host() {
        return endpoint.host();
    }

    /**
     * The address a process on this machine dials to reach the engine: {@link #host()}, or for an {@code ssh://}
     * engine the private unix socket Slipway bridges to it while this connection is open (the Compose tool gets it).
     */
    public String localAddress() {
        return bridge == null ? endpoint.host() : bridge.localHost();
    }

    /** Where the engine is, how it is spoken to, and which rule chose it. */
    public EngineEndpoint endpoint() {
        return endpoint;
    }

    /** The Engine API version spoken. */
    public String apiVersion() {
        return apiVersion;
    }

    /**
     * What the engine cannot do of the keys Slipway reads, for {@link io.slipway.spec.KeySupport}: features that
     * need a newer Engine API than the one spoken, and what Podman's Docker-compatible API refuses or drops, each
     * with why.
     */
    public Map<String, String> unsupportedKeys() {
        String[] v = apiVersion.split("\\.");
        boolean before144 = v.length == 2 && (Integer.parseInt(v[0]) < 1
                || (Integer.parseInt(v[0]) == 1 && Integer.parseInt(v[1]) < 44));
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        if (before144) {
            keys.put("healthcheck.start_interval", "the engine speaks API " + apiVersion
                    + "; start_interval needs API 1.44 (Docker Engine 25)");
        }
        if (isPodman()) {
            String podman = "Podman " + engineVersion;
            keys.put("links", podman + " has no container links (its API answers 'link is not supported'); a "
                    + "service reaches another by its service name or a network alias on a network they share");
            keys.put("external_links", podman + " has no container links (its API answers 'link is not supported'); "
                    + "join the container's network and use its name or a network alias");
            keys.put("domainname", podman + "'s Docker-compatible API drops Domainname (the container would have "
                    + "none); give the container its full name in extra_hosts, or leave domainname out");
        }
        return Map.copyOf(keys);
    }

    /** The engine's own version, e.g. {@code 20.10.24}. */
    public String engineVersion() {
        return engineVersion;
    }

    @Override
    public void close() {
        closeQuietly(calls);
        closeQuietly(streams);
        if (bridge != null) {
            bridge.close();
        }
    }

    /**
     * Opens a connection.
     *
     * @param target the config string's target, or null
     * @param apiVersion the {@code api-version} option, or null
     * @param tlsVerify the {@code tls-verify} option, or null when not given
     * @param certPath the {@code cert-path} option, or null
     * @param env the process environment (a parameter so tests can pass their own)
     * @throws SlipwayException naming the address when the engine does not answer
     */
    public static DockerEngine connect(String target, String apiVersion, Boolean tlsVerify, String certPath, Map<String, String> env) {
        return connect(EngineEndpoint.resolve(target, null, tlsVerify, certPath, env), apiVersion, env);
    }

    /**
     * Opens a connection to an engine already found ({@link EngineEndpoint#resolve}).
     *
     * @param endpoint where the engine is and how to speak to it
     * @param apiVersion the {@code api-version} option, or null
     * @param env the process environment ({@code DOCKER_API_VERSION})
     * @throws SlipwayException naming the address and how it was chosen when the engine does not answer
     */
    public static DockerEngine connect(EngineEndpoint endpoint, String apiVersion, Map<String, String> env) {
        warnIfWireLogging(WIRE_LOGGERS);
        SshBridge bridge = endpoint.host().startsWith("ssh://") ? SshBridge.open(endpoint.host(), env) : null;
        try {
            // Over ssh, docker-java speaks to the bridge's private socket; the engine's TLS, if any, is ssh's business.
            Connection to = bridge == null ? new Connection(endpoint, endpoint.host(), null)
                    : new Connection(new EngineEndpoint(endpoint.host(), false, null, false, endpoint.source()),
                            bridge.localHost(), bridge);
            String pinned = firstNonBlank(apiVersion, env.get("DOCKER_API_VERSION"), null);
            Version v = null;
            if (pinned == null) {
                try (DockerClient probe = client(to, null, Duration.ofSeconds(10)).docker()) {
                    v = ping(probe, to);
                    pinned = negotiate(v.getApiVersion(), v.getMinAPIVersion());
                    LOG.debug("Engine at {} is {} (API {} min {}); speaking API {}", endpoint.describe(), v.getVersion(),
                            v.getApiVersion(), v.getMinAPIVersion(), pinned);
                } catch (IOException e) {
                    throw new SlipwayException("cannot close probe connection to " + endpoint.host(), e);
                }
            }
            Client calls = client(to, pinned, Duration.ofMinutes(5));
            // The probe's answer is the engine's: a second version call would only cost a round trip at start-up.
            if (v == null) {
                v = ping(calls.docker(), to);
            }
            // Streams stay open while nothing happens, so they get no response timeout; every wait on them is bounded by the caller.
            DockerClient streams = client(to, pinned, null).docker();
            return new DockerEngine(calls, streams, endpoint, bridge, pinned, v);
        } catch (RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            throw e;
        }
    }

    /** What docker-java dials: the endpoint's own address, or an ssh bridge's local socket. */
    private record Connection(EngineEndpoint endpoint, String dial, SshBridge bridge) {}

    /** A docker-java client and its HTTP client, for the calls docker-java has no command for (Podman's own API). */
    private record Client(DockerClient docker, DockerHttpClient http) {}

    /**
     * The engine, for people, with the rule that chose it:
     * {@code Docker Engine 20.10.24 at unix:///var/run/docker.sock (the default socket), API 1.41}, or
     * {@code Podman 4.3.1 at ...} for Podman's service.
     */
    public String describe() {
        return (isPodman() ? "Podman " : "Docker Engine ") + engineVersion() + " at " + endpoint.describe() + ", API "
                + apiVersion();
    }

    /** The HTTP client's loggers that print request bodies and headers, where container environments travel. */
    static final List<String> WIRE_LOGGERS = List.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");

    /**
     * Slipway masks secrets in what it logs, but the HTTP client's wire logging (a third-party logger, DEBUG)
     * prints every request body as it is, and a container's environment holds the inputs, secrets too: say so.
     */
    static boolean warnIfWireLogging(List<String> loggers) {
        for (String name : loggers) {
            if (LoggerFactory.getLogger(name).isDebugEnabled()) {
                LOG.warn("Logger {} is at DEBUG: it logs the Engine API requests as they are, including container "
                        + "environments with secret inputs in clear; set it to INFO or above", name);
                return true;
            }
        }
        return false;
    }

    /**
     * The Engine API version to speak with an engine that reports {@code engineApi} (its {@code ApiVersion}) and
     * {@code engineMin} ({@code MinAPIVersion}, may be null): the newest version both sides speak, never below the
     * engine's minimum. Slipway's one negotiation rule, for its backends and its tests alike.
     */
    public static String negotiate(String engineApi, String engineMin) {
        RemoteApiVersion engine = RemoteApiVersion.parseConfig(engineApi);
        RemoteApiVersion chosen = engine.isGreater(CLIENT_MAX) ? CLIENT_MAX : engine;
        if (engineMin != null && !engineMin.isBlank()) {
            RemoteApiVersion min = RemoteApiVersion.parseConfig(engineMin);
            if (min.isGreater(chosen)) {
                chosen = min;
            }
        }
        return chosen.getVersion();
    }

    private static Version ping(DockerClient client, Connection to) {
        try {
            return client.versionCmd().exec();
        } catch (RuntimeException e) {
            String ssh = to.bridge() == null || to.bridge().lastError().isEmpty() ? ""
                    : " (ssh said: " + to.bridge().lastError() + ")";
            throw new SlipwayException("cannot reach the Docker engine at " + to.endpoint().describe() + ": "
                    + rootMessage(e) + ssh
                    + " (is dockerd running? scripts/docker-engine.sh starts one; the config-string target, its context "
                    + "option, DOCKER_HOST, DOCKER_CONTEXT or the docker CLI's current context picks another engine)", e);
        }
    }

    private static Client client(Connection to, String api, Duration responseTimeout) {
        EngineEndpoint endpoint = to.endpoint();
        String host = to.dial();
        boolean tls = endpoint.tls();
        String certs = endpoint.certPath();
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).withDockerTlsVerify(tls);
        if (certs != null) {
            b.withDockerCertPath(certs);
        }
        if (api != null) {
            b.withApiVersion(api);
        }
        DockerClientConfig config;
        try {
            config = b.build();
        } catch (RuntimeException e) {
            String how = !tls ? "" : " with TLS" + (certs == null ? "" : " (certificates in " + certs + ")");
            throw new SlipwayException("cannot configure a Docker client for '" + host + "'" + how + ": "
                    + rootMessage(e), e);
        }
        SSLConfig ssl = endpoint.skipTlsVerify() ? new UnverifiedTls(certs) : config.getSSLConfig();
        if (ssl == null && NoTls.applies(host)) {
            ssl = NoTls.INSTANCE;
        }
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(ssl).maxConnections(64).connectionTimeout(Duration.ofSeconds(5));
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        ApacheDockerHttpClient built = http.build();
        return new Client(DockerClientImpl.getInstance(config, built), built);
    }

    /**
     * True when {@code e} says the engine did not answer at all (connection refused or reset, socket gone), as
     * opposed to an answer refusing something ({@link com.github.dockerjava.api.exception.DockerException}).
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.github.dockerjava.api.exception.DockerException) {
                return false;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a container create was refused because the name is taken: Docker answers 409; Podman 4.3's
     * Docker-compatible API answers 500 "that name is already in use".
     */
    public static boolean nameInUse(RuntimeException e) {
        return e instanceof com.github.dockerjava.api.exception.ConflictException
                || e instanceof com.github.dockerjava.api.exception.InternalServerErrorException
                        && String.valueOf(e.getMessage()).contains("already in use");
    }

    /**
     * Whether {@code e} says the container looked up does not exist: Docker's 404, or Podman 4.3's 500 "no such
     * container" for one removed while it was being looked up by name.
     */
    public static boolean notFound(RuntimeException e) {
        return e instanceof com.github.dockerjava.api.exception.NotFoundException
                || e instanceof com.github.dockerjava.api.exception.InternalServerErrorException
                        && String.valueOf(e.getMessage()).contains("no such container");
    }

    /** The innermost message of {@code e}: what the engine or the socket actually said. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : m.strip();
    }

    private static String firstNonBlank(String a, String b, String c) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        if (b != null && !b.isBlank()) {
            return b;
        }
        return c;
    }

    private static void closeQuietly(DockerClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing Docker client failed", e);
        }
    }
}
