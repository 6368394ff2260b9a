package io.slipway.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, judged from the rows (medians; the max is shown beside where it matters). */
final class Targets {

    /**
     * One target and how this run did.
     *
     * @param target the target as the issue states it
     * @param measured what this run measured
     * @param verdict {@code met}, {@code missed}, or {@code not measured}
     */
    record Verdict(String target, String measured, String verdict) {
    }

    static final String SLIPWAY = "Slipway docker-run";

    private final List<Row> rows;

    Targets(List<Row> rows) {
        this.rows = rows;
    }

    List<Verdict> judge() {
        List<Verdict> out = new ArrayList<>();
        Optional<Row> one = find("1.", "", SLIPWAY, OneLaunch.METRIC);
        Optional<Row> oneRaw = baseline("1.", "", OneLaunch.METRIC);
        Optional<Row> oneCli = find("1.", "", "docker run", OneLaunch.METRIC);
        out.add(ratio("One launch ≤ 1.10× raw API", one, oneRaw, 1.10, true));
        out.add(ratio("One launch ≤ 0.7× the `docker run -d` process", one, oneCli, 0.7, true));

        Optional<Row> exit = find("2.", "exits", SLIPWAY, Detection.METRIC);
        Optional<Row> healthy = find("2.", "healthy", SLIPWAY, Detection.METRIC);
        if (exit.isPresent() && healthy.isPresent()) {
            boolean met = exit.get().stats().median() <= 50 && healthy.get().stats().median() <= 50;
            out.add(new Verdict("Success seen ≤ 50 ms after the engine's event", String.format(Locale.ROOT,
                    "exit: median %.1f ms (max %.1f); healthy: median %.1f ms (max %.1f)", exit.get().stats().median(),
                    exit.get().stats().max(), healthy.get().stats().median(), healthy.get().stats().max()),
                    met ? "met" : "missed"));
        } else {
            out.add(new Verdict("Success seen ≤ 50 ms after the engine's event", "", "not measured"));
        }

        Optional<Row> many = find("3.", "", SLIPWAY, ManyServices.METRIC);
        String n = many.map(Row::group).orElse("N services");
        out.add(ratio(n + " ≤ 1.15× the raw parallel API", many, baseline("3.", "", ManyServices.METRIC), 1.15, true));
        Optional<Row> composeV1 = find("3.", "", "docker-compose up", ManyServices.METRIC);
        if (many.isPresent() && composeV1.isPresent()) {
            double speedup = composeV1.get().stats().median() / many.get().stats().median();
            out.add(new Verdict(n + " ≥ 1.6× faster than `docker-compose up -d` v1",
                    String.format(Locale.ROOT, "%.2f× faster (%.0f ms vs %.0f ms)", speedup,
                            many.get().stats().median(), composeV1.get().stats().median()),
                    speedup >= 1.6 ? "met" : "missed"));
        } else {
            out.add(new Verdict(n + " ≥ 1.6× faster than `docker-compose up -d` v1", "", "not measured"));
        }

        Optional<Row> re = find("4.", "", SLIPWAY, Reapply.TIME);
        Optional<Row> touched = find("4.", "", SLIPWAY, Reapply.TOUCHED);
        if (re.isPresent() && touched.isPresent()) {
            boolean met = re.get().stats().median() <= 500 && touched.get().stats().max() == 0;
            out.add(new Verdict("Unchanged re-apply of " + re.get().group() + " ≤ 0.5 s in-process, 0 containers touched",
                    String.format(Locale.ROOT, "median %.0f ms (max %.0f), %.0f touched", re.get().stats().median(),
                            re.get().stats().max(), touched.get().stats().max()), met ? "met" : "missed"));
        } else {
            out.add(new Verdict("Unchanged re-apply ≤ 0.5 s in-process, 0 containers touched", "", "not measured"));
        }

        Optional<Row> backends = find("5.", "startup", "bin/slipway backends", CommandLine.BACKENDS);
        out.add(backends.map(r -> new Verdict("`slipway backends` cold ≤ 0.6 s", String.format(Locale.ROOT,
                "median %.0f ms (min %.0f, max %.0f)", r.stats().median(), r.stats().min(), r.stats().max()),
                r.stats().median() <= 600 ? "met" : "missed")).orElse(
                new Verdict("`slipway backends` cold ≤ 0.6 s", "", "not measured")));

        out.add(scale());

        // Issue 17, in process.
        out.add(ratio("First launch ≤ 1.25× the raw API including the deployment network (issue 17)", one,
                find("1.", "", OneLaunch.RAW_NETWORK, OneLaunch.METRIC), 1.25, true));
        Optional<Row> exitTold = find("2.", "exits", SLIPWAY, Detection.TOLD);
        Optional<Row> healthyTold = find("2.", "healthy", SLIPWAY, Detection.TOLD);
        if (exit.isPresent() && healthy.isPresent()) {
            boolean met = exit.get().stats().median() <= 5 && healthy.get().stats().median() <= 5;
            boolean told = exitTold.isPresent() && healthyTold.isPresent() && exitTold.get().stats().median() <= 5
                    && healthyTold.get().stats().median() <= 5;
            String measured = String.format(Locale.ROOT,
                    "apply returned: exit median %.1f ms (max %.1f), healthy median %.1f ms (max %.1f)",
                    exit.get().stats().median(), exit.get().stats().max(), healthy.get().stats().median(),
                    healthy.get().stats().max());
            if (exitTold.isPresent() && healthyTold.isPresent()) {
                measured += String.format(Locale.ROOT, "; result told: exit median %.1f ms (max %.1f), healthy "
                        + "median %.1f ms (max %.1f)", exitTold.get().stats().median(), exitTold.get().stats().max(),
                        healthyTold.get().stats().median(), healthyTold.get().stats().max());
            }
            out.add(new Verdict("Exit and health change known ≤ 5 ms after the event, in process (issue 17)",
                    measured, met ? "met" : told ? "met for the result told; apply returns after the lock's release"
                            : "missed"));
        } else {
            out.add(new Verdict("Exit and health change known ≤ 5 ms after the event, in process (issue 17)", "",
                    "not measured"));
        }
        return out;
    }

    /** Threads and descriptors bounded (not one per container) and back to where they were after delete. */
    private Verdict scale() {
        String target = "Scale: cost linear in services; threads and fds bounded; back to baseline after delete";
        List<Row> applies = rows.stream().filter(r -> r.scenario().startsWith("6.") && r.competitor().startsWith(SLIPWAY)
                && r.metric().equals(ScaleCurve.APPLY) && r.measured()).toList();
        if (applies.size() < 2) {
            return new Verdict(target, "", "not measured");
        }
        Row small = applies.get(0);
        Row large = applies.get(applies.size() - 1);
        int nSmall = services(small.group());
        int nLarge = services(large.group());
        double perSmall = small.stats().median() / nSmall;
        double perLarge = large.stats().median() / nLarge;
        double peakAdded = value(large.group(), ScaleCurve.THREADS_PEAK) - value(large.group(), ScaleCurve.THREADS_BASE);
        double threadsLeft = 0;
        double fdsLeft = 0;
        for (Row a : applies) {
            threadsLeft = Math.max(threadsLeft, value(a.group(), ScaleCurve.THREADS_AFTER)
                    - value(a.group(), ScaleCurve.THREADS_BASE));
            fdsLeft = Math.max(fdsLeft, value(a.group(), ScaleCurve.FDS_AFTER) - value(a.group(), ScaleCurve.FDS_BASE));
        }
        double fdsAdded = value(large.group(), ScaleCurve.FDS_PEAK) - value(large.group(), ScaleCurve.FDS_BASE);
        boolean linear = perLarge <= perSmall * 1.5 || nSmall == 1; // one service is dominated by fixed costs
        boolean bounded = peakAdded < nLarge / 2.0;
        boolean back = threadsLeft <= 1 && fdsLeft <= 2;
        String measured = String.format(Locale.ROOT, "%.1f ms/service at %d, %.1f at %d; at %d services +%.0f threads, "
                + "+%.0f fds at the peak; after delete at most +%.0f threads, +%.0f fds", perSmall, nSmall, perLarge,
                nLarge, nLarge, peakAdded, fdsAdded, threadsLeft, fdsLeft);
        String verdict = linear && bounded && back ? "met" : "missed ("
                + String.join(", ", (linear ? "" : "not linear"), (bounded ? "" : "a thread per service"),
                        (back ? "" : "not back to baseline")).replaceAll("^(, )+|(, )+$", "").replaceAll("(, )+", ", ")
                + ")";
        return new Verdict(target, measured, verdict);
    }

    private double value(String group, String metric) {
        return rows.stream().filter(r -> r.scenario().startsWith("6.") && r.group().equals(group)
                && r.competitor().startsWith(SLIPWAY) && r.metric().equals(metric) && r.measured())
                .map(r -> r.stats().median()).findFirst().orElse(Double.NaN);
    }

    private static int services(String group) {
        return Integer.parseInt(group.replaceAll("[^0-9]", ""));
    }

    private Verdict ratio(String target, Optional<Row> mine, Optional<Row> other, double limit, boolean atMost) {
        if (mine.isEmpty() || other.isEmpty()) {
            return new Verdict(target, "", "not measured");
        }
        double r = mine.get().stats().median() / other.get().stats().median();
        return new Verdict(target, String.format(Locale.ROOT, "%.2f× (%.1f ms vs %.1f ms)", r,
                mine.get().stats().median(), other.get().stats().median()),
                (atMost ? r <= limit : r >= limit) ? "met" : "missed");
    }

    private Optional<Row> find(String scenario, String group, String competitor, String metric) {
        return rows.stream().filter(r -> r.scenario().startsWith(scenario) && r.group().contains(group)
                && r.competitor().startsWith(competitor) && r.metric().equals(metric) && r.measured()).findFirst();
    }

    private Optional<Row> baseline(String scenario, String group, String metric) {
        return rows.stream().filter(r -> r.scenario().startsWith(scenario) && r.group().contains(group) && r.baseline()
                && r.metric().equals(metric) && r.measured()).findFirst();
    }
}
