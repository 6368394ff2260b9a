package io.slipway;

import io.slipway.internal.ConfigString;
import io.slipway.internal.ProviderRegistry;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends and opens launchers from a config string, as {@code DriverManager} does for JDBC URLs.
 *
 * <p>A config string is {@code NAME[:TARGET][?key=value&key=value]}: {@code docker-run},
 * {@code docker-run:tcp://10.0.0.5:2376?tls-verify=true}, {@code compose?binary=docker-compose}. NAME is a
 * provider's name or alias; TARGET and the options are the provider's to interpret, and an option it does
 * not declare is an error. Values are percent-decoded.
 */
public final class Launchers {

    /** Environment variable naming the default config string. */
    public static final String ENV = "SLIPWAY_LAUNCHER";
    /** System property naming the default config string (read after {@link #ENV}). */
    public static final String PROPERTY = "slipway.launcher";
    /**
     * The backend the command line and the Heat {@code slipway} group open when {@link #chooseConfig} finds none;
     * {@link #open()} has no default and fails instead.
     */
    public static final String DEFAULT_BACKEND = "docker-run";

    private static volatile ProviderRegistry registry;

    private Launchers() {
    }

    /**
     * Opens the launcher {@code config} selects.
     *
     * @throws LauncherConfigException when no backend has that name, an option is unknown or a value is bad;
     *         the message names it and lists what is valid
     */
    public static ContainerLauncher open(String config) {
        ConfigString cs = ConfigString.parse(config);
        LauncherProvider provider = registry().find(cs.name());
        return provider.create(configure(provider, cs));
    }

    /** Opens the launcher named by {@value #ENV}, else by {@code -D}{@value #PROPERTY}. */
    public static ContainerLauncher open() {
        return open(defaultConfig(System.getenv(), System.getProperties()));
    }

    /**
     * The default config string: {@code env[SLIPWAY_LAUNCHER]}, then {@code props[slipway.launcher]}
     * ({@link #chooseConfig}).
     *
     * @throws LauncherConfigException when neither is set, listing the available backends
     */
    public static String defaultConfig(Map<String, String> env, Properties props) {
        return chooseConfig(env, props).orElseThrow(() -> new LauncherConfigException("no launcher selected: pass a "
                + "config string, or set " + ENV + " or -D" + PROPERTY + "; available: "
                + available().stream().map(LauncherProvider::name).collect(Collectors.joining(", "))));
    }

    /**
     * Slipway's one rule for which backend to open, shared by the API ({@link #open()}), the command line
     * ({@code -b}) and the Heat {@code slipway} group (the item's {@code launcher}): the first of {@code explicit}
     * (in the caller's order of precedence), then {@code env[}{@value #ENV}{@code ]}, then
     * {@code props[}{@value #PROPERTY}{@code ]} that is set and not blank, without surrounding blanks. Empty when
     * none is; the API then fails listing the backends, the command line and Heat use {@link #DEFAULT_BACKEND}.
     *
     * @param explicit config strings the caller was given directly, most important first; null or blank ones are skipped
     */
    public static Optional<String> chooseConfig(Map<String, String> env, Properties props, String... explicit) {
        for (String e : explicit) {
            if (e != null && !e.isBlank()) {
                return Optional.of(e.strip());
            }
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        String fromProp = props.getProperty(PROPERTY);
        if (fromProp != null && !fromProp.isBlank()) {
            return Optional.of(fromProp.strip());
        }
        return Optional.empty();
    }

    /** Every backend on the class path. */
    public static List<LauncherProvider> available() {
        return registry().providers();
    }

    /** Providers that were found but could not be used, one sentence each. */
    public static List<String> problems() {
        return registry().problems();
    }

    /**
     * Parses {@code config} and validates it against {@code provider}'s options and target rule, as {@link #open(String)}
     * does before it calls {@link LauncherProvider#create}; for code (tests, mostly) that creates a backend's launcher
     * itself. The name part of {@code config} is not looked up.
     *
     * @throws LauncherConfigException when the string is malformed, naming the unknown option and the valid ones, or a
     *         bad value
     */
    public static LauncherConfig configure(LauncherProvider provider, String config) {
        return configure(provider, ConfigString.parse(config));
    }

    /** {@link #configure(LauncherProvider, String)} on a parsed string; not public, as its parameter type is internal. */
    static LauncherConfig configure(LauncherProvider provider, ConfigString cs) {
        if (cs.target() != null && !provider.acceptsTarget()) {
            throw new LauncherConfigException("backend '" + provider.name() + "' takes no target, but got '"
                    + ConfigString.maskTarget(cs.target()) + "'");
        }
        Map<String, LauncherOption<?>> declared = new LinkedHashMap<>();
        provider.options().forEach(o -> declared.put(o.key(), o));
        Map<LauncherOption<?>, Object> values = new LinkedHashMap<>();
        LauncherOption<?> previous = null;
        int n = 0;
        for (Map.Entry<String, String> e : cs.options().entrySet()) {
            n++;
            LauncherOption<?> option = declared.get(e.getKey());
            if (option == null) {
                String valid = "; valid options: " + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet()));
                if (previous != null && previous.secret()) {
                    // After a secret, the key may be the rest of its value, cut at an '&' left unescaped: not shown.
                    throw new LauncherConfigException("unknown option " + n + " (after the secret option '" + previous.key()
                            + "'; if it is the rest of that value, write its '&' as %26) for backend '" + provider.name()
                            + "'" + valid);
                }
                // A key that is no option name may be a target (with a password) after a misplaced '?': not shown.
                throw new LauncherConfigException("unknown option " + ConfigString.shownOption(e.getKey()) + " for backend '"
                        + provider.name() + "'" + valid);
            }
            values.put(option, option.parse(e.getValue()));
            previous = option;
        }
        return new LauncherConfig(cs.name(), cs.target(), values);
    }

    private static ProviderRegistry registry() {
        ProviderRegistry r = registry;
        if (r == null) {
            synchronized (Launchers.class) {
                r = registry;
                if (r == null) {
                    r = new ProviderRegistry(ServiceLoader.load(LauncherProvider.class, classLoader()));
                    registry = r;
                }
            }
        }
        return r;
    }

    private static ClassLoader classLoader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : Launchers.class.getClassLoader();
    }
}
