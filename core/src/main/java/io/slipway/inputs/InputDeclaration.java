package io.slipway.inputs;

import java.util.Objects;

/**
 * One input a spec declares under {@code x-slipway.inputs}.
 *
 * @param name the input's name, also its interpolation variable
 * @param type its type
 * @param defaultValue the value when none is given, or null
 * @param required whether a value (or a default) must exist
 * @param secret whether the value must be masked everywhere
 * @param description shown in errors and help, or null
 */
public record InputDeclaration(String name, InputType type, Object defaultValue, boolean required, boolean secret,
        String description) {

    public InputDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return "InputDeclaration[name=" + name + ", type=" + type.spelling() + ", default="
                + (secret && defaultValue != null ? Secret.MASK : defaultValue) + ", required=" + required
                + ", secret=" + secret + "]";
    }
}
