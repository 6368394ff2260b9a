package io.slipway.spec;

import io.slipway.SlipwayException;

/**
 * A spec that cannot be read, bound or interpolated. {@link #path()} names the offending key in the
 * document, such as {@code services.web.ports[1]}, or is empty when the problem is not tied to one key.
 */
public class SpecException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public SpecException(String path, String message) {
        super(path == null || path.isEmpty() ? message : path + ": " + message);
        this.path = path == null ? "" : path;
    }

    public SpecException(String path, String message, Throwable cause) {
        super(path == null || path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path == null ? "" : path;
    }

    /** A message that says where the value was itself ({@link Origins}); {@code path} is not put in front of it. */
    SpecException(String path, String message, Throwable cause, boolean prefixPath) {
        super(prefixPath && path != null && !path.isEmpty() ? path + ": " + message : message, cause);
        this.path = path == null ? "" : path;
    }

    /** The path of the bad key, e.g. {@code services.web.ports[1]}; empty if none. */
    public String path() {
        return path;
    }
}
