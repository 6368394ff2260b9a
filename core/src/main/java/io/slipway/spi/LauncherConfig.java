package io.slipway.spi;

import io.slipway.inputs.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated config string, as a provider receives it in {@link LauncherProvider#create}: the
 * backend name as written, the optional target (after {@code :}) and every declared option with its typed
 * value (given or default). {@link #toString()} masks secret options and a target's user info ({@code tcp://******@host}).
 */
public final class LauncherConfig {

    private final String name;
    private final String target;
    private final Map<LauncherOption<?>, Object> values;

    /** Made by {@link io.slipway.Launchers}; public for providers' tests. */
    public LauncherConfig(String name, String target, Map<LauncherOption<?>, Object> values) {
        this.name = name;
        this.target = target;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The backend name as the user wrote it (maybe an alias). */
    public String name() {
        return name;
    }

    /** The target part (e.g. {@code tcp://10.0.0.5:2376}), if given. */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /** The value of {@code option}: the one given, else its default (maybe null). */
    public <T> T get(LauncherOption<T> option) {
        Object v = values.containsKey(option) ? values.get(option) : option.defaultValue();
        return option.type().cast(v);
    }

    /** Whether the user gave {@code option} explicitly. */
    public boolean isSet(LauncherOption<?> option) {
        return values.containsKey(option);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (target != null) {
            sb.append(':').append(io.slipway.internal.ConfigString.maskTarget(target));
        }
        String sep = "?";
        for (Map.Entry<LauncherOption<?>, Object> e : values.entrySet()) {
            Object v = e.getValue();
            sb.append(sep).append(e.getKey().key()).append('=')
                    .append(e.getKey().secret() ? Secret.MASK : LauncherOption.text(v));
            sep = "&";
        }
        return sb.toString();
    }
}
