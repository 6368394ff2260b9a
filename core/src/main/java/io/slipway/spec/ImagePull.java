package io.slipway.spec;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A service's {@code pull_policy}: when the backend pulls (or builds) the service's image. A service without one
 * follows the backend's own setting (e.g. docker-run's {@code pull} option).
 *
 * <p>The fixed policies are the constants {@link #ALWAYS}, {@link #NEVER}, {@link #MISSING} and {@link #BUILD} (the
 * reader returns these very instances, so {@code ==} compares them); Compose's {@code daily}, {@code weekly} and
 * {@code every_<duration>} are {@link Kind#REFRESH} with their {@link #period()}: the image is pulled when it is
 * missing or its last pull is older than the period. The engine keeps that record (an image's
 * {@code Metadata.LastTagTime}, set by a pull or a tag), so Slipway needs none of its own.
 *
 * @param kind what the policy does
 * @param period for {@link Kind#REFRESH}, how old the last pull may be (positive); null for the other kinds
 * @param value the policy as the spec spells it, e.g. {@code every_12h}, for messages
 */
public record ImagePull(Kind kind, Duration period, String value) {

    /** What a policy does. */
    public enum Kind {
        /** {@code always}: pull before every apply, even when the image is present. */
        ALWAYS,
        /** {@code never}: never pull; a missing image fails the service, naming the image. */
        NEVER,
        /** {@code missing} (or {@code if_not_present}): pull only when the image is not present locally. */
        MISSING,
        /** {@code build}: build the image on every apply, even when it is present and up to date (needs {@code build}). */
        BUILD,
        /** {@code daily}, {@code weekly}, {@code every_<duration>}: pull when missing or last pulled too long ago. */
        REFRESH
    }

    /** {@code always}. */
    public static final ImagePull ALWAYS = new ImagePull(Kind.ALWAYS, null, "always");
    /** {@code never}. */
    public static final ImagePull NEVER = new ImagePull(Kind.NEVER, null, "never");
    /** {@code missing}, also for {@code if_not_present}. */
    public static final ImagePull MISSING = new ImagePull(Kind.MISSING, null, "missing");
    /** {@code build}. */
    public static final ImagePull BUILD = new ImagePull(Kind.BUILD, null, "build");

    /** The values {@link #parse} accepts, for messages. */
    static final String VALID = "always, never, missing, if_not_present, build, daily, weekly, "
            + "every_<duration> (e.g. every_12h, every_30m, every_1h30m)";

    /**
     * @throws IllegalArgumentException when a refresh policy has no positive period, or another kind has one
     */
    public ImagePull {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (kind == Kind.REFRESH ? period == null || period.isNegative() || period.isZero() : period != null) {
            throw new IllegalArgumentException("pull_policy " + value + ": " + (kind == Kind.REFRESH
                    ? "a refresh needs a positive period" : "only a refresh has a period"));
        }
    }

    /** A refresh policy: pull when the image is missing or was last pulled more than {@code period} ago. */
    public static ImagePull every(Duration period) {
        return new ImagePull(Kind.REFRESH, period, "every_" + Durations.format(period));
    }

    /**
     * The policy {@code value} names, or null for null.
     *
     * @throws SpecException at {@code path} for any other value, saying what is valid
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
            case "daily":
                return new ImagePull(Kind.REFRESH, Duration.ofDays(1), value);
            case "weekly":
                return new ImagePull(Kind.REFRESH, Duration.ofDays(7), value);
            default:
                break;
        }
        if (value.startsWith("every_")) {
            Duration period;
            try {
                period = Durations.parse(value.substring("every_".length()));
            } catch (IllegalArgumentException e) {
                throw v.fail(path, "invalid pull_policy '" + value + "': every_ takes a duration such as every_12h, "
                        + "every_30m or every_1h30m (units us, ms, s, m, h)");
            }
            if (period.isZero()) {
                throw v.fail(path, "invalid pull_policy '" + value + "': the period must be longer than 0, "
                        + "e.g. every_12h");
            }
            return new ImagePull(Kind.REFRESH, period, value);
        }
        throw v.fail(path, "invalid pull_policy '" + value + "'; valid: " + VALID);
    }

    /** Whether this is a {@link Kind#REFRESH} policy ({@code daily}, {@code weekly}, {@code every_*}). */
    public boolean refresh() {
        return kind == Kind.REFRESH;
    }

    /**
     * For a refresh policy, whether a present image last pulled (or tagged) at {@code lastPulled} is due for a pull
     * at {@code now}: when no time is known (null, as for an image the engine has no record of) or the last pull is
     * at least {@link #period()} old. Always false for the other kinds.
     */
    public boolean due(Instant lastPulled, Instant now) {
        return kind == Kind.REFRESH && due(period, lastPulled, now);
    }

    /**
     * Whether an image last pulled at {@code lastPulled} (null: unknown) is due for a pull at {@code now} under a
     * refresh {@code period}: unknown, or at least {@code period} old.
     */
    public static boolean due(Duration period, Instant lastPulled, Instant now) {
        return lastPulled == null || !lastPulled.plus(period).isAfter(now);
    }

    /** The value as Compose spells it, e.g. {@code missing} or {@code every_12h}. */
    public String composeValue() {
        return value;
    }

    /**
     * The fixed kinds as their names ({@code MISSING}), a refresh as spelled ({@code every_12h}). docker-run hashes a
     * service's components by their text, and the fixed policies were enum constants, so their text stays the same:
     * a container applied before refresh policies existed is not replaced on its next apply.
     */
    @Override
    public String toString() {
        return kind == Kind.REFRESH ? value : kind.name();
    }
}
