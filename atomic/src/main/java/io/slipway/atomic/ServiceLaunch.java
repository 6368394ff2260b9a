package io.slipway.atomic;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.Labels;
import io.slipway.spec.DependencyCondition;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.ConfigDigests;
import io.slipway.wait.Check;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.WaitCondition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one service in an atomic apply: wait for its dependencies, run its INSTALL label once (again
 * when the command changes), then run it: keep or start its container NAME when unchanged, else stop and
 * remove it and run the RUN label, or atomic's default run; then wait for its condition on container NAME.
 * An install-only service ({@code x-slipway.atomic.run: false}) stops after INSTALL ({@link InstallOnly}).
 */
final class ServiceLaunch {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLaunch.class);
    /** How long a dependant waits for a dependency's container to exist, beyond the dependency's own timeout. */
    private static final Duration START_ALLOWANCE = Duration.ofMinutes(5);

    private final AtomicApply run;
    private final ServiceSpec service;
    private final String name;
    /**
     * Completes with the ids of its containers once they run (or ran): one, or one per replica (none for 0 replicas);
     * or with null when they never will.
     */
    final CompletableFuture<List<String>> started = new CompletableFuture<>();
    /** The sources of the service's secrets and configs, written once for all its replicas. */
    private List<String> secretSources;
    /** Completes with the service's result (null if its launch broke): dependants of an install-only one wait for it. */
    final CompletableFuture<ServiceResult> finished = new CompletableFuture<>();
    private long startNanos;

    ServiceLaunch(AtomicApply run, ServiceSpec service) {
        this.run = run;
        this.service = service;
        this.name = ContainerNames.of(run.deployment, service);
    }

    ServiceResult run() {
        ServiceResult r = null;
        try {
            r = launch();
        } finally {
            started.complete(null);
            finished.complete(r);
        }
        run.listener.finished(r);
        return r;
    }

    private ServiceResult launch() {
        startNanos = System.nanoTime();
        try {
            String blocked = awaitDependencies();
            if (blocked != null) {
                return failed(null, blocked);
            }
            AtomicApply.Prepared p = run.prepared.get(service.name());
            if (p.error() != null) {
                return failed(null, p.error());
            }
            ServiceOptions o = run.options.get(service.name());
            Substitution sub = Substitution.forService(name, service.imageFor(run.deployment), o, run.spec.baseDir().toString(),
                    run.settings.host(), run.settings.compat2015());
            ServiceRecord rec = record(o, p);
            if (!o.run()) {
                return new InstallOnly(this, run, service, name).run(p, sub, rec);
            }
            if (o.install() && p.labels().install() != null) {
                CommandResult r = install(p, sub, rec);
                if (r != null && !r.ok()) {
                    return failed(null, LabelArgv.failed("the INSTALL label command", r));
                }
                rec = run.records.get(service.name());
            }
            boolean removed = scaleTo(service.replicas(), o);
            if (service.replicas() != 1) {
                return replicated(p, o, removed);
            }
            RunCommand l = p.labels().run() != null ? labelRun(p, sub) : defaultRun(p, sub, name, o, sub, name, 0);
            if (l == null) {
                return failed(null, run.networkError);
            }
            ServiceResult r = start(p, sub, rec, l);
            return removed && !r.changed() ? new ServiceResult(r.name(), r.outcome(), r.containerId(),
                    r.containerName(), r.exitCode(), r.reason(), r.logs(), r.duration(), true) : r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(null, "interrupted");
        } catch (DockerException | SlipwayException | IOException e) {
            return failed(null, "engine refused: " + DockerEngine.rootMessage(e));
        } catch (IllegalArgumentException e) {
            return failed(null, "cannot read a label of image '" + service.imageFor(run.deployment) + "': " + e.getMessage());
        }
    }

    /** The service's record, created or brought up to date (image, options), saved. */
    private ServiceRecord record(ServiceOptions o, AtomicApply.Prepared p) {
        ServiceRecord old = run.records.get(service.name());
        Map<String, String> opts = new LinkedHashMap<>();
        o.variables().forEach((k, v) -> {
            if (v.text().equals(run.spec.variables().mask(v.text()))) {
                opts.put(k, DefaultRunCommand.shellJoin(v.words()));
            } else {
                LOG.warn("Service '{}': {} holds a secret and is not recorded; a later delete runs UNINSTALL without it",
                        service.name(), k);
            }
        });
        ServiceRecord rec = new ServiceRecord(run.deployment, service.name(), name, service.imageFor(run.deployment), p.imageId(),
                run.spec.baseDir().toString(), opts, o.install(), service.oneshot(), old == null ? null : old.installed(),
                old == null ? null : old.runHash(), old == null ? null : old.runDigests());
        if (!rec.equals(old)) {
            rec.save(run.docker);
        }
        run.records.put(service.name(), rec);
        return rec;
    }

    /**
     * Runs the INSTALL label unless this very command ran already; once it succeeded the record says so.
     *
     * @return how the command ended, or null when it ran already
     */
    CommandResult install(AtomicApply.Prepared p, Substitution sub, ServiceRecord rec) throws InterruptedException {
        List<String> argv = LaunchDecision.installArgv(p.labels(), sub);
        Map<String, String> env = LaunchDecision.labelEnvironment(run.environments.get(service.name()), sub);
        String hash = LaunchDecision.installHash(p.imageId(), argv, env);
        if (hash.equals(rec.installed())) {
            LOG.debug("Service '{}': INSTALL ran already with this command", service.name());
            return null;
        }
        LabelArgv.warn(service.name(), "image's INSTALL label", argv, run.tool);
        CommandResult r = run.agent.run(argv, env);
        run.tool.command(service.name(), "INSTALL label", argv, r);
        if (r.ok()) {
            ServiceRecord installed = rec.withInstalled(hash);
            installed.save(run.docker);
            run.records.put(service.name(), installed);
        }
        return r;
    }

    /** The RUN label, with $RUN_OPTS from RUN_OPTS_FILE (read through the agent), as {@link LaunchDecision} makes it. */
    private RunCommand labelRun(AtomicApply.Prepared p, Substitution sub) throws IOException {
        String file = LaunchDecision.runOptsFile(p.labels(), sub);
        String content = file == null ? null : run.agent.readHostFile(file);
        return LaunchDecision.labelRun(service, p.imageId(), p.labels(), sub, run.environments.get(service.name()), file,
                content);
    }

    /**
     * Atomic's default run of container {@code containerName}, as {@link LaunchDecision#defaultRun} makes it from
     * what this apply made: the networks, the volumes, the private copies of secrets; null when a network is missing.
     */
    private RunCommand defaultRun(AtomicApply.Prepared p, Substitution sub, String containerName, ServiceOptions o,
            Substitution hashed, String hashedName, int replica) {
        LaunchDecision.DefaultRunFacts facts = new LaunchDecision.DefaultRunFacts(run.deployment, run.spec, service, o,
                p.imageId(), run.environments.get(service.name()), run.networks, run.volumes, secretSources(),
                o.spc() && run.selinux());
        return LaunchDecision.defaultRun(facts, sub, containerName, hashed, hashedName, replica);
    }

    /** The sources of the service's secrets and configs, written once for all its replicas. */
    private synchronized List<String> secretSources() {
        if (secretSources == null) {
            secretSources = run.secretFiles.prepare(run.deployment, run.spec, service);
        }
        return secretSources;
    }

    /** The service's containers that carry atomic's labels (those of atomic's default run), by replica number. */
    private Map<Integer, List<Container>> labelledReplicas() {
        Map<Integer, List<Container>> out = new TreeMap<>();
        for (Container c : run.labelled()) {
            if (service.name().equals(c.getLabels().get(Labels.SERVICE))) {
                out.computeIfAbsent(Labels.replica(c.getLabels()), k -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }

    /**
     * Brings the service's default-run containers to {@code count}: stops and removes those of higher replica numbers,
     * the highest first, as Compose scales down; renames replica 1 when the count moved from or to 1, so that it
     * stays (NAME becomes {@code <deployment>-<service>-1}, or back). Returns whether it removed any.
     */
    private boolean scaleTo(int count, ServiceOptions o) throws InterruptedException {
        Map<Integer, List<Container>> mine = labelledReplicas();
        boolean removed = false;
        for (int n : mine.keySet().stream().filter(n -> n > count || n < 1).sorted(Comparator.reverseOrder()).toList()) {
            for (Container c : mine.get(n)) {
                InspectContainerResponse i = ServiceRemoval.inspect(run.docker, c.getId());
                if (i != null) {
                    LOG.info("Removing replica {} of service '{}' of '{}': the service has {} replicas", n,
                            service.name(), run.deployment, count);
                    run.removal.stopAndRemove(service.name(), i, substitution(i.getName().replaceFirst("^/", ""), o));
                    removed = true;
                }
            }
        }
        String first = ContainerNames.of(run.deployment, service, 1);
        List<Container> one = mine.getOrDefault(1, List.of());
        if (count >= 1 && one.size() == 1 && !("/" + first).equals(one.get(0).getNames()[0])
                && ServiceRemoval.inspect(run.docker, first) == null) {
            LOG.info("Renaming container {} of service '{}' to {}", one.get(0).getNames()[0], service.name(), first);
            run.docker.renameContainerCmd(one.get(0).getId()).withName(first).exec();
        }
        return removed;
    }

    private Substitution substitution(String containerName, ServiceOptions o) {
        return Substitution.forService(containerName, service.imageFor(run.deployment), o, run.spec.baseDir().toString(),
                run.settings.host(), run.settings.compat2015());
    }

    /** One replica in the making: its container id to wait for, or its result already when it could not start. */
    private record Replica(String resultName, String containerName, String id, boolean changed, ServiceResult failed) {
    }

    /**
     * A service whose count is not 1, by atomic's default run (a RUN label names one container, and an install-only
     * service has none: {@link AtomicApply} refuses replicas of both): container {@code <deployment>-<service>-<n>}
     * per replica, each kept when unchanged, else replaced; then each waited for with the service's condition.
     */
    private ServiceResult replicated(AtomicApply.Prepared p, ServiceOptions o, boolean removed) throws InterruptedException {
        String single = run.deployment + "-" + service.name();
        Substitution hashed = substitution(single, o);
        List<Replica> replicas = new ArrayList<>();
        for (int n = 1; n <= service.replicas(); n++) {
            String containerName = ContainerNames.of(run.deployment, service, n);
            String resultName = ServiceResult.replicaName(service.name(), n);
            Substitution sub = substitution(containerName, o);
            RunCommand l = defaultRun(p, sub, containerName, o, hashed, single, n);
            replicas.add(l == null ? new Replica(resultName, containerName, null, false,
                    failed(resultName, containerName, null, run.networkError)) : startReplica(p, sub, l, resultName,
                    containerName));
        }
        List<String> ids = replicas.stream().map(Replica::id).toList();
        started.complete(ids.contains(null) ? null : ids);
        List<ServiceResult> results = new ArrayList<>();
        for (Replica r : replicas) {
            if (r.failed() != null) {
                results.add(r.failed());
                continue;
            }
            run.listener.waiting(service.name(), r.containerName(), service.waitCondition().describe());
            Check check = run.watch.await(r.id(), service.waitCondition());
            results.add(run.watch.result(r.resultName(), r.id(), r.containerName(), service.waitCondition(), check,
                    elapsed(), r.changed()));
        }
        return ServiceResult.ofReplicas(service.name(), results, removed);
    }

    /** Keeps, starts or replaces one replica's container; does not wait for it. */
    private Replica startReplica(AtomicApply.Prepared p, Substitution sub, RunCommand l, String resultName,
            String containerName) throws InterruptedException {
        InspectContainerResponse c = ServiceRemoval.inspect(run.docker, containerName);
        LaunchDecision.Verdict verdict = LaunchDecision.decide(run.deployment, LaunchDecision.Existing.of(c), null,
                l.hash(), p.imageId());
        if (verdict == LaunchDecision.Verdict.FOREIGN) {
            return new Replica(resultName, containerName, null, false, failed(resultName, containerName, null,
                    "container name '" + containerName + "' is in use by a container deployment '" + run.deployment
                    + "' does not own; it is left as it is: remove or rename it"));
        }
        if (verdict == LaunchDecision.Verdict.KEEP) {
            if (LaunchDecision.startAgain(service, run.watch.state(c.getId()))) {
                List<String> argv = List.of("docker", "start", containerName);
                CommandResult r = run.agent.run(argv, Map.of());
                run.tool.command(service.name(), "start the existing container", argv, r);
                if (!r.ok()) {
                    return new Replica(resultName, containerName, null, false, failed(resultName, containerName,
                            c.getId(), LabelArgv.failed("docker start in the agent", r)));
                }
            }
            return new Replica(resultName, containerName, c.getId(), false, null);
        }
        if (c != null) {
            LOG.info("Replacing container {} of service '{}': its config changed", containerName, service.name());
            run.removal.stopAndRemove(service.name(), c, sub);
        }
        LabelArgv.warn(service.name(), "default run", l.argv(), run.tool);
        CommandResult r = run.agent.run(l.argv(), l.env());
        run.tool.command(service.name(), "default run (no RUN label)", l.argv(), r);
        InspectContainerResponse made = ServiceRemoval.inspect(run.docker, containerName);
        String id = made == null ? null : made.getId();
        if (!r.ok() || made == null) {
            return new Replica(resultName, containerName, null, id != null, failed(resultName, containerName, id,
                    !r.ok() ? LabelArgv.failed("docker run in the agent", r)
                            : "docker run in the agent succeeded but no container named " + containerName + " exists"));
        }
        for (List<String> connect : l.connects()) {
            CommandResult joined = run.agent.run(connect, Map.of());
            run.tool.command(service.name(), "join a network", connect, joined);
            if (!joined.ok()) {
                return new Replica(resultName, containerName, null, true, failed(resultName, containerName, id,
                        LabelArgv.failed("docker network connect in the agent", joined)));
            }
        }
        recordRun(l);
        return new Replica(resultName, containerName, id, true, null);
    }

    private ServiceResult failed(String resultName, String containerName, String id, String reason) {
        return run.watch.result(resultName, Outcome.FAILED, id, containerName, reason, elapsed(), id != null);
    }

    /** Keeps, starts or replaces container NAME, then waits for the service's condition. */
    private ServiceResult start(AtomicApply.Prepared p, Substitution sub, ServiceRecord rec, RunCommand l)
            throws InterruptedException {
        InspectContainerResponse c = ServiceRemoval.inspect(run.docker, name);
        switch (LaunchDecision.decide(run.deployment, LaunchDecision.Existing.of(c), rec.runHash(), l.hash(),
                p.imageId())) {
            case FOREIGN:
                return failed(null, "container name '" + name + "' is in use by a container deployment '"
                        + run.deployment + "' does not own; it is left as it is: remove or rename it, or choose another "
                        + "container_name");
            case KEEP:
                return keep(c);
            case REPLACE:
                LOG.info("Replacing container {} of service '{}': its config changed", name, service.name());
                run.removal.stopAndRemove(service.name(), c, sub);
                break;
            default:
                break;
        }
        return l.label() ? new LabelLaunch(this, run, service, name, l).run() : defaultLaunch(l);
    }

    /** An unchanged container: left running, a finished task that succeeded left alone, else started again. */
    private ServiceResult keep(InspectContainerResponse c) throws InterruptedException {
        if (LaunchDecision.startAgain(service, run.watch.state(c.getId()))) {
            List<String> argv = List.of("docker", "start", name);
            CommandResult r = run.agent.run(argv, Map.of());
            run.tool.command(service.name(), "start the existing container", argv, r);
            if (!r.ok()) {
                return failed(c.getId(), LabelArgv.failed("docker start in the agent", r));
            }
        }
        return await(c.getId(), false);
    }

    /** Atomic's default run, detached: the container exists once the command returns. */
    private ServiceResult defaultLaunch(RunCommand l) throws InterruptedException {
        LabelArgv.warn(service.name(), "default run", l.argv(), run.tool);
        CommandResult r = run.agent.run(l.argv(), l.env());
        run.tool.command(service.name(), "default run (no RUN label)", l.argv(), r);
        InspectContainerResponse c = ServiceRemoval.inspect(run.docker, name);
        if (!r.ok()) {
            return failed(c == null ? null : c.getId(), LabelArgv.failed("docker run in the agent", r));
        }
        if (c == null) {
            return failed(null, "docker run in the agent succeeded but no container named " + name + " exists");
        }
        for (List<String> connect : l.connects()) {
            CommandResult joined = run.agent.run(connect, Map.of());
            run.tool.command(service.name(), "join a network", connect, joined);
            if (!joined.ok()) {
                return failed(c.getId(), LabelArgv.failed("docker network connect in the agent", joined));
            }
        }
        recordRun(l);
        return await(c.getId(), true);
    }

    /** Notes that run command {@code l} started the container: its hash and digests. */
    void recordRun(RunCommand l) {
        ServiceRecord rec = run.records.get(service.name()).withRun(l.hash(), ConfigDigests.encode(l.digests()));
        run.records.put(service.name(), rec);
        rec.save(run.docker);
    }

    /** Waits for the service's condition on container {@code id} and makes its result. */
    ServiceResult await(String id, boolean changed) throws InterruptedException {
        started.complete(List.of(id));
        run.listener.waiting(service.name(), name, service.waitCondition().describe());
        Check check = run.watch.await(id, service.waitCondition());
        return run.watch.result(service.name(), id, name, service.waitCondition(), check, elapsed(), changed);
    }

    ServiceResult failed(String id, String reason) {
        return run.watch.result(service.name(), Outcome.FAILED, id, name, reason, elapsed(), id != null);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Null when every dependency reached its condition, else why not. */
    private String awaitDependencies() throws InterruptedException {
        for (Map.Entry<String, DependencyCondition> d : service.dependsOn().entrySet()) {
            ServiceLaunch dep = run.launches.get(d.getKey());
            if (!run.options.get(d.getKey()).run()) {
                String notInstalled = awaitInstalled(d.getKey(), dep);
                if (notInstalled != null) {
                    return notInstalled;
                }
                continue;
            }
            Duration timeout = dep.service.waitCondition().timeout();
            List<String> depIds;
            try {
                depIds = dep.started.get(timeout.plus(START_ALLOWANCE).plus(run.settings.commandTimeout()).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return "dependency '" + d.getKey() + "' did not start in time";
            } catch (ExecutionException e) {
                depIds = null;
            }
            if (depIds == null) {
                return "dependency '" + d.getKey() + "' did not start";
            }
            WaitCondition condition = switch (d.getValue()) {
                case SERVICE_STARTED -> null;
                case SERVICE_HEALTHY -> new Healthy(timeout);
                case SERVICE_COMPLETED_SUCCESSFULLY -> new Exited(Set.of(0), timeout);
            };
            if (condition == null) {
                continue;
            }
            // Every replica reaches the condition; a dependency of 0 replicas holds at once, as Compose does not wait
            // for a service scaled to 0.
            for (String depId : depIds) {
                Check c = run.watch.await(depId, condition);
                if (!(c instanceof Check.Succeeded)) {
                    return "dependency '" + d.getKey() + "' did not reach " + d.getValue().spelling() + ": "
                            + ContainerWatch.detail(c);
                }
            }
        }
        return null;
    }

    /**
     * An install-only dependency has no container: service_started and service_completed_successfully both hold
     * once its INSTALL succeeded (service_healthy is refused by {@link AtomicApply}). Null then, else why not.
     */
    private String awaitInstalled(String depName, ServiceLaunch dep) throws InterruptedException {
        ServiceResult r;
        try {
            r = dep.finished.get(START_ALLOWANCE.plus(run.settings.commandTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "dependency '" + depName + "' (install only) was not installed in time";
        } catch (ExecutionException e) {
            r = null;
        }
        if (r == null || !r.succeeded()) {
            return "dependency '" + depName + "' (install only) was not installed" + (r == null ? "" : ": " + r.reason());
        }
        return null;
    }
}
