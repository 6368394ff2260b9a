package io.slipway.benchmarks;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spi.LauncherProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every scenario shares: the config, the engine and its event stream, the competitors that stay open
 * across rounds (the raw API, the Slipway launchers, Testcontainers), and cleanup helpers.
 */
final class Bench implements AutoCloseable {

    /** The docker-run backend's config string. */
    /** No grace period on delete: the other competitors are removed with {@code rm -f}, so delete times compare. */
    static final String DOCKER_RUN = "docker-run?stop-timeout=0s";

    final BenchConfig config;
    final Progress progress;
    final BenchEngine engine;
    final String runId;
    final Path work;
    final RawApi raw;
    final ContainerLauncher dockerRun;
    /** The compose backend, or null ({@link #composeUnavailable} says why). */
    final ContainerLauncher compose;
    final String composeUnavailable;
    /** Testcontainers, or null ({@link #tcUnavailable} says why). */
    final Testcontainers tc;
    final String tcUnavailable;
    /** {@code docker-compose} v1, or null when it is not on the PATH. */
    final String composeV1;
    final String dockerCli;

    Bench(BenchConfig config, Progress progress) throws IOException {
        this.config = config;
        this.progress = progress;
        this.engine = new BenchEngine();
        this.runId = "r" + Long.toString(System.currentTimeMillis(), 36);
        this.work = Files.createDirectories(config.out().resolve("work"));
        this.raw = new RawApi(engine, runId);
        this.dockerRun = Launchers.open(DOCKER_RUN);
        String why = null;
        ContainerLauncher c = null;
        Optional<LauncherProvider> p = Launchers.available().stream().filter(x -> x.name().equals("compose")).findFirst();
        if (p.isEmpty()) {
            why = "not available: no 'compose' backend on the class path";
        } else {
            try {
                // stop-timeout=1s: its delete stops `sleep` (PID 1, deaf to SIGTERM) without Compose's 10 s grace; 0s in
                // smoke mode, whose many untimed deletes would otherwise each wait that second.
                c = Launchers.open("compose?binary=docker-compose&stop-timeout=" + (config.smoke() ? "0s" : "1s")
                        + "&work-dir=" + work.resolve("compose-backend"));
            } catch (RuntimeException e) {
                why = "not available: " + Race.oneLine(e);
            }
        }
        this.compose = c;
        this.composeUnavailable = why;
        Testcontainers t = null;
        String tcWhy = null;
        try {
            t = Testcontainers.open(engine.image, runId, config);
        } catch (RuntimeException | LinkageError e) {
            tcWhy = "not available: " + Race.oneLine(e);
        }
        this.tc = t;
        this.tcUnavailable = tcWhy;
        this.composeV1 = onPath("docker-compose");
        this.dockerCli = onPath("docker");
    }

    /** The absolute path of {@code name} on the PATH, or null. */
    static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path f = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(f)) {
                return f.toString();
            }
        }
        return null;
    }

    /** An untimed set-up step for {@link #untimedSetUp}. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs untimed set-up steps (nothing measured runs meanwhile): in smoke mode at the same time, each on a thread of
     * its own, so that what competitors need before their first round (a deployment to re-apply, a compose project) is
     * made at once; otherwise one after another, as a full run always has. Returns when all are done; the first
     * failure is thrown once every step has ended.
     */
    void untimedSetUp(Step... steps) throws Exception {
        if (!config.smoke()) {
            for (Step step : steps) {
                step.run();
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(steps.length);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Step step : steps) {
                futures.add(pool.submit(() -> {
                    step.run();
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> f : futures) {
                try {
                    f.get(10, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception x ? x : e;
                    }
                } catch (TimeoutException e) {
                    if (first == null) {
                        first = new IllegalStateException("a set-up step took more than 10 minutes", e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs untimed tear-down steps after a scenario's measurements, as {@link #untimedSetUp} runs set-ups: in smoke
     * mode at the same time (each waits on the engine or a {@code docker-compose} process, not on the others),
     * otherwise one after another.
     */
    void untimedTearDown(Step... steps) throws Exception {
        untimedSetUp(steps);
    }

    /** Parses a spec. */
    static LaunchSpec spec(String yaml) {
        return LaunchSpec.parse(yaml);
    }

    /** Applies and requires success. */
    static LaunchResult applyOk(ContainerLauncher launcher, String deployment, LaunchSpec spec) {
        LaunchResult r = launcher.apply(deployment, spec, Inputs.empty());
        if (!r.succeeded()) {
            throw new IllegalStateException(r.describe());
        }
        return r;
    }

    /**
     * Removes a deployment: for docker-run its containers in parallel first (its own {@code delete} removes
     * them one by one), then the backend's {@code delete}, tried again a few times when it fails. A cleanup
     * that still fails is reported on stderr and does not void the measurement (the scenario's sweep
     * removes what is left).
     */
    void deleteDeployment(ContainerLauncher launcher, String deployment) throws InterruptedException {
        if (launcher == dockerRun) {
            sweepLabel("io.slipway.deployment=" + deployment);
        }
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                launcher.delete(deployment);
                return;
            } catch (RuntimeException e) {
                progress.info("cleanup of " + deployment + " failed (attempt " + attempt + "): " + Race.oneLine(e));
                Thread.sleep(500L * attempt);
            }
        }
    }

    /**
     * A compose project or deployment name unique to this run, so that a network the engine failed to free
     * in an earlier run cannot get in the way.
     */
    String unique(String base) {
        return base + "-" + runId;
    }

    /** Removes every container with label {@code keyValue} ({@code key=value}), in parallel. */
    void sweepLabel(String keyValue) {
        List<String> ids = engine.docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(keyValue)).exec()
                .stream().map(x -> x.getId()).toList();
        try {
            raw.removeAll(ids, engine);
        } catch (Exception e) {
            throw new IllegalStateException("removing containers labelled " + keyValue + " failed", e);
        }
    }

    /** Writes {@code yaml} as {@code <work>/<dir>/docker-compose.yml} and returns its path. */
    Path composeFile(String dir, String yaml) throws IOException {
        return file(dir, "docker-compose.yml", yaml);
    }

    /** Writes {@code text} as {@code <work>/<dir>/<name>} and returns its path. */
    Path file(String dir, String name, String text) throws IOException {
        Path d = Files.createDirectories(work.resolve(dir));
        return Files.writeString(d.resolve(name), text);
    }

    /** {@code docker-compose -p project -f file up -d}, timed. */
    Proc.Result composeUp(String project, Path file) throws IOException, InterruptedException {
        return Proc.ok(List.of(composeV1, "-p", project, "-f", file.toString(), "up", "-d"), Map.of(),
                file.getParent(), Duration.ofMinutes(5));
    }

    /** Removes a compose v1 project: its containers in parallel, then its default network. */
    void composeDown(String project) {
        sweepLabel("com.docker.compose.project=" + project);
        engine.sweepNetworks(project + "_");
    }

    /** {@code docker run -d --name NAME --label ... IMAGE sleep 300}, timed. */
    Proc.Result dockerRun(String name) throws IOException, InterruptedException {
        return Proc.ok(List.of(dockerCli, "run", "-d", "--name", name, "--label", BenchEngine.LABEL + "=" + runId,
                engine.image, Specs.SLEEP[0], Specs.SLEEP[1]), Map.of(), null, Duration.ofMinutes(2));
    }

    /** Waits for the engine's event of {@code id} (it may arrive just after the competitor returned). */
    EngineEvents.Seen event(String id, java.util.function.Predicate<String> action) throws InterruptedException {
        EngineEvents.Seen s = engine.events.await(id, action, Duration.ofSeconds(10));
        if (s == null) {
            throw new IllegalStateException("no matching event for container " + id + " within 10 s");
        }
        return s;
    }

    /** Removes everything this run made, whatever state it is in. */
    void cleanUp() {
        try {
            int n = engine.sweepContainers();
            engine.sweepNetworks("slipway_bench");
            engine.sweepNetworks("bench");
            if (n > 0) {
                progress.info("cleanup: removed " + n + " benchmark containers");
            }
        } catch (RuntimeException e) {
            progress.info("cleanup failed: " + Race.oneLine(e));
        }
    }

    @Override
    public void close() {
        cleanUp();
        raw.close();
        dockerRun.close();
        if (compose != null) {
            compose.close();
        }
        engine.close();
    }
}
