package io.slipway.inputs;

import java.util.Objects;

/**
 * A value that must never be shown. {@link #toString()} is always masked; only {@link #reveal()} gives
 * the value, for the one place that hands it to the launching tool.
 */
public final class Secret {

    /** What every secret looks like wherever it could be shown. */
    public static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value. Call it only to hand the value to the tool, never to show it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
