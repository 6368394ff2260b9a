package io.slipway.junit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a test declares: the spec, the backend, the inputs and how the deployment is kept and named. Equal
 * declarations are the same deployment where they share a name ({@link #shared}).
 *
 * @param spec a file path, or a class-path resource ({@code classpath:} forces the latter)
 * @param backend the config string, or null for Slipway's default rule
 * @param inputs input values by name ({@link io.slipway.inputs.Secret} for secrets)
 * @param namePrefix the first part of the deployment's name
 * @param keep whether to keep the deployment after the tests
 * @param timeout how long the apply may take
 * @param shared the shared name, or null: a deployment of its declaring scope
 */
record Declaration(String spec, String backend, Map<String, Object> inputs, String namePrefix, boolean keep,
        Duration timeout, String shared) {

    static final String DEFAULT_PREFIX = "junit";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    Declaration {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("a deployment needs a spec: a file path or a class-path resource");
        }
        backend = backend == null || backend.isBlank() ? null : backend.strip();
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("bad timeout " + timeout + ": give a positive duration");
        }
        shared = shared == null || shared.isBlank() ? null : shared.strip();
    }

    static Declaration of(String spec) {
        return new Declaration(spec, null, Map.of(), DEFAULT_PREFIX, false, DEFAULT_TIMEOUT, null);
    }

    /** Reads {@code name=value}; {@code where} names the declaration in the error. */
    static Map.Entry<String, String> parseInput(String nameValue, String where) {
        int eq = nameValue == null ? -1 : nameValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("bad input '" + nameValue + "' in " + where + ": write name=value");
        }
        return Map.entry(nameValue.substring(0, eq).strip(), nameValue.substring(eq + 1));
    }

    /**
     * The backend's name in a config string: what messages and logs show of it, since its target or an option may
     * hold a password.
     */
    static String backendName(String config) {
        String name = config.split("[:?]", 2)[0];
        return name.length() < config.length() ? name + "[...]" : name;
    }

    @Override
    public String toString() {
        // Input names only: a value may be a secret by the spec's declaration, which is not read here.
        return "spec " + spec + (backend == null ? "" : " on " + backendName(backend)) + (inputs.isEmpty() ? "" : " inputs " + inputs.keySet())
                + (shared == null ? "" : " shared as '" + shared + "'");
    }
}
