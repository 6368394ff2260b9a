package io.slipway.benchmarks;

import io.slipway.spec.LaunchSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6, the scale curve: Slipway {@code docker-run} applies of 1, 10, 50 and 100 services in-process,
 * with this JVM's threads, open file descriptors and heap before, at the peak, and after {@code delete}
 * (reported, not asserted); the raw Engine API (16 threads) beside each size for the ratio.
 */
final class ScaleCurve implements Scenario {

    static final String APPLY = "apply";
    static final String DELETE = "delete";
    static final String THREADS_BASE = "threads before";
    static final String THREADS_PEAK = "threads peak";
    static final String THREADS_AFTER = "threads after delete";
    static final String FDS_BASE = "fds before";
    static final String FDS_PEAK = "fds peak";
    static final String FDS_AFTER = "fds after delete";
    static final String HEAP = "heap peak over before";

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "6. Scale curve";
    }

    @Override
    public List<Row> run(Bench b) {
        List<Row> rows = new ArrayList<>();
        for (int n : b.config.scale()) {
            rows.addAll(race(b, n).run(b.config.warmup(), b.config.rounds(), b.progress));
        }
        return rows;
    }

    private Race race(Bench b, int n) {
        LaunchSpec spec = Bench.spec(Specs.services(n, b.engine.image, b.runId));
        String deployment = "bench-scale-" + n;
        Race race = new Race(title(), n + " services", new Race.Metric(APPLY, "ms"), new Race.Metric(DELETE, "ms"),
                new Race.Metric(THREADS_BASE, "count"), new Race.Metric(THREADS_PEAK, "count"),
                new Race.Metric(THREADS_AFTER, "count"), new Race.Metric(FDS_BASE, "count"),
                new Race.Metric(FDS_PEAK, "count"), new Race.Metric(FDS_AFTER, "count"), new Race.Metric(HEAP, "MB"));
        race.baseline("raw Engine API (create+start, 16 threads)", round -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add("bench-raw-scale-" + n + "-" + round + "-" + Specs.service(i));
            }
            long t = System.nanoTime();
            List<String> ids = b.raw.launchAll(names);
            double ms = Clock.msSince(t);
            b.raw.removeAll(ids, b.engine);
            return Map.of(APPLY, ms);
        });
        race.add("Slipway docker-run (in-process)", round -> {
            System.gc();
            Thread.sleep(200);
            int threads0 = JvmSampler.threads();
            int fds0 = JvmSampler.fds();
            long heap0 = JvmSampler.heapUsed();
            Map<String, Double> m = new LinkedHashMap<>();
            try (JvmSampler s = new JvmSampler()) {
                long t = System.nanoTime();
                Bench.applyOk(b.dockerRun, deployment, spec);
                m.put(APPLY, Clock.msSince(t));
                s.close();
                m.put(THREADS_PEAK, (double) s.peakThreads());
                m.put(FDS_PEAK, (double) s.peakFds());
                m.put(HEAP, (s.peakHeap() - heap0) / 1048576.0);
            }
            long t = System.nanoTime();
            b.dockerRun.delete(deployment);
            m.put(DELETE, Clock.msSince(t));
            Thread.sleep(500); // let finished pool threads end
            m.put(THREADS_BASE, (double) threads0);
            m.put(FDS_BASE, (double) fds0);
            m.put(THREADS_AFTER, (double) JvmSampler.threads());
            m.put(FDS_AFTER, (double) JvmSampler.fds());
            return m;
        });
        return race;
    }
}
