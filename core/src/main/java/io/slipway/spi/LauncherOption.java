package io.slipway.spi;

import io.slipway.LauncherConfigException;
import io.slipway.inputs.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One option a backend accepts in its config string ({@code ?key=value}): typed, with a default, a
 * description, and for enumerations the valid choices. Values are parsed (and rejected, naming the
 * option and what would be valid) when the launcher is opened, never later.
 *
 * @param key the name in the config string, e.g. {@code pull}
 * @param type the Java type of a parsed value
 * @param defaultValue the value when the key is absent (may be null: no default)
 * @param description one line for {@code slipway backends}
 * @param choices the valid spellings for an enumeration, else empty
 * @param secret whether the value must be masked (e.g. a password)
 * @param parser turns the text into a value; throws IllegalArgumentException with a reason
 * @param <T> the value type
 */
public record LauncherOption<T>(String key, Class<T> type, T defaultValue, String description, List<String> choices,
        boolean secret, Function<String, T> parser) {

    public LauncherOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parser, "parser");
        choices = List.copyOf(choices);
    }

    /** A free-form string option. */
    public static LauncherOption<String> string(String key, String defaultValue, String description) {
        return new LauncherOption<>(key, String.class, defaultValue, description, List.of(), false, s -> s);
    }

    /** A string option that is masked wherever it could be shown. */
    public static LauncherOption<String> secret(String key, String description) {
        return new LauncherOption<>(key, String.class, null, description, List.of(), true, s -> s);
    }

    /** {@code true} or {@code false}. */
    public static LauncherOption<Boolean> bool(String key, boolean defaultValue, String description) {
        return new LauncherOption<>(key, Boolean.class, defaultValue, description, List.of("true", "false"), false,
                s -> {
                    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(s);
                    }
                    throw new IllegalArgumentException("must be true or false");
                });
    }

    /** A whole number. */
    public static LauncherOption<Integer> integer(String key, Integer defaultValue, String description) {
        return new LauncherOption<>(key, Integer.class, defaultValue, description, List.of(), false, s -> {
            try {
                return Integer.valueOf(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be an integer");
            }
        });
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
    public static LauncherOption<Duration> duration(String key, Duration defaultValue, String description) {
        return new LauncherOption<>(key, Duration.class, defaultValue, description, List.of(), false,
                io.slipway.spec.Durations::parse);
    }

    /** One of the constants of {@code type}, spelled in lower case with '-' for '_'. */
    public static <E extends Enum<E>> LauncherOption<E> choice(String key, Class<E> type, E defaultValue,
            String description) {
        List<String> spellings = java.util.Arrays.stream(type.getEnumConstants()).map(LauncherOption::spell).toList();
        return new LauncherOption<>(key, type, defaultValue, description, spellings, false, s -> {
            for (E e : type.getEnumConstants()) {
                if (spell(e).equals(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("is not one of the valid values");
        });
    }

    /** The config-string spelling of an enum constant: {@code ON_FAILURE} becomes {@code on-failure}. */
    public static String spell(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@code text} for this option.
     *
     * @throws LauncherConfigException naming the option, the bad value and the valid ones
     */
    public T parse(String text) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            String shown = secret ? Secret.MASK : "'" + text + "'";
            String valid = choices.isEmpty() ? "" : "; valid values: " + String.join(", ", choices);
            throw new LauncherConfigException("bad value " + shown + " for option '" + key + "': "
                    + e.getMessage() + valid);
        }
    }

    /** The default as the config string would spell it, or null. */
    public String defaultText() {
        if (defaultValue == null) {
            return null;
        }
        return text(defaultValue);
    }

    /** A value as a config string would spell it: enums as {@link #spell}, durations as {@code 30s}. */
    public static String text(Object value) {
        if (value instanceof Enum<?> e) {
            return spell(e);
        }
        if (value instanceof Duration d) {
            return io.slipway.spec.Durations.format(d);
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return "LauncherOption[" + key + ": " + type.getSimpleName() + (defaultValue == null ? "" : " = " + defaultText()) + "]";
    }
}
