package io.slipway.benchmarks;

import io.slipway.spec.LaunchSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3, N independent services (50 in a full run): Slipway {@code docker-run} apply, against
 * docker-java create+start from a 16-thread pool, N sequential {@code docker run -d}, and
 * {@code docker-compose up -d} (v1) directly and through the {@code compose} backend. As in scenario 1,
 * Slipway also runs with {@code network_mode: bridge}, to separate the deployment network's cost.
 */
final class ManyServices implements Scenario {

    static final String METRIC = "all running";

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "3. Independent services";
    }

    @Override
    public List<Row> run(Bench b) throws Exception {
        int n = b.config.many();
        String yaml = Specs.services(n, b.engine.image, b.runId);
        LaunchSpec spec = Bench.spec(yaml);
        LaunchSpec bridged = Bench.spec(Specs.servicesOnDefaultBridge(n, b.engine.image, b.runId));
        Path file = b.composeFile("many", yaml);
        String group = n + " services";
        Race race = new Race(title(), group, new Race.Metric(METRIC, "ms"));
        race.baseline("raw Engine API (create+start, 16 threads)", round -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add("bench-raw-many-" + round + "-" + Specs.service(i));
            }
            long t = System.nanoTime();
            List<String> ids = b.raw.launchAll(names);
            double ms = Clock.msSince(t);
            b.raw.removeAll(ids, b.engine);
            return Map.of(METRIC, ms);
        });
        race.add("Slipway docker-run (in-process)", round -> {
            long t = System.nanoTime();
            Bench.applyOk(b.dockerRun, "bench-many", spec);
            double ms = Clock.msSince(t);
            b.deleteDeployment(b.dockerRun, "bench-many");
            return Map.of(METRIC, ms);
        });
        race.add("Slipway docker-run, network_mode: bridge (no deployment network)", round -> {
            long t = System.nanoTime();
            Bench.applyOk(b.dockerRun, "bench-many-bridge", bridged);
            double ms = Clock.msSince(t);
            b.deleteDeployment(b.dockerRun, "bench-many-bridge");
            return Map.of(METRIC, ms);
        });
        race.add("docker run -d × " + n + " (sequential processes)", round -> {
            List<String> names = new java.util.ArrayList<>();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String name = "bench-cli-many-" + round + "-" + Specs.service(i);
                b.dockerRun(name);
                names.add(name);
            }
            double ms = Clock.msSince(t);
            b.raw.removeAll(names, b.engine); // these only: a smoke run's other lane has containers of this run too
            return Map.of(METRIC, ms);
        });
        if (b.composeV1 == null) {
            race.unavailable("docker-compose up -d (v1)", "not available: docker-compose is not on the PATH");
        } else {
            race.add("docker-compose up -d (v1)", round -> {
                double ms = b.composeUp(b.unique("benchmany"), file).ms();
                b.composeDown(b.unique("benchmany"));
                return Map.of(METRIC, ms);
            });
        }
        if (b.compose == null) {
            race.unavailable("Slipway compose (docker-compose v1)", b.composeUnavailable);
        } else {
            race.add("Slipway compose (docker-compose v1)", round -> {
                long t = System.nanoTime();
                Bench.applyOk(b.compose, b.unique("bench-manyc"), spec);
                double ms = Clock.msSince(t);
                b.deleteDeployment(b.compose, b.unique("bench-manyc"));
                return Map.of(METRIC, ms);
            });
        }
        return race.run(b.config.warmup(), b.config.rounds(), b.progress);
    }
}
