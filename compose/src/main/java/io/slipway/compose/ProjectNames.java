package io.slipway.compose;

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
 */
final class ProjectNames {

    private ProjectNames() {
    }

    /** The project name of {@code deployment} (a valid deployment name), e.g. {@code shop}, {@code my.app -> myapp-1c0e8a5d}. */
    static String of(String deployment) {
        String normal = deployment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        if (normal.equals(deployment)) {
            return normal;
        }
        return normal + "-" + sha256(deployment).substring(0, 8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
