package io.slipway.testsupport;

import io.slipway.engine.EngineEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A docker CLI context store written as {@code docker context create} writes it, for engine-resolution tests. */
public final class DockerContexts {

    private DockerContexts() {
    }

    /** The address of the test engine: {@code DOCKER_HOST}, else the local socket. */
    public static String testEngineHost() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host;
    }

    /** Writes context {@code name} for {@code host} into the store under {@code dockerConfig} (a {@code ~/.docker}). */
    public static void write(Path dockerConfig, String name, String host) {
        Path meta = EngineEndpoint.contextMetaDir(dockerConfig, name);
        try {
            Files.createDirectories(meta);
            Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},"
                    + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code name} the current context in {@code dockerConfig}/config.json. */
    public static void use(Path dockerConfig, String name) {
        try {
            Files.createDirectories(dockerConfig);
            Files.writeString(dockerConfig.resolve("config.json"), "{\"currentContext\":\"" + name + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This process's environment without anything that names an engine ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT},
     * {@code DOCKER_CONFIG}, TLS), with {@code HOME} at {@code home}: only what the test adds chooses the engine.
     */
    public static Map<String, String> cleanEnv(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String name : new String[] {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY",
                "DOCKER_CERT_PATH"}) {
            env.remove(name);
        }
        env.put("HOME", home.toString());
        return env;
    }
}
