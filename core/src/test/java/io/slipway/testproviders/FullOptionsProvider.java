package io.slipway.testproviders;

import io.slipway.ContainerLauncher;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.time.Duration;
import java.util.List;

/** A test backend with one option of every kind; it accepts a target. */
public final class FullOptionsProvider implements LauncherProvider {

    public static final String NAME = "test-full";
    public static final String ALIAS = "tfull";

    /** A choice option's enum; IF_NOT_PRESENT is spelled if-not-present. */
    public enum Pull {
        ALWAYS, IF_NOT_PRESENT, NEVER
    }

    public static final LauncherOption<String> LABEL = LauncherOption.string("label", "plain", "a free-form string");
    public static final LauncherOption<String> PASSWORD = LauncherOption.secret("password", "a secret");
    public static final LauncherOption<Boolean> TLS = LauncherOption.bool("tls-verify", false, "verify TLS");
    public static final LauncherOption<Integer> RETRIES = LauncherOption.integer("retries", 3, "how often to retry");
    public static final LauncherOption<Duration> TIMEOUT = LauncherOption.duration("timeout", Duration.ofSeconds(10),
            "how long to wait");
    public static final LauncherOption<Pull> PULL = LauncherOption.choice("pull", Pull.class, Pull.IF_NOT_PRESENT,
            "when to pull images");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of(ALIAS);
    }

    @Override
    public String description() {
        return "test backend with every option kind";
    }

    @Override
    public List<LauncherOption<?>> options() {
        return List.of(LABEL, PASSWORD, TLS, RETRIES, TIMEOUT, PULL);
    }

    @Override
    public boolean acceptsTarget() {
        return true;
    }

    @Override
    public ContainerLauncher create(LauncherConfig config) {
        return new RecordingLauncher(NAME, config);
    }
}
