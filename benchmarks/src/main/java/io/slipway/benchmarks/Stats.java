package io.slipway.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Minimum, median and maximum of a few samples.
 *
 * @param n how many samples
 * @param min the smallest
 * @param median the middle one (the mean of the two middle ones for an even count)
 * @param max the largest
 */
public record Stats(int n, double min, double median, double max) {

    /** The statistics of {@code samples}, which must not be empty. */
    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Stats(n, s.get(0), median, s.get(n - 1));
    }
}
