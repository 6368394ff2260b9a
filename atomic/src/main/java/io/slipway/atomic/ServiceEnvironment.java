package io.slipway.atomic;

import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's effective environment ({@code env_file}s in order, then {@code environment}), which becomes
 * the environment of the docker CLI in the agent. Variables that steer that CLI itself (where it finds its
 * binary, libraries, config, engine, TLS, API version) would let a spec value redirect the agent, so they
 * are refused with an error naming them.
 */
final class ServiceEnvironment {

    /** Variables of the docker CLI's own process; DOCKER_* is refused as a whole. */
    static final List<String> STEERING = List.of("PATH", "HOME", "LD_PRELOAD", "LD_LIBRARY_PATH");

    private ServiceEnvironment() {
    }

    /**
     * The effective environment of {@code service} of {@code spec}.
     *
     * @throws SpecException naming an env_file that cannot be read, or a variable that would steer the agent's CLI
     */
    static Map<String, String> of(ResolvedSpec spec, ServiceSpec service) {
        String p = "services." + service.name() + ".";
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : service.envFiles()) {
            Map<String, String> read = spec.envFile(service, file);
            read.keySet().forEach(k -> check(k, p + "env_file (" + file + ")"));
            env.putAll(read);
        }
        service.environment().keySet().forEach(k -> check(k, p + "environment." + k));
        env.putAll(service.environment());
        return Collections.unmodifiableMap(env);
    }

    private static void check(String name, String path) {
        if (STEERING.contains(name) || name.startsWith("DOCKER_")) {
            throw new SpecException(path, "variable '" + name + "' is not supported on atomic: a service's environment "
                    + "is the environment of the agent's docker CLI, which " + name + " would steer; refused: "
                    + String.join(", ", STEERING) + ", DOCKER_* (use another name, or the docker-run backend)");
        }
    }
}
