package io.slipway.internal;

import java.math.BigDecimal;

/** How a number from a spec or an input is written into an environment, a label or a compose file. Not API. */
public final class Numbers {

    /** Longest plain form written out; beyond it, scientific notation keeps {@code 1e999999999} from taking gigabytes. */
    static final int MAX_PLAIN_DIGITS = 64;

    private Numbers() {
    }

    /**
     * {@code n} as written by a person ({@code 1000}, not {@code 1E+3}; {@code 0.5}, not {@code 5E-1}), or in
     * scientific notation ({@code 1E+400}) when the plain form would be longer than {@value #MAX_PLAIN_DIGITS}
     * digits.
     */
    public static String text(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        long digits = Math.max((long) s.precision() - s.scale(), 1) + Math.max(s.scale(), 0);
        return digits > MAX_PLAIN_DIGITS ? s.toString() : s.toPlainString();
    }
}
