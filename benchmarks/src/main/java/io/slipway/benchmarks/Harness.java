package io.slipway.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs the selected scenarios against one engine, one image, one set of open competitors, and reports. */
public final class Harness {

    /** The seven scenarios, in order. */
    static final List<Scenario> SCENARIOS = List.of(new OneLaunch(), new Detection(), new ManyServices(), new Reapply(),
            new CommandLine(), new ScaleCurve(), new SwarmStack());

    /**
     * In smoke mode, these scenarios (the command line's processes, the scale curve, the swarm) run beside the others,
     * on a thread of their own: a smoke run proves that every competitor still measures, not how fast, and most of its time is spent
     * waiting on the engine or on a process, not on the two cores. A full run never overlaps anything.
     */
    static final Set<Integer> SMOKE_BESIDE = Set.of(5, 6, 7);

    private final BenchConfig config;
    private final Progress progress;

    /** A harness that reports progress on {@code progress} (stderr for the command line). */
    public Harness(BenchConfig config, java.io.PrintStream progress) {
        this.config = config;
        this.progress = new Progress(progress);
    }

    /** Runs every selected scenario; a scenario that throws is reported as a row saying so. */
    public Report run() throws Exception {
        long start = System.nanoTime();
        String loadBefore = Machine.load();
        List<Row> rows = new ArrayList<>();
        Map<String, String> machine;
        try (Bench b = new Bench(config, progress)) {
            progress.info(String.format(java.util.Locale.ROOT, "set-up (engine, image, competitors) took %.1f s",
                    Clock.msSince(start) / 1000));
            b.cleanUp();
            machine = Machine.describe(b);
            List<Scenario> chosen = SCENARIOS.stream().filter(s -> config.scenarios().contains(s.number())).toList();
            Map<Scenario, List<Row>> byScenario = new java.util.concurrent.ConcurrentHashMap<>();
            if (config.smoke()) {
                // Two lanes; a scenario's own clean-up (its tear-down) is all that runs between scenarios, the
                // sweep of everything the run labelled only at the end.
                ExecutorService beside = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "bench-beside");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    Future<?> lane = beside.submit(() -> chosen.stream().filter(s -> SMOKE_BESIDE.contains(s.number()))
                            .forEach(s -> byScenario.put(s, run(s, b, false))));
                    chosen.stream().filter(s -> !SMOKE_BESIDE.contains(s.number()))
                            .forEach(s -> byScenario.put(s, run(s, b, false)));
                    lane.get(30, TimeUnit.MINUTES);
                } finally {
                    beside.shutdownNow();
                }
            } else {
                for (Scenario s : chosen) {
                    byScenario.put(s, run(s, b, true));
                }
            }
            chosen.forEach(s -> rows.addAll(byScenario.get(s)));
        }
        Map<String, String> run = new LinkedHashMap<>();
        run.put("date", Instant.now().toString());
        run.put("mode", config.smoke() ? "smoke (1 round, no warm-up)" : "full");
        run.put("rounds", config.warmup() + " warm-up + " + config.rounds() + " recorded, competitors interleaved");
        run.put("load average before", loadBefore);
        run.put("load average after", Machine.load());
        run.put("took", String.format(java.util.Locale.ROOT, "%.0f s", Clock.msSince(start) / 1000));
        return new Report(machine, run, rows, new Targets(rows).judge());
    }

    /**
     * Runs one scenario; a scenario that throws is a row saying so.
     *
     * @param alone nothing else runs meanwhile: the event log starts empty and the run's containers are swept after
     */
    private List<Row> run(Scenario s, Bench b, boolean alone) {
        progress.scenario(s.title());
        long scenarioStart = System.nanoTime();
        if (alone) {
            b.engine.events.clear();
        }
        try {
            return s.run(b);
        } catch (Exception | AssertionError e) {
            progress.failed(s.title(), "", "scenario", e);
            return List.of(Row.notAvailable(s.title(), "", "scenario", "", "failed: " + Race.oneLine(e)));
        } finally {
            if (alone) {
                b.cleanUp();
            }
            progress.info(String.format(java.util.Locale.ROOT, "%s took %.1f s", s.title(),
                    Clock.msSince(scenarioStart) / 1000));
        }
    }
}
