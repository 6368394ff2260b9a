package io.slipway.benchmarks;

import io.slipway.ContainerLauncher;
import io.slipway.spec.LaunchSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4, unchanged re-apply of the N services: how long it takes, and how many containers it touched,
 * counted from the engine's event stream (any create, start, stop, kill, die, destroy, ... of the
 * deployment's containers). Slipway must touch none. The raw Engine API row is the least a re-apply can
 * do: one list of the containers by label.
 */
final class Reapply implements Scenario {

    static final String TIME = "re-apply unchanged";
    static final String TOUCHED = "containers touched";
    private static final String DEPLOYMENT = "io.slipway.deployment";

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "4. Unchanged re-apply";
    }

    @Override
    public List<Row> run(Bench b) throws Exception {
        int n = b.config.many();
        String yaml = Specs.services(n, b.engine.image, b.runId);
        LaunchSpec spec = Bench.spec(yaml);
        Path file = b.composeFile("reapply", yaml);
        String group = n + " services";
        Race race = new Race(title(), group, new Race.Metric(TIME, "ms"), new Race.Metric(TOUCHED, "count"));
        try {
            // Untimed: what the competitors re-apply.
            b.untimedSetUp(() -> Bench.applyOk(b.dockerRun, "bench-reapply", spec),
                    () -> {
                        if (b.composeV1 != null) {
                            b.composeUp(b.unique("benchreapply"), file);
                        }
                    },
                    () -> {
                        if (b.compose != null) {
                            Bench.applyOk(b.compose, b.unique("bench-reapplyc"), spec);
                        }
                    });
            race.baseline("raw Engine API (list the containers by label)", round -> {
                long from = Clock.wallNanos();
                long t = System.nanoTime();
                int found = b.engine.docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of("io.slipway.deployment", "bench-reapply")).exec().size();
                double ms = Clock.msSince(t);
                if (found != n) {
                    throw new IllegalStateException("expected " + n + " containers, found " + found);
                }
                return Map.of(TIME, ms, TOUCHED, (double) touched(b, from, DEPLOYMENT, "bench-reapply"));
            });
            race.add("Slipway docker-run (in-process)", round -> slipway(b, b.dockerRun, "bench-reapply", spec));
            if (b.composeV1 == null) {
                race.unavailable("docker-compose up -d (v1)", "not available: docker-compose is not on the PATH");
            } else {
                race.add("docker-compose up -d (v1)", round -> {
                    long from = Clock.wallNanos();
                    double ms = b.composeUp(b.unique("benchreapply"), file).ms();
                    return Map.of(TIME, ms, TOUCHED, (double) touched(b, from, "com.docker.compose.project",
                            b.unique("benchreapply")));
                });
            }
            if (b.compose == null) {
                race.unavailable("Slipway compose (docker-compose v1)", b.composeUnavailable);
            } else {
                race.add("Slipway compose (docker-compose v1)",
                        round -> slipway(b, b.compose, b.unique("bench-reapplyc"), spec));
            }
            return race.run(b.config.warmup(), b.config.rounds(), b.progress);
        } finally {
            b.untimedTearDown(() -> b.deleteDeployment(b.dockerRun, "bench-reapply"),
                    () -> {
                        if (b.compose != null) {
                            b.deleteDeployment(b.compose, b.unique("bench-reapplyc"));
                        }
                    },
                    () -> {
                        if (b.composeV1 != null) {
                            b.composeDown(b.unique("benchreapply"));
                        }
                    });
        }
    }

    private static Map<String, Double> slipway(Bench b, ContainerLauncher launcher, String deployment, LaunchSpec spec)
            throws InterruptedException {
        long from = Clock.wallNanos();
        long t = System.nanoTime();
        Bench.applyOk(launcher, deployment, spec);
        double ms = Clock.msSince(t);
        return Map.of(TIME, ms, TOUCHED, (double) touched(b, from, DEPLOYMENT, deployment));
    }

    /**
     * Containers of this run labelled {@code key=value} (the re-applied deployment's or project's: a smoke run's other
     * lane makes containers meanwhile) with a touching event since {@code fromWallNanos} (waits briefly for late events).
     */
    private static long touched(Bench b, long fromWallNanos, String key, String value) throws InterruptedException {
        long to = Clock.wallNanos();
        Thread.sleep(300);
        return b.engine.events.between(fromWallNanos, to, s -> b.runId.equals(s.attribute(BenchEngine.LABEL))
                && value.equals(s.attribute(key)) && EngineEvents.TOUCHING.contains(s.action())).stream()
                .map(EngineEvents.Seen::id).distinct().count();
    }
}
