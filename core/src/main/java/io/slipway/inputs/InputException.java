package io.slipway.inputs;

import io.slipway.SlipwayException;

/** Inputs that do not fit a spec's declarations: missing, of the wrong type, or unknown in strict mode. Nothing was started. */
public class InputException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public InputException(String input, String message) {
        super(message);
        this.input = input;
    }

    /** The name of the offending input. */
    public String input() {
        return input;
    }
}
