package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the engine has each service's {@code logging.driver}, told before anything of the deployment is created:
 * the engine itself refuses an unknown driver only when it creates that service's container, after the services
 * before it already started. The engine's drivers are the log plugins {@code docker info} lists, plus {@code none},
 * which it never lists. docker-run, compose and atomic all check.
 */
public final class EngineLogDrivers {

    /** A driver every engine has without listing it. */
    private static final String NONE = "none";

    private EngineLogDrivers() {
    }

    /**
     * Refuses the first service whose {@code logging.driver} the engine lacks; the engine is asked only when a
     * service names a driver.
     *
     * @throws SpecException at {@code services.<name>.logging.driver}, naming the engine's drivers
     */
    public static void check(DockerEngine engine, Collection<ServiceSpec> services) {
        Set<String> drivers = null;
        for (ServiceSpec s : services) {
            String driver = s.logging() == null ? null : s.logging().driver();
            if (driver == null) {
                continue;
            }
            if (drivers == null) {
                drivers = of(engine.calls());
            }
            String why = missing(driver, drivers);
            if (why != null) {
                throw new SpecException("services." + s.name() + ".logging.driver", why);
            }
        }
    }

    /**
     * Why the engine lacks {@code driver}, or null when it has it (or cannot be told).
     *
     * @param drivers the engine's log plugins; empty when unknown
     */
    static String missing(String driver, Set<String> drivers) {
        if (drivers.isEmpty() || drivers.contains(driver) || driver.equals(NONE)) {
            return null;
        }
        Set<String> valid = new TreeSet<>(drivers);
        valid.add(NONE);
        return "unknown log driver '" + driver + "'; this engine has " + String.join(", ", valid);
    }

    /** The engine's log plugins ({@code docker info}); empty when unknown. */
    static Set<String> of(DockerClient docker) {
        try {
            Map<String, List<String>> plugins = docker.infoCmd().exec().getPlugins();
            List<String> log = plugins == null ? null : plugins.get("Log");
            return log == null ? Set.of() : Set.copyOf(log);
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
