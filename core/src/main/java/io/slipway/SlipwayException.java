package io.slipway;

/**
 * Base of every exception Slipway throws. Messages name the bad value and, where there is a fixed set,
 * the valid choices; they never contain a secret.
 */
public class SlipwayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlipwayException(String message) {
        super(message);
    }

    public SlipwayException(String message, Throwable cause) {
        super(message, cause);
    }
}
