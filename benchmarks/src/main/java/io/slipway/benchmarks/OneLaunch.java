package io.slipway.benchmarks;

import io.slipway.spec.LaunchSpec;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * Scenario 1, one launch to running: Slipway {@code apply} of one service (wait {@code running})
 * in-process, against docker-java create+start+inspect, {@code docker run -d} as a process, and
 * Testcontainers {@code GenericContainer.start()}. Slipway runs twice: as a user writes the spec (its
 * deployment gets a network of its own, as Compose does) and with {@code network_mode: bridge} (the
 * default bridge, as every other competitor uses), which separates the network's cost from Slipway's; the raw
 * API also runs with a network of its own (created, then the container on it), the fair yardstick for the first.
 */
final class OneLaunch implements Scenario {

    static final String METRIC = "launch to running";
    /** The raw API with a network of its own: the yardstick for a launch that makes its deployment network. */
    static final String RAW_NETWORK = "raw Engine API + network";

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "1. One launch to running";
    }

    @Override
    public List<Row> run(Bench b) {
        LaunchSpec one = Bench.spec(Specs.services(1, b.engine.image, b.runId));
        LaunchSpec bridged = Bench.spec(Specs.servicesOnDefaultBridge(1, b.engine.image, b.runId));
        Race race = new Race(title(), "", new Race.Metric(METRIC, "ms"));
        race.baseline("raw Engine API (create+start+inspect)", round -> {
            long t = System.nanoTime();
            String id = b.raw.launch("bench-raw-one-" + round);
            double ms = Clock.msSince(t);
            b.engine.removeQuietly(id);
            return Map.of(METRIC, ms);
        });
        race.add(RAW_NETWORK + " (network create, then create+start+inspect on it)", round -> {
            String network = "bench-raw-net-" + b.runId + "-" + round;
            long t = System.nanoTime();
            String id = b.raw.launchOnNetwork("bench-raw-onenet-" + round, network);
            double ms = Clock.msSince(t);
            b.engine.removeQuietly(id);
            b.raw.removeNetworkQuietly(network);
            return Map.of(METRIC, ms);
        });
        race.add("Slipway docker-run (in-process)", round -> {
            long t = System.nanoTime();
            Bench.applyOk(b.dockerRun, "bench-one", one);
            double ms = Clock.msSince(t);
            b.deleteDeployment(b.dockerRun, "bench-one");
            return Map.of(METRIC, ms);
        });
        race.add("Slipway docker-run, network_mode: bridge (no deployment network)", round -> {
            long t = System.nanoTime();
            Bench.applyOk(b.dockerRun, "bench-one-bridge", bridged);
            double ms = Clock.msSince(t);
            b.deleteDeployment(b.dockerRun, "bench-one-bridge");
            return Map.of(METRIC, ms);
        });
        race.add("docker run -d (process)", round -> {
            String name = "bench-cli-one-" + round;
            double ms = b.dockerRun(name).ms();
            b.engine.removeQuietly(name);
            return Map.of(METRIC, ms);
        });
        if (b.tc == null) {
            race.unavailable("Testcontainers GenericContainer.start()", b.tcUnavailable);
        } else {
            race.add("Testcontainers GenericContainer.start()", round -> {
                GenericContainer<?> c = b.tc.running();
                long t = System.nanoTime();
                c.start();
                double ms = Clock.msSince(t);
                c.stop();
                return Map.of(METRIC, ms);
            });
        }
        return race.run(b.config.warmup(), b.config.rounds(), b.progress);
    }
}
