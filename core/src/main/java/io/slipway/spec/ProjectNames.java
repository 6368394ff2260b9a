package io.slipway.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deployment name to Compose project name. Both generations want lower case letters, digits, '_' and '-'
 * (v1 1.29 silently drops anything else, v2 rejects an explicit {@code -p} with it), while a deployment
 * name may also hold upper case and '.'. A name that is already valid is used as it is; any other is
 * normalised and given a short hash of the original, so that {@code Shop}, {@code shop} and {@code s.hop}
 * stay three projects instead of sharing one (and deleting each other's containers).
 *
 * <p>Every backend names what a deployment owns from this project name, so that the same deployment has the same
 * named volumes whichever backend runs it: {@link #volume} is the name the Compose tool gives a top-level volume.
 */
public final class ProjectNames {

    private ProjectNames() {
    }

    /** The project name of {@code deployment} (a valid deployment name), e.g. {@code shop}, {@code my.app -> myapp-1c0e8a5d}. */
    public static String of(String deployment) {
        String normal = deployment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        if (normal.equals(deployment)) {
            return normal;
        }
        return normal + "-" + sha256(deployment).substring(0, 8);
    }

    /**
     * The engine's name of top-level volume {@code v} of {@code deployment}, as Compose (v1 and v2) names it: its
     * {@code name} when given (an {@code external} volume's is always set), else {@code <project>_<key>}.
     */
    public static String volume(String deployment, VolumeSpec v) {
        return v.name() != null ? v.name() : volume(deployment, v.key());
    }

    /** {@code <project>_<key>}: the name Compose gives volume {@code key} of {@code deployment} that has no {@code name}. */
    public static String volume(String deployment, String key) {
        // docker-compose v1 strips leading '-' and '_' of the project here (a project name never starts with them).
        return of(deployment).replaceFirst("^[-_]+", "") + "_" + key;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
