package io.slipway.compose;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Variables;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole environment the Compose tool runs with. Nothing is inherited blindly: a parent's
 * {@code COMPOSE_FILE}, {@code COMPOSE_PROJECT_NAME}, {@code COMPOSE_IGNORE_ORPHANS} or {@code DOCKER_CONTEXT}
 * would change what the tool does, and any other variable would reach the spec's interpolation, which
 * Slipway defines as the inputs only. So only what the tool needs to run and reach the engine is passed,
 * {@code DOCKER_HOST} is set to the engine Slipway watches, and the inputs are added as variables.
 */
final class ToolEnvironment {

    /** Passed from the parent when set: what the tool needs to run and reach the engine, and two tuning knobs. */
    static final List<String> PASSED = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
            "TMPDIR", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY",
            "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",
            "DOCKER_CONFIG", "DOCKER_API_VERSION", "COMPOSE_HTTP_TIMEOUT", "COMPOSE_PARALLEL_LIMIT", "DOCKER_BUILDKIT",
            "COMPOSE_DOCKER_CLI_BUILD");
    /** Linux's limit on one environment string, its NUL included: 32 pages of 4 KiB. */
    private static final int MAX_ARG_STRLEN = 32 * 4096;
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ToolEnvironment() {
    }

    /**
     * The environment for running the tool without inputs (detection, {@code down}).
     *
     * @param parent the launcher's process environment
     * @param dockerHost the engine address, or null for the tool's default (the local socket)
     */
    static Map<String, String> base(Map<String, String> parent, String dockerHost) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : PASSED) {
            String value = parent.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        return env;
    }

    /**
     * {@code env} with the engine's TLS settings of the config string ({@code tls-verify}, {@code cert-path}) in place
     * of the environment's, so that the tool reaches the engine as Slipway does.
     *
     * @param tlsVerify the {@code tls-verify} option, or null when not given
     * @param certPath the {@code cert-path} option, or null when not given
     */
    static Map<String, String> withEngineTls(Map<String, String> env, Boolean tlsVerify, String certPath) {
        Map<String, String> result = new LinkedHashMap<>(env);
        if (tlsVerify != null) {
            // The docker CLI verifies when DOCKER_TLS_VERIFY is set to anything, so "false" is its absence.
            if (tlsVerify) {
                result.put("DOCKER_TLS_VERIFY", "1");
            } else {
                result.remove("DOCKER_TLS_VERIFY");
            }
        }
        if (certPath != null) {
            result.put("DOCKER_CERT_PATH", certPath);
        }
        return result;
    }

    /**
     * Whether the tool, run with {@code env}, builds with BuildKit: v2 does unless {@code DOCKER_BUILDKIT} is false;
     * docker-compose v1 only through the docker CLI ({@code COMPOSE_DOCKER_CLI_BUILD}, true by default in 1.29) with
     * {@code DOCKER_BUILDKIT} true (a CLI of 23 or later with buildx builds with it anyway, which cannot be told from
     * here: there, {@code DOCKER_BUILDKIT=1} says so).
     */
    static boolean buildsWithBuildKit(ComposeTool.Generation generation, Map<String, String> env) {
        if (generation == ComposeTool.Generation.V2) {
            return !isFalse(env.get("DOCKER_BUILDKIT"));
        }
        return !isFalse(env.get("COMPOSE_DOCKER_CLI_BUILD")) && isTrue(env.get("DOCKER_BUILDKIT"));
    }

    private static boolean isTrue(String value) {
        return value != null && List.of("1", "true", "yes", "y", "on").contains(value.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean isFalse(String value) {
        return value != null && List.of("0", "false", "no", "n", "off").contains(value.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * {@code base} plus every variable. Compose ranks its process environment above the {@code --env-file},
     * so this is what gives each variable its exact value.
     *
     * @param tool the tool's name, for the message
     * @throws InputException for an input whose name is one the tool itself reads
     */
    static Map<String, String> withVariables(Map<String, String> base, Map<String, String> variables, String tool) {
        Map<String, String> env = new LinkedHashMap<>(base);
        for (Map.Entry<String, String> e : variables.entrySet()) {
            String name = e.getKey();
            if (reserved(name)) {
                throw new InputException(name, "input '" + name + "' cannot be given to " + tool
                        + ": a variable of that name also configures the tool (reserved: "
                        + String.join(", ", PASSED) + ", DOCKER_*, COMPOSE_*); rename the input");
            }
            int bytes = (name + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > MAX_ARG_STRLEN) {
                throw new InputException(name, "input '" + name + "' is " + bytes + " bytes as an environment "
                        + "variable, over Linux's limit of " + MAX_ARG_STRLEN + " (MAX_ARG_STRLEN), and " + tool
                        + " takes inputs in its environment, so it could not start; hand the value over as a file "
                        + "(a secret or config with file:), or use the docker-run backend, which reads secret inputs "
                        + "itself");
            }
            env.put(name, e.getValue());
        }
        return env;
    }

    /** {@link #withVariables(Map, Map, String)} with a deployment's validated inputs. */
    static Map<String, String> withInputs(Map<String, String> base, Variables variables, String tool) {
        return withVariables(base, variables.asMap(), tool);
    }

    static boolean reserved(String name) {
        return PASSED.contains(name) || name.startsWith("DOCKER_")
                || name.startsWith("COMPOSE_");
    }
}
