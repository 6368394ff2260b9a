package io.slipway.spec;

import java.util.Locale;

/**
 * A service's {@code pull_policy}: when the backend pulls (or builds) the service's image. A service without one
 * follows the backend's own setting (e.g. docker-run's {@code pull} option).
 *
 * <p>Compose's {@code daily}, {@code weekly} and {@code every_<duration>} are refused: honouring them needs a record
 * of when each image was last pulled, which Slipway does not keep (the engine keeps none either).
 */
public enum ImagePull {
    /** {@code always}: pull before every apply, even when the image is present. */
    ALWAYS,
    /** {@code never}: never pull; a missing image fails the service, naming the image. */
    NEVER,
    /** {@code missing} (or {@code if_not_present}): pull only when the image is not present locally. */
    MISSING,
    /** {@code build}: build the image on every apply, even when it is present and up to date (needs {@code build}). */
    BUILD;

    /** The values {@link #parse} accepts, for messages. */
    static final String VALID = "always, never, missing, if_not_present, build";

    /**
     * The policy {@code value} names, or null for null.
     *
     * @throws SpecException at {@code path} for any other value, saying why {@code daily}, {@code weekly} and
     *         {@code every_*} are refused
     */
    static ImagePull parse(String value, String path, Values v) {
        if (value == null) {
            return null;
        }
        switch (value) {
            case "always":
                return ALWAYS;
            case "never":
                return NEVER;
            case "missing":
            case "if_not_present":
                return MISSING;
            case "build":
                return BUILD;
            default:
                break;
        }
        if (value.equals("daily") || value.equals("weekly") || value.startsWith("every_")) {
            throw v.fail(path, "pull_policy '" + value + "' is not supported: it needs a record of when the image was "
                    + "last pulled, which Slipway does not keep; use always or missing");
        }
        throw v.fail(path, "invalid pull_policy '" + value + "'; valid: " + VALID);
    }

    /** The value as Compose spells it, e.g. {@code missing}. */
    public String composeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
