package io.slipway.cli;

import io.slipway.Launchers;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code -b CONFIG} option every backend-using command shares, with its defaults. */
final class BackendOption {

    /** The backend when neither {@code -b}, {@code SLIPWAY_LAUNCHER} nor {@code -Dslipway.launcher} names one. */
    static final String DEFAULT = Launchers.DEFAULT_BACKEND;

    @Option(names = {"-b", "--backend"}, paramLabel = "CONFIG",
            description = "Backend config string NAME[:TARGET][?key=value&...], e.g. compose?binary=docker-compose."
                    + " Default: $SLIPWAY_LAUNCHER, else " + DEFAULT + ". See 'slipway backends'.")
    private String config;

    /**
     * {@code -b}, else {@code env[SLIPWAY_LAUNCHER]}, else {@code -Dslipway.launcher}, else {@value #DEFAULT}:
     * {@link Launchers#chooseConfig}, the rule the API and the Heat group use too.
     */
    String resolve(Map<String, String> env) {
        return Launchers.chooseConfig(env, System.getProperties(), config).orElse(DEFAULT);
    }
}
