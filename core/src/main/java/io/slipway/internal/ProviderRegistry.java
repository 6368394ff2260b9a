package io.slipway.internal;

import io.slipway.LauncherConfigException;
import io.slipway.spi.LauncherProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers found on the class path, indexed by name and alias. A provider that fails to load, or
 * was written for another SPI version, is recorded in {@link #problems()} and skipped; two providers
 * claiming one name make that name an error (naming both classes and their jars), never an order-of-class-path pick.
 */
public final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final List<LauncherProvider> providers = new ArrayList<>();
    private final Map<String, List<LauncherProvider>> byName = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Indexes {@code found}; an iterator that throws {@link ServiceConfigurationError} is tolerated per element. */
    public ProviderRegistry(Iterable<LauncherProvider> found) {
        Iterator<LauncherProvider> it = found.iterator();
        while (true) {
            LauncherProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a launcher provider failed to load: " + e.getMessage());
                LOG.warn("A launcher provider failed to load and is skipped: {}", e.getMessage());
                continue;
            }
            if (p.spiVersion() != LauncherProvider.SPI_VERSION) {
                problems.add(describe(p) + " implements SPI version " + p.spiVersion() + ", this core speaks "
                        + LauncherProvider.SPI_VERSION);
                LOG.warn("Skipping launcher provider {}: SPI version {} (expected {})", describe(p), p.spiVersion(),
                        LauncherProvider.SPI_VERSION);
                continue;
            }
            providers.add(p);
            byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            for (String alias : p.aliases()) {
                byName.computeIfAbsent(alias, k -> new ArrayList<>()).add(p);
            }
        }
    }

    /** Every usable provider, in discovery order. */
    public List<LauncherProvider> providers() {
        return Collections.unmodifiableList(providers);
    }

    /** What could not be loaded, one sentence each. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /**
     * The provider called {@code name} (a name or alias).
     *
     * @throws LauncherConfigException listing the installed names when none matches, or both classes when two do
     */
    public LauncherProvider find(String name) {
        List<LauncherProvider> matches = byName.getOrDefault(name, List.of());
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            String installed = providers.isEmpty() ? "none (add a backend module such as slipway-docker-run to the class path)"
                    : String.join(", ", new TreeSet<>(byName.keySet()));
            String extra = problems.isEmpty() ? "" : "; providers that failed to load: " + String.join("; ", problems);
            throw new LauncherConfigException("no launcher backend named '" + name + "'; available: " + installed + extra);
        }
        StringBuilder sb = new StringBuilder("launcher name '" + name + "' is claimed by " + matches.size()
                + " providers; remove all but one from the class path:");
        matches.forEach(p -> sb.append("\n  ").append(describe(p)));
        throw new LauncherConfigException(sb.toString());
    }

    /** A provider's class and the jar or directory it came from. */
    static String describe(LauncherProvider p) {
        Class<?> c = p.getClass();
        var src = c.getProtectionDomain().getCodeSource();
        return c.getName() + " (from " + (src == null ? "unknown location" : src.getLocation()) + ")";
    }
}
