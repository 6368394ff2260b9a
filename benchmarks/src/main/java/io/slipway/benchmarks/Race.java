package io.slipway.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Competitors of one scenario, run side by side: warm-up rounds, then N rounds in which every competitor
 * runs once, the starting one rotating so that no competitor always follows the same neighbour. A
 * competitor that fails is reported with why, and left out of later rounds.
 */
final class Race {

    /** One measured run of a competitor; it does its own untimed setup and cleanup and returns its metrics. */
    @FunctionalInterface
    interface Trial {
        /** Runs once; returns a value per metric name (every metric of the race that this competitor measures). */
        Map<String, Double> run(int round) throws Exception;
    }

    /** A metric of the race: its name and unit. */
    record Metric(String name, String unit) {
    }

    private record Entry(String competitor, boolean baseline, Trial trial, String unavailable) {
    }

    private final String scenario;
    private final String group;
    private final List<Metric> metrics;
    private final List<Entry> entries = new ArrayList<>();

    Race(String scenario, String group, Metric... metrics) {
        this.scenario = scenario;
        this.group = group;
        this.metrics = List.of(metrics);
    }

    /** Adds the raw Engine API competitor, the one every other is divided by. */
    Race baseline(String competitor, Trial trial) {
        entries.add(new Entry(competitor, true, trial, null));
        return this;
    }

    /** Adds a competitor. */
    Race add(String competitor, Trial trial) {
        entries.add(new Entry(competitor, false, trial, null));
        return this;
    }

    /** Adds a competitor that cannot run here, with why. */
    Race unavailable(String competitor, String why) {
        entries.add(new Entry(competitor, false, null, why));
        return this;
    }

    /** A trial measuring a single metric in milliseconds: the time {@code body} takes. */
    static Trial timed(String metric, ThrowingRunnable body) {
        return round -> {
            long start = System.nanoTime();
            body.run(round);
            return Map.of(metric, Clock.msSince(start));
        };
    }

    /** Something to run for one round. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run(int round) throws Exception;
    }

    /** Runs {@code warmup} unrecorded rounds, then {@code rounds} recorded ones; returns a row per competitor and metric. */
    List<Row> run(int warmup, int rounds, Progress progress) {
        int k = entries.size();
        Map<Entry, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        Map<Entry, String> failed = new LinkedHashMap<>();
        for (Entry e : entries) {
            samples.put(e, new LinkedHashMap<>());
        }
        for (int round = 0; round < warmup + rounds; round++) {
            boolean recorded = round >= warmup;
            for (int i = 0; i < k; i++) {
                Entry e = entries.get((i + round) % k);
                if (e.trial() == null || failed.containsKey(e)) {
                    continue;
                }
                try {
                    Map<String, Double> values = e.trial().run(round);
                    if (recorded) {
                        values.forEach((m, v) -> samples.get(e).computeIfAbsent(m, x -> new ArrayList<>()).add(v));
                    }
                    progress.note(scenario, group, e.competitor(), round, warmup, values);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failed.put(e, "interrupted");
                } catch (Exception | AssertionError ex) {
                    failed.put(e, "failed: " + oneLine(ex));
                    progress.failed(scenario, group, e.competitor(), ex);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Entry e : entries) {
            for (Metric m : metrics) {
                List<Double> s = samples.get(e).get(m.name());
                String why = e.unavailable() != null ? e.unavailable() : failed.get(e);
                if (s != null && !s.isEmpty()) {
                    rows.add(new Row(scenario, group, e.competitor(), m.name(), m.unit(), Stats.of(s), e.baseline(),
                            why == null ? "" : why));
                } else if (why != null) {
                    rows.add(Row.notAvailable(scenario, group, e.competitor(), m.name(), why));
                }
            }
        }
        return rows;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
