package io.slipway.heat;

import java.util.Objects;

/**
 * One entry of a deployment item's {@code inputs}: {@code {name, type, value, ...}}.
 *
 * <p>Heat's types are {@code String} (the default), {@code Number}, {@code CommaDelimitedList}, {@code Json}
 * and {@code Boolean}. heat-config's dispatcher turns the value of every {@code String} input into a string
 * with Python's {@code str()}, so a list may arrive as its Python repr ({@code "['a', 'b']"}) and a boolean
 * as {@code "True"}; {@link HeatValues} reads those forms back.
 *
 * @param name the input's name
 * @param type Heat's type name, {@code String} when the item gives none
 * @param value the value as JSON gave it (string, number, boolean, list, map), or null when unset
 */
public record HookInput(String name, String type, Object value) {

    /** Heat's default input type. */
    public static final String STRING = "String";

    public HookInput {
        Objects.requireNonNull(name, "name");
        type = type == null || type.isBlank() ? STRING : type;
    }

    /** Whether this input is one Heat derives for every deployment ({@code deploy_*}) rather than a template value. */
    public boolean derived() {
        return name.startsWith("deploy_");
    }

    /** Whether this input carries a credential or a signed address of Heat's signalling transport. */
    public boolean transportSecret() {
        return HookItem.TRANSPORT_SECRETS.contains(name);
    }

    /** The name and type only: the value may be secret. */
    @Override
    public String toString() {
        return "HookInput[" + name + ": " + type + "]";
    }
}
