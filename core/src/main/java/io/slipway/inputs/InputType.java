package io.slipway.inputs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The types an input can declare under {@code x-slipway.inputs}. */
public enum InputType {
    STRING, NUMBER, BOOLEAN, LIST, JSON;

    /** The spec's spelling, e.g. {@code number}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the spec's spelling; an unknown one is an error listing the valid ones. */
    public static InputType parse(String text) {
        for (InputType t : values()) {
            if (t.spelling().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown input type '" + text + "'; valid types: "
                + Arrays.stream(values()).map(InputType::spelling).collect(Collectors.joining(", ")));
    }
}
