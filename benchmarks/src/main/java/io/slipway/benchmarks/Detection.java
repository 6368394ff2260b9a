package io.slipway.benchmarks;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.testcontainers.containers.GenericContainer;

/**
 * Scenario 2, detection latency: from the engine's own event ({@code timeNano} of {@code die}, or of
 * {@code health_status: healthy}) to the moment each competitor returns. The raw Engine API listening
 * to the same event stream is the limit; the same followed by one inspect is the floor for anything that
 * reads the container's state after the event (Engine 20.10 emits {@code die} before it finishes cleaning
 * up, and answers an inspect only once it has); a 100 ms poll loop and Testcontainers are the usual practice.
 */
final class Detection implements Scenario {

    static final String METRIC = "event → returned";
    /**
     * Slipway only: from the event to the service's result reaching {@link LaunchListener#finished}, i.e. known in
     * the process, before the apply releases the deployment's lock (the removal of its lock container).
     */
    static final String TOLD = "event → result told (LaunchListener.finished)";
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Predicate<String> DIE = "die"::equals;
    static final Predicate<String> HEALTHY = a -> a.startsWith("health_status") && a.endsWith(": healthy");

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "2. Detection latency";
    }

    @Override
    public List<Row> run(Bench b) {
        List<Row> rows = new ArrayList<>();
        rows.addAll(race(b, "one-shot task exits (die)", Bench.spec(Specs.task(b.engine.image, b.runId, b.config.taskSeconds())), false)
                .run(b.config.warmup(), b.config.rounds(), b.progress));
        rows.addAll(race(b, "service turns healthy (health_status)", Bench.spec(Specs.healthy(b.engine.image, b.runId,
                b.config.healthInterval())),
                true).run(b.config.warmup(), b.config.rounds(), b.progress));
        return rows;
    }

    private Race race(Bench b, String group, LaunchSpec spec, boolean healthy) {
        Predicate<String> action = healthy ? HEALTHY : DIE;
        String tag = healthy ? "h" : "t";
        String[] task = Specs.task(b.config.taskSeconds());
        Duration interval = b.config.healthInterval();
        Race race = new Race(title(), group, new Race.Metric(METRIC, "ms"), new Race.Metric(TOLD, "ms"));
        race.baseline("raw Engine API, woken by the event stream", round -> {
            String id = healthy ? b.raw.createStartHealthy("bench-raw-ev" + tag + round, interval)
                    : b.raw.createStart("bench-raw-ev" + tag + round, task);
            EngineEvents.Seen e = b.engine.events.await(id, action, TIMEOUT);
            long returned = Clock.wallNanos();
            if (e == null) {
                throw new IllegalStateException("no " + group + " event within " + TIMEOUT);
            }
            b.engine.removeQuietly(id);
            return latency(returned, e);
        });
        race.add("raw Engine API, event then inspect (the engine's own floor)", round -> {
            String id = healthy ? b.raw.createStartHealthy("bench-raw-evi" + tag + round, interval)
                    : b.raw.createStart("bench-raw-evi" + tag + round, task);
            EngineEvents.Seen e = b.engine.events.await(id, action, TIMEOUT);
            if (e == null) {
                throw new IllegalStateException("no " + group + " event within " + TIMEOUT);
            }
            b.engine.docker.inspectContainerCmd(id).exec();
            long returned = Clock.wallNanos();
            b.engine.removeQuietly(id);
            return latency(returned, e);
        });
        race.add("raw Engine API, 100 ms poll loop", round -> {
            String id;
            if (healthy) {
                id = b.raw.createStartHealthy("bench-raw-poll" + tag + round, interval);
                b.raw.pollHealthy(id, POLL, TIMEOUT);
            } else {
                id = b.raw.createStart("bench-raw-poll" + tag + round, task);
                b.raw.pollExited(id, POLL, TIMEOUT);
            }
            long returned = Clock.wallNanos();
            Map<String, Double> m = latency(returned, b.event(id, action));
            b.engine.removeQuietly(id);
            return m;
        });
        race.add("Slipway docker-run (in-process)", round -> slipway(b, b.dockerRun, "bench-detect" + tag, spec, action));
        if (b.compose == null) {
            race.unavailable("Slipway compose (docker-compose v1)", b.composeUnavailable);
        } else {
            race.add("Slipway compose (docker-compose v1)",
                    round -> slipway(b, b.compose, b.unique("bench-detectc" + tag), spec, action));
        }
        if (b.tc == null) {
            race.unavailable("Testcontainers", b.tcUnavailable);
        } else {
            race.add("Testcontainers (" + (healthy ? "Wait.forHealthcheck()" : "OneShotStartupCheckStrategy") + ")",
                    round -> {
                        GenericContainer<?> c = healthy ? b.tc.healthy() : b.tc.task();
                        c.start();
                        long returned = Clock.wallNanos();
                        Map<String, Double> m = latency(returned, b.event(c.getContainerId(), action));
                        c.stop();
                        return m;
                    });
        }
        return race;
    }

    private static Map<String, Double> slipway(Bench b, ContainerLauncher launcher, String deployment, LaunchSpec spec,
            Predicate<String> action) throws InterruptedException {
        AtomicLong told = new AtomicLong();
        LaunchResult r = launcher.apply(deployment, spec, Inputs.empty(), new LaunchListener() {
            @Override
            public void finished(ServiceResult result) {
                told.set(Clock.wallNanos());
            }
        });
        long returned = Clock.wallNanos();
        try {
            if (!r.succeeded()) {
                throw new IllegalStateException(r.describe());
            }
            EngineEvents.Seen e = b.event(r.services().get(0).containerId(), action);
            return Map.of(METRIC, (returned - e.timeNano()) / 1e6, TOLD, (told.get() - e.timeNano()) / 1e6);
        } finally {
            b.deleteDeployment(launcher, deployment);
        }
    }

    private static Map<String, Double> latency(long returnedWallNanos, EngineEvents.Seen event) {
        return Map.of(METRIC, (returnedWallNanos - event.timeNano()) / 1e6);
    }
}
