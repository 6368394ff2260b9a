package io.slipway.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How much to run.
 *
 * @param smoke one round, few services: proves every scenario still produces numbers
 * @param warmup unrecorded rounds before the recorded ones
 * @param rounds recorded rounds (each competitor runs once per round)
 * @param many the service count of scenarios 3 and 4 (50 in a full run)
 * @param scale the service counts of scenario 6
 * @param repo the repository root (for {@code bin/slipway} and {@code cli/target/slipway.jar})
 * @param out where the JSON and Markdown reports go
 * @param scenarios which scenarios to run (1 to 7)
 */
public record BenchConfig(boolean smoke, int warmup, int rounds, int many, List<Integer> scale, Path repo, Path out,
        Set<Integer> scenarios) {

    /** Every scenario. */
    public static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7);

    public BenchConfig {
        scale = List.copyOf(scale);
        scenarios = Set.copyOf(scenarios);
    }

    /** The full run: 1 warm-up round, 5 recorded, 50 services, scale 1/10/50/100. */
    public static BenchConfig full(Path repo, Path out) {
        return new BenchConfig(false, 1, 5, 50, List.of(1, 10, 50, 100), repo, out, ALL);
    }

    /**
     * The smoke run: no warm-up, 1 round, 2 services, scale 1/3, a shorter task and healthcheck interval
     * ({@link #taskSeconds()}, {@link #healthInterval()}): numbers from every scenario and competitor, quickly.
     */
    public static BenchConfig smoke(Path repo, Path out) {
        return new BenchConfig(true, 0, 1, 2, List.of(1, 3), repo, out, ALL);
    }

    /**
     * How long the one-shot task of scenarios 2 and 5 runs, in seconds: 1.37 s ({@link Specs#TASK_SECONDS}), so
     * that its exit is in step with no poll interval; 0.37 s in smoke mode, which proves only that every competitor
     * still measures.
     */
    public String taskSeconds() {
        return smoke ? "0.37" : Specs.TASK_SECONDS;
    }

    /**
     * The interval of the benchmark's healthcheck, and so the delay of its first check (and of {@code healthy}):
     * 1 s, as in a full run; 200 ms in smoke mode.
     */
    public Duration healthInterval() {
        return smoke ? Duration.ofMillis(200) : Duration.ofSeconds(1);
    }

    /** This config with other round counts. */
    public BenchConfig withRounds(int warmup, int rounds) {
        return new BenchConfig(smoke, warmup, rounds, many, scale, repo, out, scenarios);
    }

    /** This config running only {@code only}. */
    public BenchConfig withScenarios(Set<Integer> only) {
        return new BenchConfig(smoke, warmup, rounds, many, scale, repo, out, only);
    }

    /** This config with other service counts. */
    public BenchConfig withServices(int many, List<Integer> scale) {
        return new BenchConfig(smoke, warmup, rounds, many, scale, repo, out, scenarios);
    }
}
