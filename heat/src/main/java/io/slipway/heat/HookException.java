package io.slipway.heat;

import io.slipway.SlipwayException;

/**
 * A deployment item the hook cannot act on: unparseable stdin, an unknown group or action, a config that
 * fails validation. Nothing was started. The message names the bad value and the valid choices, and never
 * contains a secret.
 */
public class HookException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    /** A hook failure described by {@code message}. */
    public HookException(String message) {
        super(message);
    }

    /** A hook failure described by {@code message}, caused by {@code cause}. */
    public HookException(String message, Throwable cause) {
        super(message, cause);
    }
}
