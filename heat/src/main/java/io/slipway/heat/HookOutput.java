package io.slipway.heat;

import java.util.Objects;

/**
 * One entry of a deployment item's {@code outputs}: a value the hook may return under {@code name}.
 *
 * @param name the output's name, also its key in the response
 * @param type Heat's type name ({@code String} by default)
 * @param errorOutput whether Heat marks the deployment failed when this output has a value
 */
public record HookOutput(String name, String type, boolean errorOutput) {

    public HookOutput {
        Objects.requireNonNull(name, "name");
        type = type == null || type.isBlank() ? HookInput.STRING : type;
    }
}
