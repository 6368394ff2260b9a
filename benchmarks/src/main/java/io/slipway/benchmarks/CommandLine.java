package io.slipway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5, the command line, each run a fresh process: cold {@code slipway backends} (beside
 * {@code java -version}, the JVM's own floor), and {@code slipway apply} of one service end to end against
 * {@code docker run -d}.
 */
final class CommandLine implements Scenario {

    static final String BACKENDS = "cold start, `backends`";
    static final String APPLY = "one service, process start to exit";

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "5. Command line";
    }

    @Override
    public List<Row> run(Bench b) throws Exception {
        Path slipway = b.config.repo().resolve("bin/slipway");
        Path jar = b.config.repo().resolve("cli/target/slipway.jar");
        String missing = Files.isRegularFile(jar) ? null
                : "not available: " + jar + " is missing (scripts/bench.sh builds it)";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bin/slipway must not bring up the engine (it is up) nor build anything while we measure.
        Map<String, String> env = Map.of("SLIPWAY_ENGINE_BOOTSTRAP", "0", "JAVA_HOME", System.getProperty("java.home"));
        Duration timeout = Duration.ofMinutes(2);

        Race startup = new Race(title(), "startup", new Race.Metric(BACKENDS, "ms"));
        startup.add("java -version (the JVM's floor)", round -> Map.of(BACKENDS,
                Proc.ok(List.of(java, "-version"), Map.of(), null, timeout).ms()));
        if (missing != null) {
            startup.unavailable("bin/slipway backends", missing);
        } else {
            startup.add("bin/slipway backends", round -> Map.of(BACKENDS,
                    Proc.ok(List.of(slipway.toString(), "backends"), env, null, timeout).ms()));
        }

        Path spec = b.file("cli", "one.yaml", Specs.services(1, b.engine.image, b.runId));
        Race apply = new Race(title(), "apply", new Race.Metric(APPLY, "ms"));
        apply.baseline("raw Engine API in-process (create+start+inspect)", round -> {
            long t = System.nanoTime();
            String id = b.raw.launch("bench-raw-cli-" + round);
            double ms = Clock.msSince(t);
            b.engine.removeQuietly(id);
            return Map.of(APPLY, ms);
        });
        if (missing != null) {
            apply.unavailable("bin/slipway apply", missing);
        } else {
            apply.add("bin/slipway apply", round -> {
                double ms = Proc.ok(List.of(slipway.toString(), "apply", "bench-cli", "-f", spec.toString()), env, null,
                        timeout).ms();
                b.deleteDeployment(b.dockerRun, "bench-cli");
                return Map.of(APPLY, ms);
            });
        }
        apply.add("docker run -d", round -> {
            String name = "bench-cli-run-" + round;
            double ms = b.dockerRun(name).ms();
            b.engine.removeQuietly(name);
            return Map.of(APPLY, ms);
        });
        List<Row> rows = new java.util.ArrayList<>(startup.run(b.config.warmup(), b.config.rounds(), b.progress));
        rows.addAll(apply.run(b.config.warmup(), b.config.rounds(), b.progress));
        return rows;
    }
}
