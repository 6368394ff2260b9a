package io.slipway.benchmarks;

/**
 * One line of the report: what one competitor measured for one metric of one scenario.
 *
 * @param scenario the scenario's title, e.g. {@code 1. One launch to running}
 * @param group a sub-case within the scenario (e.g. {@code 50 services}), or empty
 * @param competitor who was measured, e.g. {@code Slipway docker-run}
 * @param metric what was measured, e.g. {@code launch to running}
 * @param unit {@code ms}, {@code count}, {@code MB}
 * @param stats the samples' statistics, or null when nothing was measured (see {@code note})
 * @param baseline whether this is the raw Engine API row that the scenario's other rows are divided by
 * @param note why nothing was measured, or what to know about the numbers
 */
public record Row(String scenario, String group, String competitor, String metric, String unit, Stats stats,
        boolean baseline, String note) {

    /** Whether this row has numbers. */
    public boolean measured() {
        return stats != null;
    }

    /** A row without numbers, saying why. */
    static Row notAvailable(String scenario, String group, String competitor, String metric, String why) {
        return new Row(scenario, group, competitor, metric, "", null, false, why);
    }
}
