package io.slipway.atomic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Config hashes: SHA-256 over the parts, each length-prefixed (collections and maps element by element, maps
 * sorted by key) so that no two different lists of parts collide; cut to 128 bits.
 */
final class Hashes {

    private Hashes() {
    }

    static String of(Object... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Object p : parts) {
                update(d, p);
            }
            return HexFormat.of().formatHex(d.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest d, Object p) {
        if (p instanceof Collection<?> c) {
            text(d, "list" + c.size());
            c.forEach(e -> update(d, e));
        } else if (p instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            text(d, "map" + sorted.size());
            sorted.forEach((k, v) -> {
                text(d, k);
                update(d, v);
            });
        } else {
            text(d, String.valueOf(p));
        }
    }

    private static void text(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
        d.update(b);
    }
}
