package io.slipway.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where a Docker engine is and how to talk to it, found the way the docker CLI finds it, so that Slipway reaches
 * the engine a user already points {@code docker} at, with no setting of its own.
 *
 * <p>The order is the CLI's ({@code resolveContextName} in docker/cli): the config string's target (like
 * {@code -H}); else its {@code context} option (like {@code --context}; both together are an error, as in the
 * CLI); else {@code DOCKER_HOST}; else {@code DOCKER_CONTEXT}; else {@code currentContext} in
 * {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker}); else the local socket. A context is read from the
 * CLI's context store: {@code contexts/meta/<sha256 of the name>/meta.json} for the address and
 * {@code SkipTLSVerify}, {@code contexts/tls/<sha256 of the name>/docker/} for {@code ca.pem}, {@code cert.pem},
 * {@code key.pem}. The context {@code default} is the local socket (or {@code DOCKER_HOST}, which would have been
 * chosen before it).
 *
 * @param host the engine's address ({@code unix://...}, {@code tcp://...})
 * @param tls whether to speak TLS
 * @param certPath the directory holding {@code ca.pem}, {@code cert.pem}, {@code key.pem}, or null
 * @param skipTlsVerify TLS without verifying the engine's certificate (a context's {@code SkipTLSVerify})
 * @param source which rule chose it, for people: {@code context 'prod' from config.json}, {@code DOCKER_HOST}
 */
public record EngineEndpoint(String host, boolean tls, String certPath, boolean skipTlsVerify, String source) {

    /** The engine's address when nothing names another. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Finds the engine.
     *
     * @param target the config string's target, or null
     * @param context the config string's {@code context} option, or null
     * @param tlsVerify the {@code tls-verify} option, or null when not given
     * @param certPath the {@code cert-path} option, or null
     * @param env the process environment ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH},
     *     {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG}, {@code HOME})
     * @throws SlipwayException naming the context and where it was looked for, when a named context does not exist
     *     or cannot be read, or when a target and a context are both given
     */
    public static EngineEndpoint resolve(String target, String context, Boolean tlsVerify, String certPath,
            Map<String, String> env) {
        if (present(target) && present(context)) {
            throw new SlipwayException("conflicting engine choices: the config string names both the engine '" + target
                    + "' and context=" + context + "; give one of them");
        }
        if (present(target)) {
            return fromAddress(target, "the config-string target", tlsVerify, certPath, env);
        }
        Path config = configDir(env);
        if (present(context)) {
            return fromContext(context.strip(), "the context option", config, tlsVerify, certPath, env);
        }
        if (present(env.get("DOCKER_HOST"))) {
            return fromAddress(env.get("DOCKER_HOST").strip(), "DOCKER_HOST", tlsVerify, certPath, env);
        }
        if (present(env.get("DOCKER_CONTEXT"))) {
            return fromContext(env.get("DOCKER_CONTEXT").strip(), "DOCKER_CONTEXT", config, tlsVerify, certPath, env);
        }
        String current = currentContext(config);
        if (current != null) {
            return fromContext(current, "config.json", config, tlsVerify, certPath, env);
        }
        return fromAddress(DEFAULT_HOST, "the default socket", tlsVerify, certPath, env);
    }

    /** The chosen engine and why, for people: {@code tcp://10.0.0.5:2376 (context 'prod' from config.json)}. */
    public String describe() {
        return host + " (" + source + ")";
    }

    private static EngineEndpoint fromAddress(String host, String source, Boolean tlsVerify, String certPath,
            Map<String, String> env) {
        // As the docker CLI: DOCKER_TLS_VERIFY set to anything at all (even 0) means verify.
        boolean tls = tlsVerify != null ? tlsVerify : present(env.get("DOCKER_TLS_VERIFY"));
        String certs = present(certPath) ? certPath : present(env.get("DOCKER_CERT_PATH")) ? env.get("DOCKER_CERT_PATH") : null;
        return new EngineEndpoint(host, tls, certs, false, source);
    }

    private static EngineEndpoint fromContext(String name, String from, Path config, Boolean tlsVerify, String certPath,
            Map<String, String> env) {
        String source = "context '" + name + "' from " + from;
        if (name.equals("default")) {
            // The CLI's default context is what its environment says; DOCKER_HOST, had it been set, won already.
            return fromAddress(DEFAULT_HOST, source, tlsVerify, certPath, env);
        }
        Path meta = contextMetaDir(config, name).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new SlipwayException("docker context '" + name + "' (from " + from + ") does not exist: no " + meta
                    + "; contexts in " + config.resolve("contexts") + ": " + contextNames(config)
                    + " (`docker context ls` lists them; `docker context create` makes one)");
        }
        JsonNode docker;
        try {
            docker = JSON.readTree(meta.toFile()).path("Endpoints").path("docker");
        } catch (IOException e) {
            throw new SlipwayException("cannot read docker context '" + name + "' at " + meta + ": " + e.getMessage(), e);
        }
        String host = docker.path("Host").asText("");
        if (host.isBlank()) {
            throw new SlipwayException("docker context '" + name + "' at " + meta + " has no docker endpoint Host");
        }
        boolean skipVerify = docker.path("SkipTLSVerify").asBoolean(false);
        Path tlsDir = contextTlsDir(config, name);
        boolean hasTls = Files.isDirectory(tlsDir) && (Files.isRegularFile(tlsDir.resolve("ca.pem"))
                || Files.isRegularFile(tlsDir.resolve("cert.pem")));
        // An explicit tls-verify or cert-path still wins over what the context says: they are the user's choice now.
        boolean tls = tlsVerify != null ? tlsVerify : hasTls || skipVerify && host.startsWith("tcp://");
        String certs = present(certPath) ? certPath : hasTls ? tlsDir.toString() : null;
        return new EngineEndpoint(host, tls, certs, tlsVerify == null && skipVerify, source);
    }

    /**
     * Where the docker CLI keeps context {@code name}'s {@code meta.json}: {@code contexts/meta/<sha256 of the name>}
     * under {@code config} (a {@code ~/.docker}).
     */
    public static Path contextMetaDir(Path config, String name) {
        return config.resolve("contexts").resolve("meta").resolve(sha256(name));
    }

    /** Where the docker CLI keeps context {@code name}'s TLS material for its docker endpoint. */
    public static Path contextTlsDir(Path config, String name) {
        return config.resolve("contexts").resolve("tls").resolve(sha256(name)).resolve("docker");
    }

    /** {@code $DOCKER_CONFIG}, else {@code $HOME/.docker}, else {@code ~/.docker} of this JVM's user. */
    static Path configDir(Map<String, String> env) {
        if (present(env.get("DOCKER_CONFIG"))) {
            return Path.of(env.get("DOCKER_CONFIG"));
        }
        String home = present(env.get("HOME")) ? env.get("HOME") : System.getProperty("user.home");
        return Path.of(home, ".docker");
    }

    private static String currentContext(Path config) {
        Path file = config.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String name = JSON.readTree(file.toFile()).path("currentContext").asText("");
            return name.isBlank() ? null : name.strip();
        } catch (IOException e) {
            throw new SlipwayException("cannot read " + file + " (the docker CLI's configuration, for its "
                    + "currentContext): " + e.getMessage(), e);
        }
    }

    private static String contextNames(Path config) {
        TreeSet<String> names = new TreeSet<>();
        names.add("default");
        Path metas = config.resolve("contexts").resolve("meta");
        if (Files.isDirectory(metas)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(metas)) {
                for (Path dir : dirs) {
                    Path meta = dir.resolve("meta.json");
                    if (Files.isRegularFile(meta)) {
                        names.add(JSON.readTree(meta.toFile()).path("Name").asText(dir.getFileName().toString()));
                    }
                }
            } catch (IOException e) {
                names.add("(unreadable: " + e.getMessage() + ")");
            }
        }
        return String.join(", ", names);
    }

    private static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
