package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import io.slipway.spec.ServiceSpec;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an engine can run a service's {@code runtime}, told before anything is built or pulled for it: the engine
 * itself would only refuse the name when the container is created. The engine's runtimes are those {@code docker info}
 * lists ({@code Runtimes}); Docker Engine 23 and later also run a containerd shim named {@code io.containerd.NAME.vN}
 * that it does not list, so such a name is left to the engine there. docker-run, compose and atomic all check.
 */
public final class EngineRuntimes {

    private static final Pattern SHIM = Pattern.compile("io\\.containerd\\.[A-Za-z0-9_-]+\\.v[0-9]+");
    private static final Pattern MAJOR = Pattern.compile("(\\d+)\\..*");

    private EngineRuntimes() {
    }

    /**
     * Why the engine cannot run {@code runtime}, or null when it can (or cannot be told).
     *
     * @param runtimes the engine's runtimes; empty when unknown
     * @param engineVersion the engine's version, e.g. {@code 20.10.24}, or null
     */
    public static String missing(String runtime, Collection<String> runtimes, String engineVersion) {
        if (runtime == null || runtimes.isEmpty() || runtimes.contains(runtime)) {
            return null;
        }
        if (SHIM.matcher(runtime).matches() && major(engineVersion) >= 23) {
            return null;
        }
        return "runtime '" + runtime + "' is not available on this engine (Docker Engine " + engineVersion + " has "
                + String.join(", ", runtimes.stream().sorted().toList()) + "): configure it under \"runtimes\" in the "
                + "engine's daemon.json, or remove runtime: from the service";
    }

    /**
     * Why the engine cannot run the {@code runtime} of each service that names one and runs a container, by service;
     * the engine is asked ({@code docker info}) only when a service names one.
     */
    public static Map<String, String> missing(DockerEngine engine, Collection<ServiceSpec> services) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Set<String> runtimes = null;
        for (ServiceSpec s : services) {
            if (s.replicas() == 0 || s.process().runtime() == null) {
                continue;
            }
            if (runtimes == null) {
                runtimes = of(engine.calls());
            }
            String why = missing(s.process().runtime(), runtimes, engine.engineVersion());
            if (why != null) {
                out.put(s.name(), why);
            }
        }
        return out;
    }

    /** The engine's runtimes ({@code docker info}); empty when unknown. */
    static Set<String> of(DockerClient docker) {
        try {
            Map<String, ?> r = docker.infoCmd().exec().getRuntimes();
            return r == null ? Set.of() : Set.copyOf(r.keySet());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static int major(String version) {
        Matcher m = version == null ? null : MAJOR.matcher(version);
        return m != null && m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}
