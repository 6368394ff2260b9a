package io.slipway;

/**
 * A config string that selects no backend, or gives a backend an option it does not know or a value it
 * cannot take. The message names the bad part and what would be valid.
 */
public class LauncherConfigException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public LauncherConfigException(String message) {
        super(message);
    }
}
