package io.slipway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 5, the command line, each run a fresh process: cold {@code slipway backends} (beside
 * {@code java -version}, the JVM's own floor), and {@code slipway apply} of one service end to end against
 * {@code docker run -d}; then issue 17's targets, each a ratio to its yardstick in the same run: an unchanged
 * re-apply of many services against {@code docker-compose up -d} (v1), {@code slipway status} of them, a one-shot
 * task's {@code die} to the command's exit against {@code docker run -d} + {@code docker wait}, and a Heat hook's
 * round trip (one deployment item, stdin to stdout) against {@code slipway apply} of the same spec.
 */
final class CommandLine implements Scenario {

    static final String BACKENDS = "cold start, `backends`";
    static final String APPLY = "one service, process start to exit";
    static final String REAPPLY = "unchanged re-apply, process start to exit";
    static final String STATUS = "status, process start to exit";
    static final String DIE_TO_EXIT = "task's `die` to the command's exit";
    static final String HOOK = "one item, process start to exit";

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

        if (missing == null) {
            // Untimed: the build makes bin/slipway's class archive right after the jar; where it did not (skipped,
            // or its training run failed), the first run makes it (a training run of seconds), which no measured
            // round must pay, with or without a warm-up round.
            long t = System.nanoTime();
            Proc.ok(List.of(slipway.toString(), "backends"), env, null, timeout);
            b.progress.info(String.format(Locale.ROOT, "first bin/slipway run, untimed (%.1f s)",
                    Clock.msSince(t) / 1000));
        }
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
        if (missing != null) {
            for (String metric : List.of(REAPPLY, STATUS, DIE_TO_EXIT, HOOK)) {
                rows.add(Row.notAvailable(title(), metric, "bin/slipway", metric, missing));
            }
            return rows;
        }
        rows.addAll(reapplyAndStatus(b, slipway, env, timeout));
        rows.addAll(oneShot(b, slipway, env, timeout));
        rows.addAll(hook(b, slipway, env, timeout));
        return rows;
    }

    /** An unchanged re-apply of {@code many} services, and their status, each a fresh process. */
    private List<Row> reapplyAndStatus(Bench b, Path slipway, Map<String, String> env, Duration timeout) throws Exception {
        int n = b.config.many();
        String deployment = "bench-cli-reapply";
        String project = b.unique("benchclireapply");
        Path file = b.composeFile("cli-reapply", Specs.services(n, b.engine.image, b.runId));
        String group = "re-apply of " + n + " (× docker-compose)";
        Race reapply = new Race(title(), group, new Race.Metric(REAPPLY, "ms"));
        Race status = new Race(title(), "status of " + n + " (× docker-compose ps)", new Race.Metric(STATUS, "ms"));
        try {
            // Untimed: what each re-applies.
            b.untimedSetUp(() -> Proc.ok(List.of(slipway.toString(), "apply", deployment, "-f", file.toString()),
                    env, null, Duration.ofMinutes(5)), () -> {
                        if (b.composeV1 != null) {
                            b.composeUp(project, file);
                        }
                    });
            if (b.composeV1 == null) {
                reapply.unavailable("docker-compose up -d (v1)", "not available: docker-compose is not on the PATH");
                status.unavailable("docker-compose ps (v1)", "not available: docker-compose is not on the PATH");
            } else {
                reapply.baseline("docker-compose up -d (v1)", round -> Map.of(REAPPLY, b.composeUp(project, file).ms()));
                status.baseline("docker-compose ps (v1)", round -> Map.of(STATUS, Proc.ok(List.of(b.composeV1, "-p", project,
                        "-f", file.toString(), "ps"), Map.of(), file.getParent(), timeout).ms()));
            }
            reapply.add("bin/slipway apply", round -> Map.of(REAPPLY, Proc.ok(List.of(slipway.toString(), "apply",
                    deployment, "-f", file.toString()), env, null, timeout).ms()));
            status.add("bin/slipway status", round -> Map.of(STATUS, Proc.ok(List.of(slipway.toString(), "status",
                    deployment), env, null, timeout).ms()));
            List<Row> rows = new java.util.ArrayList<>(reapply.run(b.config.warmup(), b.config.rounds(), b.progress));
            rows.addAll(status.run(b.config.warmup(), b.config.rounds(), b.progress));
            return rows;
        } finally {
            b.untimedTearDown(() -> b.deleteDeployment(b.dockerRun, deployment),
                    () -> {
                        if (b.composeV1 != null) {
                            b.composeDown(project);
                        }
                    });
        }
    }

    /**
     * A one-shot task ({@link BenchConfig#taskSeconds()}) from its {@code die} event (the engine's own timestamp) to the exit of the
     * command that waited for it: {@code slipway apply}, against {@code docker run -d} then {@code docker wait}.
     */
    private List<Row> oneShot(Bench b, Path slipway, Map<String, String> env, Duration timeout) throws Exception {
        Path spec = b.file("cli", "task.yaml", Specs.task(b.engine.image, b.runId, b.config.taskSeconds()));
        Race race = new Race(title(), "one-shot task (× docker run -d + docker wait)", new Race.Metric(DIE_TO_EXIT, "ms"));
        race.baseline("docker run -d + docker wait", round -> {
            String name = "bench-cli-wait-" + round;
            try {
                Proc.ok(List.of(b.dockerCli, "run", "-d", "--name", name, "--label", BenchEngine.LABEL + "=" + b.runId,
                        b.engine.image, "sleep", b.config.taskSeconds()), Map.of(), null, timeout);
                Proc.ok(List.of(b.dockerCli, "wait", name), Map.of(), null, timeout);
                long exited = Clock.wallNanos();
                String id = b.engine.docker.inspectContainerCmd(name).exec().getId();
                return Map.of(DIE_TO_EXIT, (exited - b.event(id, "die"::equals).timeNano()) / 1e6);
            } finally {
                b.engine.removeQuietly(name);
            }
        });
        race.add("bin/slipway apply", round -> {
            String deployment = "bench-cli-task";
            try {
                Proc.ok(List.of(slipway.toString(), "apply", deployment, "-f", spec.toString()), env, null, timeout);
                long exited = Clock.wallNanos();
                String id = b.engine.docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of("io.slipway.deployment", deployment)).exec().get(0).getId();
                return Map.of(DIE_TO_EXIT, (exited - b.event(id, "die"::equals).timeNano()) / 1e6);
            } finally {
                b.deleteDeployment(b.dockerRun, deployment);
            }
        });
        return race.run(b.config.warmup(), b.config.rounds(), b.progress);
    }

    /**
     * The Heat hook a heat-agent runs (the script {@code slipway hook install} writes, group {@code slipway}): one
     * deployment item on stdin, one JSON object on stdout, against {@code slipway apply} of the same spec (the hook
     * item's config, written as a file: JSON is YAML). The service stops at once ({@code stop_grace_period: 0s}): the
     * hook's untimed delete would otherwise wait the 10 s that {@code sleep}, deaf to SIGTERM as PID 1, never uses.
     */
    private List<Row> hook(Bench b, Path slipway, Map<String, String> env, Duration timeout) throws Exception {
        Path hooks = b.work.resolve("cli-hooks");
        Proc.ok(List.of(slipway.toString(), "hook", "install", "--dir", hooks.toString(), "--group", "slipway"), env, null,
                timeout);
        String config = "{\"services\": {\"s001\": {\"image\": \"" + b.engine.image + "\", \"command\": [\"sleep\", \"300\"],"
                + " \"stop_grace_period\": \"0s\", \"labels\": {\"" + BenchEngine.LABEL + "\": \"" + b.runId + "\"}}}}";
        Path spec = b.file("cli", "hook-spec.yaml", config);
        Path create = b.file("cli", "hook-create.json", hookItem(config, "CREATE"));
        Path delete = b.file("cli", "hook-delete.json", hookItem(config, "DELETE"));
        Map<String, String> hookEnv = Map.of("HEAT_SHELL_CONFIG", b.work.resolve("no-heat-config").toString());
        List<String> script = List.of(hooks.resolve("slipway").toString());
        Race race = new Race(title(), "Heat hook (× bin/slipway apply)", new Race.Metric(HOOK, "ms"));
        race.baseline("bin/slipway apply (the item's spec)", round -> {
            try {
                return Map.of(HOOK, Proc.ok(List.of(slipway.toString(), "apply", "bench-cli-hookref", "-f",
                        spec.toString()), env, null, timeout).ms());
            } finally {
                b.deleteDeployment(b.dockerRun, "bench-cli-hookref");
            }
        });
        race.add("heat hook 'slipway' (installed script)", round -> {
            try {
                Proc.Result r = Proc.run(script, hookEnv, null, create, timeout).ok(script);
                if (!r.out().replace(" ", "").contains("\"deploy_status_code\":0")) {
                    throw new IllegalStateException("the hook failed: " + r.out());
                }
                return Map.of(HOOK, r.ms());
            } finally {
                Proc.run(script, hookEnv, null, delete, timeout);
            }
        });
        return race.run(b.config.warmup(), b.config.rounds(), b.progress);
    }

    /** A heat-config deployment item of group {@code slipway} with {@code config} as its spec. */
    private static String hookItem(String config, String action) {
        return "{\"id\": \"bench-cli-hook\", \"name\": \"bench-cli-hook\", \"group\": \"slipway\", \"config\": " + config
                + ", \"options\": {}, \"outputs\": [], \"inputs\": ["
                + "{\"name\": \"deploy_server_id\", \"type\": \"String\", \"value\": \"bench\"},"
                + "{\"name\": \"deploy_action\", \"type\": \"String\", \"value\": \"" + action + "\"},"
                + "{\"name\": \"deploy_stack_id\", \"type\": \"String\", \"value\": \"bench/1\"},"
                + "{\"name\": \"deploy_resource_name\", \"type\": \"String\", \"value\": \"dep\"}]}";
    }
}
