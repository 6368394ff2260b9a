package io.slipway.benchmarks;

import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.TaskState;
import io.slipway.ContainerLauncher;
import io.slipway.Launchers;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.SwarmMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7, the swarm backend (issue 16): N services (20 in a full run) converged through Slipway against
 * {@code docker stack deploy} of the same file followed by polling the tasks until every one runs, and an unchanged
 * re-apply of each. On a one-node swarm made for the scenario when the engine is not a manager (left after).
 * Slipway runs twice: with {@code monitor=0s}, judged as the polling judges (every task running), and with its
 * default, which also waits the swarm's 5 s update monitor as {@code docker service create --detach=false} does.
 */
final class SwarmStack implements Scenario {

    static final String CONVERGED = "all running";
    static final String REAPPLY = "re-apply unchanged";
    private static final String NAMESPACE = "com.docker.stack.namespace";
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String title() {
        return "7. Swarm services";
    }

    @Override
    public List<Row> run(Bench b) throws Exception {
        int n = b.config.smoke() ? b.config.many() : 20;
        String yaml = Specs.swarmServices(n, b.engine.image, b.runId);
        LaunchSpec spec = Bench.spec(yaml);
        Path file = b.file("swarm", "stack.yml", yaml);
        String group = n + " services";
        // A smoke run of one round keeps what its convergence round made and re-applies that, instead of making and
        // removing a stack and a deployment twice: in a swarm a removal takes seconds (tasks shut down, then their
        // network goes). The second competitor then converges beside the first one's running tasks.
        boolean keep = b.config.smoke() && b.config.warmup() + b.config.rounds() == 1;
        String reStack = keep ? "benchstack0" : "benchstackre";
        String reDeployment = keep ? "bench-swarm-fast" : "bench-swarm-re";
        try (SwarmMode.Manager swarm = swarm(b);
                ContainerLauncher fast = Launchers.open("swarm?monitor=0s");
                ContainerLauncher standard = Launchers.open("swarm")) {
            Race converge = new Race(title(), group, new Race.Metric(CONVERGED, "ms"));
            converge.baseline("docker stack deploy, then polling the tasks every 50 ms", round -> {
                String stack = "benchstack" + round;
                long t = System.nanoTime();
                stackDeploy(b, stack, file);
                awaitRunning(b, stack, n);
                double ms = Clock.msSince(t);
                if (!keep) {
                    stackRemove(b, stack);
                }
                return Map.of(CONVERGED, ms);
            });
            converge.add("Slipway swarm (in-process, monitor=0s: every task running)", round -> {
                long t = System.nanoTime();
                Bench.applyOk(fast, "bench-swarm-fast", spec);
                double ms = Clock.msSince(t);
                if (!keep) {
                    b.deleteDeployment(fast, "bench-swarm-fast");
                }
                return Map.of(CONVERGED, ms);
            });
            if (!b.config.smoke()) {
                converge.add("Slipway swarm (in-process, default: still running after the 5 s monitor)", round -> {
                    long t = System.nanoTime();
                    Bench.applyOk(standard, "bench-swarm", spec);
                    double ms = Clock.msSince(t);
                    b.deleteDeployment(standard, "bench-swarm");
                    return Map.of(CONVERGED, ms);
                });
            }
            List<Row> rows = new java.util.ArrayList<>(converge.run(b.config.warmup(), b.config.rounds(), b.progress));

            Race reapply = new Race(title(), group, new Race.Metric(REAPPLY, "ms"));
            try {
                // Unchanged, and so quick, where the convergence round left them (keep).
                stackDeploy(b, reStack, file);
                awaitRunning(b, reStack, n);
                Bench.applyOk(fast, reDeployment, spec);
                reapply.baseline("docker stack deploy (unchanged file)", round -> {
                    long t = System.nanoTime();
                    stackDeploy(b, reStack, file);
                    return Map.of(REAPPLY, Clock.msSince(t));
                });
                reapply.add("Slipway swarm (in-process)", round -> {
                    long t = System.nanoTime();
                    Bench.applyOk(fast, reDeployment, spec);
                    return Map.of(REAPPLY, Clock.msSince(t));
                });
                rows.addAll(reapply.run(b.config.warmup(), b.config.rounds(), b.progress));
            } finally {
                // Not timed, after every measurement.
                long t = System.nanoTime();
                Proc.ok(List.of(b.dockerCli, "stack", "rm", reStack), Map.of(), null, LIMIT);
                // Its services are gone, so nothing restarts their tasks: their containers go now rather than when
                // the swarm's agent gets to them (seconds), while Slipway deletes its deployment.
                b.sweepLabel(NAMESPACE + "=" + reStack);
                long d = System.nanoTime();
                b.deleteDeployment(fast, reDeployment);
                b.progress.info(String.format(java.util.Locale.ROOT, "deployment %s deleted (%.1f s)", reDeployment,
                        Clock.msSince(d) / 1000));
                awaitStackGone(b, reStack, t);
            }
            return rows;
        }
    }

    /** {@link SwarmMode#manager()}, saying how long it took (not timed: no competitor pays it). */
    private static SwarmMode.Manager swarm(Bench b) {
        long t = System.nanoTime();
        SwarmMode.Manager m = SwarmMode.manager();
        b.progress.info(String.format(java.util.Locale.ROOT, "swarm manager ready (%.1f s)", Clock.msSince(t) / 1000));
        return m;
    }

    private static void stackDeploy(Bench b, String stack, Path file) throws Exception {
        Proc.ok(List.of(b.dockerCli, "stack", "deploy", "--detach=true", "--resolve-image", "never", "-c", file.toString(), stack), Map.of(),
                file.getParent(), LIMIT);
    }

    /** Polls the stack's tasks until {@code n} run (what {@code docker service ls} shows as 1/1 for each). */
    private static void awaitRunning(Bench b, String stack, int n) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> services = b.engine.docker.listServicesCmd().withLabelFilter(Map.of(NAMESPACE, stack)).exec()
                    .stream().map(Service::getSpec).map(s -> s.getName()).toList();
            if (services.size() == n) {
                long running = b.engine.docker.listTasksCmd().withServiceFilter(services.toArray(String[]::new)).exec()
                        .stream().filter(t -> t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING)
                        .count();
                if (running == n) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("stack " + stack + " did not converge within " + LIMIT.toSeconds() + " s");
    }

    /** {@code docker stack rm}, then waits until its containers and network are gone (not timed). */
    private static void stackRemove(Bench b, String stack) throws Exception {
        long t = System.nanoTime();
        Proc.ok(List.of(b.dockerCli, "stack", "rm", stack), Map.of(), null, LIMIT);
        awaitStackGone(b, stack, t);
    }

    /** Waits until a removed stack's containers and network are gone, and says how long that took since {@code t}. */
    private static void awaitStackGone(Bench b, String stack, long t) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean containers = !b.engine.docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(NAMESPACE, stack)).exec().isEmpty();
            boolean network = b.engine.docker.listNetworksCmd().withNameFilter(stack + "_default").exec().stream()
                    .anyMatch(x -> (stack + "_default").equals(x.getName()));
            if (!containers && !network) {
                b.progress.info(String.format(java.util.Locale.ROOT, "stack %s removed (%.1f s)", stack,
                        Clock.msSince(t) / 1000));
                return;
            }
            Thread.sleep(100);
        }
        b.progress.info("stack " + stack + " still not gone after " + LIMIT.toSeconds() + " s");
    }
}
