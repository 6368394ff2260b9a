package io.slipway.junit;

import io.slipway.DeploymentNames;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Deployment names for tests: {@code <prefix>-<what>-<n>-<6 hex>}. The counter keeps names apart within a run (parallel
 * classes, one per test), the random part across runs and processes that share an engine (forked test JVMs, CI jobs).
 */
final class Names {

    private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,19}");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_WHAT = 24;

    private Names() {
    }

    static String requirePrefix(String prefix) {
        if (prefix == null || !PART.matcher(prefix).matches()) {
            throw new IllegalArgumentException("bad deployment name prefix '" + prefix + "': use 1-20 lower-case letters, "
                    + "digits, '_', '.' or '-', starting with a letter or digit");
        }
        return prefix;
    }

    static String requireShared(String name) {
        if (name == null || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("bad shared deployment name '" + name + "': use 1-20 lower-case letters, "
                    + "digits, '_', '.' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** A new name for a deployment of {@code what} (a class's simple name, a shared name). */
    static String next(String prefix, String what) {
        String w = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (w.length() > MAX_WHAT) {
            w = w.substring(0, MAX_WHAT);
        }
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        String name = prefix + "-" + (w.isEmpty() ? "" : w + "-") + COUNTER.incrementAndGet() + "-"
                + HexFormat.of().formatHex(b);
        return DeploymentNames.requireValid(name);
    }
}
