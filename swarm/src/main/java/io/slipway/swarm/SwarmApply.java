package io.slipway.swarm;

import io.slipway.DeploymentPlan;
import io.slipway.PlanAction;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spi.ConfigDigests;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import io.slipway.LaunchListener;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.Labels;
import io.slipway.spec.DependencyCondition;
import io.slipway.spec.PortMapping;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretMount;
import io.slipway.spec.SecretSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import io.slipway.wait.Check;
import io.slipway.wait.HttpOk;
import io.slipway.wait.PortOpen;
import io.slipway.wait.WaitCondition;
import io.slipway.wait.Waiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One apply on a swarm: every service is checked and mapped before anything is created (a spec error creates
 * nothing); then networks, secrets and services are created or updated, services in dependency order and each
 * waited for until it has converged; services gone from the spec are removed, then secrets no service uses.
 */
final class SwarmApply {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmApply.class);
    /** How long an apply waits for the containers of a service it removed to be gone. */
    private static final java.time.Duration REMOVAL_TIMEOUT = java.time.Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_LINES = 200;
    /** The replica count a suspended service had, on the service: resume restores it, apply sees it as changed. */
    static final String SUSPENDED = "io.slipway.swarm.suspended-replicas";

    private final SwarmContext ctx;
    private final DockerClient docker;
    private final String deployment;
    private final ResolvedSpec spec;
    private final LaunchListener listener;
    private final ImageResolver images;
    private final Map<String, Planned> plans = new LinkedHashMap<>();

    /**
     * A service ready to create: its inputs, the secrets it needs, the hash of its whole spec (on the service) and of
     * its task template (on its containers: a change of replica count alone replaces no task).
     */
    private record Planned(ServiceSpec service, StackMapping.Inputs inputs, List<SecretPlan> secrets, String hash,
            String taskHash) {
    }

    /** A swarm secret to exist: content-hashed name, content (never logged), target and mode. */
    private record SecretPlan(String name, byte[] content, String target, String uid, String gid, Integer mode) {
        @Override
        public String toString() {
            return "SecretPlan[" + name + " at " + target + "]";
        }
    }

    SwarmApply(SwarmContext ctx, String deployment, ResolvedSpec spec, ImageResolver images, LaunchListener listener) {
        this.ctx = ctx;
        this.docker = ctx.engine().calls();
        this.deployment = deployment;
        this.spec = spec;
        this.images = images;
        this.listener = listener;
    }

    List<ServiceResult> run() {
        Map<String, String> networks = plannedNetworks();
        Map<String, ServiceResult> failedEarly = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            checkWait(s, s.waitCondition());
            String image;
            try {
                image = images.resolve(s.imageFor(deployment), PullPolicy.forService(s, images.policy()),
                        PullPolicy.refreshPeriod(s), PullPolicy.describe(s, images.policy()));
            } catch (ImageResolver.ImageException e) {
                failedEarly.put(s.name(), new ServiceResult(s.name(), Outcome.FAILED, null, null, null,
                        spec.variables().mask(e.getMessage()), "", Duration.ZERO, false));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlipwayException("interrupted while resolving images of '" + deployment + "'", e);
            }
            plans.put(s.name(), plan(s, image, networks));
        }
        SwarmNetworks.ensure(ctx, deployment, spec);
        removeServicesNotIn(spec.services().stream().map(ServiceSpec::name).collect(Collectors.toSet()));

        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-swarm-" + deployment);
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<ServiceResult>> futures = new LinkedHashMap<>();
            for (ServiceSpec s : ordered()) {
                List<CompletableFuture<ServiceResult>> deps = s.dependsOn().keySet().stream()
                        .map(futures::get).filter(f -> f != null).toList();
                futures.put(s.name(), CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                        .thenApplyAsync(v -> {
                            ServiceResult early = failedEarly.get(s.name());
                            if (early != null) {
                                return early;
                            }
                            String blocked = blockedBy(s, futures);
                            return blocked != null ? new ServiceResult(s.name(), Outcome.FAILED, null, null, null,
                                    blocked, "", Duration.ZERO, false) : deployAndWait(plans.get(s.name()));
                        }, pool).whenComplete((r, e) -> {
                            if (r != null) {
                                listener.finished(r);
                            }
                        }));
            }
            List<ServiceResult> results = new ArrayList<>();
            for (ServiceSpec s : spec.services()) {
                try {
                    results.add(futures.get(s.name()).join());
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            try {
                SwarmSecrets.removeUnused(ctx, deployment);
            } catch (RuntimeException e) {
                if (!DockerEngine.unreachable(e)) {
                    throw e;
                }
                // Housekeeping only: the next apply or delete removes them.
                LOG.debug("Could not remove unused secrets of '{}': the engine stopped answering", deployment, e);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What {@link #run} would do, doing none of it: nothing is pulled, created, updated or removed. Each service's
     * spec is mapped as {@code run} maps it, with the image the engine has now, and its hash compared with the
     * service's label; the digests label ({@link ConfigDigests}) names what changed. An image {@code run} would pull
     * first makes an existing service {@code replace} (its id is only known then).
     */
    DeploymentPlan plan() {
        Map<String, String> networks = plannedNetworks();
        List<DeploymentPlan.Change> services = new ArrayList<>();
        Map<String, PlanAction> secrets = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            checkWait(s, s.waitCondition());
            String ref = s.imageFor(deployment);
            String image = images.localId(ref);
            boolean pulled = image == null || PullPolicy.forService(s, images.policy()) == PullPolicy.ALWAYS;
            Planned p = image == null ? null : plan(s, image, networks);
            if (p != null) {
                p.secrets().forEach(sp -> secrets.putIfAbsent(sp.name(), secretExists(sp.name()) ? PlanAction.UNCHANGED
                        : PlanAction.CREATE));
            }
            Service existing = find(StackMapping.serviceName(deployment, s.name()));
            if (existing == null) {
                services.add(DeploymentPlan.Change.of(s.name(), PlanAction.CREATE));
                continue;
            }
            Map<String, String> labels = existing.getSpec().getLabels() == null ? Map.of()
                    : existing.getSpec().getLabels();
            if (p == null || !p.hash().equals(labels.get(Labels.CONFIG_HASH))) {
                List<String> changed = image == null ? List.of("imageId") : ConfigDigests.changed(
                        ConfigDigests.decode(labels.get(Labels.CONFIG_DIGESTS)), digests(s, image));
                services.add(new DeploymentPlan.Change(s.name(), PlanAction.REPLACE, changed,
                        pulled ? "image " + ref + " is pulled first" : changed.isEmpty() ? "config hash changed" : ""));
            } else if (labels.containsKey(SUSPENDED)) {
                services.add(new DeploymentPlan.Change(s.name(), PlanAction.REPLACE, List.of(),
                        "suspended: scaled back up"));
            } else if (pulled) {
                services.add(new DeploymentPlan.Change(s.name(), PlanAction.REPLACE, List.of("imageId"),
                        "image " + ref + " is pulled first"));
            } else {
                services.add(DeploymentPlan.Change.of(s.name(), PlanAction.UNCHANGED));
            }
        }
        Set<String> keep = spec.services().stream().map(ServiceSpec::name).collect(Collectors.toSet());
        for (Service svc : SwarmContext.services(docker, deployment)) {
            String service = svc.getSpec().getLabels().get(Labels.SERVICE);
            if (!keep.contains(service)) {
                services.add(new DeploymentPlan.Change(service, PlanAction.REMOVE, List.of(), "no longer in the spec"));
            }
        }
        List<DeploymentPlan.Change> nets = new ArrayList<>();
        for (NetworkSpec n : spec.usedNetworks()) {
            String name = networks.get(n.key());
            if (name == null) {
                continue;
            }
            boolean exists = docker.listNetworksCmd().withNameFilter(name).exec().stream()
                    .anyMatch(x -> name.equals(x.getName()));
            nets.add(new DeploymentPlan.Change(n.key(), exists ? PlanAction.UNCHANGED : PlanAction.CREATE, List.of(),
                    (exists ? "" : "as ") + name));
        }
        List<DeploymentPlan.Change> secretChanges = new ArrayList<>();
        secrets.forEach((name, a) -> secretChanges.add(DeploymentPlan.Change.of(name, a)));
        return new DeploymentPlan(deployment, SwarmProvider.NAME, services, nets, List.of(), secretChanges, List.of(),
                Map.of());
    }

    private boolean secretExists(String name) {
        return docker.listSecretsCmd().withNameFilter(List.of(name)).exec().stream()
                .anyMatch(x -> x.getSpec() != null && name.equals(x.getSpec().getName()));
    }

    /** The digest of each setting of {@code s} run as {@code image} ({@link Labels#CONFIG_DIGESTS}). */
    private Map<String, String> digests(ServiceSpec s, String image) {
        Map<String, Object> settings = ConfigDigests.settings(s, spec.environment(s));
        settings.put("imageId", image);
        if (!SecretGrants.of(s).isEmpty()) {
            settings.put("secretContents", SecretGrants.digest(spec, s));
        }
        return ConfigDigests.of(settings);
    }

    /** Wait conditions with no swarm meaning are errors naming them; the port ones need a published port. */
    private void checkWait(ServiceSpec s, WaitCondition c) {
        if (c instanceof AllOf a) {
            a.conditions().forEach(x -> checkWait(s, x));
        } else if (c instanceof AnyOf a) {
            a.conditions().forEach(x -> checkWait(s, x));
        } else if (c instanceof PortOpen p) {
            requirePublished(s, p.port(), c);
        } else if (c instanceof HttpOk h) {
            requirePublished(s, h.port(), c);
        }
    }

    private static void requirePublished(ServiceSpec s, int port, WaitCondition c) {
        if (s.networking().ports().stream().noneMatch(p -> p.containerPort() == port)) {
            throw new SpecException("services." + s.name() + ".x-slipway.wait", "'" + c.describe()
                    + "' has no meaning on the swarm backend unless port " + port + " is published (ports:): "
                    + "Slipway reaches a task only through a host-mode published port");
        }
    }

    private Map<String, String> plannedNetworks() {
        Map<String, String> out = new LinkedHashMap<>();
        spec.networks().values().forEach(n -> out.put(n.key(), n.external()
                ? (n.name() != null ? n.name() : n.key()) : StackMapping.networkName(deployment, n)));
        return out;
    }

    /** Services in an order where each comes after what it depends on (the spec's order otherwise). */
    private List<ServiceSpec> ordered() {
        List<ServiceSpec> out = new ArrayList<>();
        List<ServiceSpec> left = new ArrayList<>(spec.services());
        while (!left.isEmpty()) {
            ServiceSpec next = left.stream().filter(s -> s.dependsOn().keySet().stream()
                    .allMatch(d -> out.stream().anyMatch(o -> o.name().equals(d)) || spec.service(d) == null))
                    .findFirst().orElse(left.get(0));
            out.add(next);
            left.remove(next);
        }
        return out;
    }

    private String blockedBy(ServiceSpec s, Map<String, CompletableFuture<ServiceResult>> futures) {
        for (Map.Entry<String, DependencyCondition> d : s.dependsOn().entrySet()) {
            CompletableFuture<ServiceResult> f = futures.get(d.getKey());
            ServiceResult r = f == null ? null : f.join();
            if (r != null && !r.succeeded()) {
                return "dependency '" + d.getKey() + "' (" + d.getValue().spelling() + ") did not succeed: "
                        + r.describe();
            }
        }
        return null;
    }

    private Planned plan(ServiceSpec s, String image, Map<String, String> networks) {
        List<SecretPlan> secrets = new ArrayList<>();
        for (SecretMount m : concat(s.secrets(), s.configs())) {
            SecretSpec decl = spec.declaration(m);
            byte[] content = spec.content(decl);
            String prefix = m.kind() == SecretSpec.Kind.CONFIG ? "config-" : "";
            String tag = m.ownershipTag();
            String name = tag == null ? SwarmSecrets.name(deployment, prefix + decl.key(), content)
                    : SwarmSecrets.name(deployment, prefix + decl.key() + "-" + tag, content, tag);
            secrets.add(new SecretPlan(name, content, m.target(), m.uid(), m.gid(),
                    m.mode() != null ? m.mode() : fileMode(decl)));
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secretEnv = new LinkedHashMap<>();
        spec.environment(s).forEach((k, v) -> {
            if (v != null && !spec.variables().mask(v).equals(v)) {
                byte[] content = v.getBytes(StandardCharsets.UTF_8);
                String target = StackMapping.envSecretTarget(k);
                secrets.add(new SecretPlan(SwarmSecrets.name(deployment, s.name() + "-env-" + k, content), content,
                        target, null, null, 0444));
                secretEnv.put(k, target);
            } else {
                plain.put(k, v == null ? "" : v);
            }
        });
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        if (!secretEnv.isEmpty()) {
            var config = docker.inspectImageCmd(image).exec().getConfig();
            entrypoint = config == null || config.getEntrypoint() == null ? List.of() : List.of(config.getEntrypoint());
            cmd = config == null || config.getCmd() == null ? List.of() : List.of(config.getCmd());
        }
        StackMapping.Inputs probe = new StackMapping.Inputs(image, entrypoint, cmd, networks,
                refs(secrets, null), plain, secretEnv);
        // Mapped once without secret ids: a spec error surfaces before anything exists, and the hash is stable.
        var mapped = StackMapping.withDefaultMonitor(StackMapping.map(deployment, spec, s, probe, labels(s)),
                ctx.monitor());
        return new Planned(s, probe, secrets, hash(mapped), hash(mapped.getTaskTemplate()));
    }

    /** A secret from a file keeps the file's mode, as Compose's bind mount of it does on one engine. */
    private static Integer fileMode(SecretSpec decl) {
        if (decl.file() == null) {
            return null;
        }
        try {
            int mode = 0;
            for (java.nio.file.attribute.PosixFilePermission p : java.nio.file.Files.getPosixFilePermissions(
                    java.nio.file.Path.of(decl.file()))) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static List<StackMapping.SecretRef> refs(List<SecretPlan> plans, Map<String, String> ids) {
        return plans.stream().map(p -> new StackMapping.SecretRef(ids == null ? null : ids.get(p.name()), p.name(),
                p.target(), p.uid(), p.gid(), p.mode())).toList();
    }

    private Map<String, String> labels(ServiceSpec s) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(Labels.DEPLOYMENT, deployment);
        l.put(Labels.SERVICE, s.name());
        l.put(Labels.BACKEND, SwarmProvider.NAME);
        if (s.oneshot()) {
            l.put(Labels.ONESHOT, "true");
        }
        return l;
    }

    private static String hash(Object spec) {
        try {
            byte[] json = JSON.writeValueAsBytes(spec);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a service spec", e);
        }
    }

    private ServiceResult deployAndWait(Planned p) {
        ServiceSpec s = p.service();
        long t0 = System.nanoTime();
        Instant since = Instant.now().minusSeconds(1);
        String name = StackMapping.serviceName(deployment, s.name());
        boolean changed;
        try {
            Map<String, String> ids = SwarmSecrets.ensure(ctx, deployment,
                    p.secrets().stream().collect(Collectors.toMap(SecretPlan::name, SecretPlan::content, (a, b) -> a,
                            LinkedHashMap::new)));
            StackMapping.Inputs in = new StackMapping.Inputs(p.inputs().image(), p.inputs().imageEntrypoint(),
                    p.inputs().imageCmd(), p.inputs().networks(), refs(p.secrets(), ids), p.inputs().plainEnv(),
                    p.inputs().secretEnv());
            var swarmSpec = StackMapping.withDefaultMonitor(StackMapping.map(deployment, spec, s, in, labels(s)),
                    ctx.monitor());
            swarmSpec.getLabels().put(Labels.CONFIG_HASH, p.hash());
            swarmSpec.getLabels().put(Labels.CONFIG_DIGESTS, ConfigDigests.encode(digests(s, p.inputs().image())));
            swarmSpec.getTaskTemplate().getContainerSpec().getLabels().put(Labels.CONFIG_HASH, p.taskHash());
            Service existing = find(name);
            if (existing == null) {
                docker.createServiceCmd(swarmSpec).exec();
                changed = true;
                LOG.debug("Created swarm service {} (config {})", name, p.hash());
            } else if (p.hash().equals(existing.getSpec().getLabels().get(Labels.CONFIG_HASH))
                    && !existing.getSpec().getLabels().containsKey(SUSPENDED)) {
                changed = false;
                LOG.debug("Swarm service {} unchanged (config {})", name, p.hash());
            } else {
                docker.updateServiceCmd(existing.getId(), swarmSpec).withVersion(existing.getVersion().getIndex()).exec();
                changed = true;
                LOG.debug("Updated swarm service {} from version {} (config {})", name,
                        existing.getVersion().getIndex(), p.hash());
            }
        } catch (RuntimeException e) {
            if (e instanceof SpecException) {
                throw e;
            }
            return new ServiceResult(s.name(), Outcome.FAILED, null, null, null,
                    spec.variables().mask("the swarm refused service " + name + ": " + rootMessage(e)), "",
                    Duration.ofNanos(System.nanoTime() - t0), true);
        }
        boolean global = StackMapping.global(spec, s);
        Map<Integer, Integer> published = new LinkedHashMap<>();
        for (PortMapping pm : s.networking().ports()) {
            if (pm.hostPort() != null) {
                published.put(pm.containerPort(), pm.hostPort());
            }
        }
        ServiceTasks tasks = new ServiceTasks(docker, name, p.taskHash(), global ? -1 : s.replicas(), s.oneshot(),
                StackMapping.constraints(spec, s), published, ctx.probeHost(), since);
        if (!global && s.replicas() == 0) {
            return ServiceResult.ofReplicas(s.name(), List.of(), changed);
        }
        listener.waiting(s.name(), name, s.waitCondition().describe());
        Check check;
        try {
            check = new Waiter().await(s.waitCondition(), tasks);
            Duration monitor = StackMapping.monitor(spec, s, ctx.monitor());
            if (check instanceof Check.Succeeded && changed && !s.oneshot() && !monitor.isZero()) {
                // As docker service create --detach=false: converged, and still so after update_config.monitor; a
                // task that fails meanwhile ends it at once.
                long end = System.nanoTime() + Math.min(monitor.toNanos(), s.waitCondition().timeout().toNanos());
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.max(1, Math.min(250, (end - System.nanoTime()) / 1_000_000)));
                    Check again = s.waitCondition().check(tasks, Duration.ZERO);
                    if (again instanceof Check.Failed) {
                        check = again;
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check = new Check.Failed("interrupted while waiting");
        } catch (RuntimeException e) {
            if (!DockerEngine.unreachable(e)) {
                throw e;
            }
            check = new Check.Failed(ContainerWatch.engineLost(ctx.engine().host(), e, " while waiting"));
        }
        Throwable lost = tasks.lost();
        if (lost != null && !(check instanceof Check.Succeeded)) {
            // Not the service's fault: the wait ended while the engine could not be asked.
            check = new Check.Failed(ContainerWatch.engineLost(ctx.engine().host(), lost, " while waiting"));
        }
        return result(s, check, tasks, changed, Duration.ofNanos(System.nanoTime() - t0), global);
    }

    private ServiceResult result(ServiceSpec s, Check check, ServiceTasks tasks, boolean changed, Duration took,
            boolean global) {
        Outcome outcome = check instanceof Check.Succeeded ? Outcome.SUCCEEDED
                : check instanceof Check.TimedOut ? Outcome.TIMED_OUT : Outcome.FAILED;
        String reason = spec.variables().mask(check instanceof Check.Succeeded ok ? ok.detail()
                : check instanceof Check.Failed f ? f.reason()
                : check instanceof Check.TimedOut t ? "timed out after " + s.waitCondition().timeout().toSeconds()
                        + " s waiting for " + s.waitCondition().describe() + ": " + t.lastObserved()
                : ((Check.Pending) check).detail());
        List<Task> current;
        try {
            current = tasks.reported();
        } catch (RuntimeException e) {
            current = tasks.current();
        }
        List<ServiceResult> parts = new ArrayList<>();
        int n = 0;
        for (Task t : current) {
            n++;
            String logs = outcome == Outcome.SUCCEEDED && !listener.logsOfSucceeded() ? ""
                    : tail(spec.variables().mask(ServiceTasks.logs(docker, t)));
            String partName = s.replicas() == 1 && !global ? s.name()
                    : ServiceResult.replicaName(s.name(), t.getSlot() != null && t.getSlot() > 0 ? t.getSlot() : n);
            parts.add(new ServiceResult(partName, outcome, ServiceTasks.containerId(t), tasks.taskName(t),
                    ServiceTasks.exitCode(t), reason, logs, took, changed));
        }
        if (s.replicas() == 1 && !global) {
            return parts.isEmpty() ? new ServiceResult(s.name(), outcome, null, null, null, reason, "", took, changed)
                    : parts.get(0);
        }
        return ServiceResult.ofReplicas(s.name(), parts, changed);
    }

    private static String tail(String logs) {
        List<String> lines = logs.lines().toList();
        return lines.size() <= LOG_LINES ? logs : String.join("\n", lines.subList(lines.size() - LOG_LINES, lines.size())) + "\n";
    }

    private Service find(String name) {
        try {
            return docker.inspectServiceCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void removeServicesNotIn(Set<String> keep) {
        List<Service> removed = new ArrayList<>();
        for (Service svc : SwarmContext.services(docker, deployment)) {
            String service = svc.getSpec().getLabels().get(Labels.SERVICE);
            if (!keep.contains(service)) {
                LOG.debug("Removing swarm service {}: no longer in the spec", svc.getSpec().getName());
                try {
                    docker.removeServiceCmd(svc.getId()).exec();
                    removed.add(svc);
                } catch (NotFoundException e) {
                    // gone meanwhile
                }
            }
        }
        // The swarm stops and removes the tasks' containers after the service: the apply ends once they are gone.
        SwarmContext.awaitNoContainers(docker, removed, REMOVAL_TIMEOUT);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    }
}
