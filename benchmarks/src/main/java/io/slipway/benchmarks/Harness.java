package io.slipway.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the selected scenarios against one engine, one image, one set of open competitors, and reports. */
public final class Harness {

    /** The seven scenarios, in order. */
    static final List<Scenario> SCENARIOS = List.of(new OneLaunch(), new Detection(), new ManyServices(), new Reapply(),
            new CommandLine(), new ScaleCurve(), new SwarmStack());

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
            for (Scenario s : SCENARIOS) {
                if (!config.scenarios().contains(s.number())) {
                    continue;
                }
                progress.scenario(s.title());
                long scenarioStart = System.nanoTime();
                b.engine.events.clear();
                try {
                    rows.addAll(s.run(b));
                } catch (Exception | AssertionError e) {
                    progress.failed(s.title(), "", "scenario", e);
                    rows.add(Row.notAvailable(s.title(), "", "scenario", "", "failed: " + Race.oneLine(e)));
                } finally {
                    b.cleanUp();
                    progress.info(String.format(java.util.Locale.ROOT, "%s took %.1f s", s.title(),
                            Clock.msSince(scenarioStart) / 1000));
                }
            }
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
}
