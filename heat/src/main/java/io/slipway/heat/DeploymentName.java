package io.slipway.heat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Slipway deployment name of a Heat deployment item, valid on every backend: container names
 * ({@code docker-run}, {@code atomic}) and Compose project names ({@code compose}) alike. Lower case letters,
 * digits, '_' and '-', starting with a letter or digit, at most 48 characters. A name that already fits is
 * kept; any other gets the first 8 hex digits of its SHA-256 appended, so that {@code My App} and
 * {@code my-app} stay two deployments.
 */
public final class DeploymentName {

    private static final int MAX = 48;

    private DeploymentName() {
    }

    /**
     * The deployment name for {@code item}: from its {@code name}, else its {@code id}.
     *
     * @throws HookException when the item has neither
     */
    public static String of(HookItem item) {
        String source = item.name() != null && !item.name().isBlank() ? item.name() : item.id();
        if (source == null || source.isBlank()) {
            throw new HookException("the item has neither a 'name' nor an 'id' to name the deployment after");
        }
        return normalise(source);
    }

    /** {@code name} made valid on every backend, as described above. */
    public static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (lower.equals(name) && name.length() <= MAX) {
            return name;
        }
        String base = lower.length() > MAX - 9 ? lower.substring(0, MAX - 9) : lower;
        base = base.replaceAll("[-_]+$", "");
        return (base.isEmpty() ? "heat" : base) + "-" + hash(name);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
