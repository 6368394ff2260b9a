package io.slipway.compose;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineOptions.FailurePolicy;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.EngineRuntimes;
import io.slipway.engine.FailedApplyCleanup;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.SecretFiles;
import io.slipway.inputs.Secret;
import io.slipway.inputs.Variables;
import io.slipway.spec.BuildKitFeatures;
import io.slipway.spec.DockerfileLowering;
import io.slipway.spec.ImagePull;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ProjectNames;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.AbstractLauncher.Applied;
import io.slipway.wait.ContainerState;
import io.slipway.wait.WaitCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code apply} of one deployment: writes the compose file and env file, subscribes to the project's
 * container events, runs the tool ({@code build} of what is out of date, {@code pull} when asked, then
 * {@code up --no-build}), then finds each service's
 * container by Compose's labels and waits for its condition, all services at once.
 *
 * <p>Compose orders the start by {@code depends_on}, conditions included (v1 1.29 honours
 * {@code service_healthy} and {@code service_completed_successfully} in Compose Specification files, as v2
 * does). Compose's own diff decides what is recreated; Slipway only keeps it from re-running one-shot tasks
 * that already finished as their condition wants ({@link FinishedTasks}), as docker-run does.
 */
final class ComposeApply {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeApply.class);
    /** How many lines of a failed build's output its services' results show. */
    private static final int BUILD_TAIL_LINES = 15;

    private final DockerEngine engine;
    private final ToolRunner runner;
    private final ComposeSettings settings;
    private final String deployment;
    private final LaunchSpec spec;
    private final ResolvedSpec resolved;
    private final Variables variables;
    private final LaunchListener listener;
    private final ComposeProject project;
    private final StringBuilder toolOutput = new StringBuilder();
    private final StringBuilder toolErrors = new StringBuilder();
    /** Why a service cannot start, found before the tool runs (its image, its container_name), by service. */
    private final Map<String, String> refused = new LinkedHashMap<>();
    private long startNanos;
    private ComposeBuilds builds;

    ComposeApply(DockerEngine engine, ToolRunner runner, ComposeSettings settings, String deployment, LaunchSpec spec,
            ResolvedSpec resolved, LaunchListener listener) {
        this.engine = engine;
        this.runner = runner;
        this.settings = settings;
        this.deployment = deployment;
        this.spec = spec;
        this.resolved = resolved;
        this.variables = resolved.variables();
        this.listener = listener; // guarded by AbstractLauncher
        this.project = new ComposeProject(engine.calls(), ProjectNames.of(deployment));
    }

    /** A container Compose had for a service before this apply. */
    record Seen(String id, ContainerState state, String configHash) {
    }

    /**
     * Runs the apply.
     *
     * @throws io.slipway.inputs.InputException for an input the tool cannot be given (nothing was started)
     * @throws io.slipway.spec.SpecException for a spec the tool would read differently (nothing was started)
     * @throws SlipwayException when the tool cannot be run or the files cannot be written
     */
    Applied run() {
        startNanos = System.nanoTime();
        ComposeTool tool = settings.tool();
        Map<String, String> env = ToolEnvironment.withInputs(settings.baseEnv(), variables, tool.displayName());
        WorkDir work = settings.workDir();
        Map<String, String> supplied = new LinkedHashMap<>();
        resolved.envFileInputs().forEach((name, input) -> supplied.put(name, variables.get(input)));
        SecretFiles.checkOwners(resolved, ComposeProvider.NAME);
        Map<String, Object> document = ComposeFile.withEnvFiles(spec.composeDocument(), resolved,
                name -> work.envFilePath(deployment, name));
        document = ComposeSecrets.rewrite(document, resolved, tool.generation(),
                (kind, key) -> work.secretFilePath(deployment, kind, key));
        builds = new ComposeBuilds(resolved, deployment, tool.generation(),
                !ToolEnvironment.buildsWithBuildKit(tool.generation(), env));
        document = builds.apply(document, service -> work.dockerfilePath(deployment, service));
        String composeFile = ComposeFile.render(document, deployment, tool.generation(), resolved.services().stream()
                .filter(ServiceSpec::oneshot).map(ServiceSpec::name).collect(Collectors.toSet()),
                ComposeDigests.labels(resolved));
        Path dir = work.prepare(deployment);
        work.writeEnvFiles(deployment, supplied);
        work.writeSecretFiles(deployment, ComposeSecrets.supplied(resolved,
                (kind, key) -> work.secretFilePath(deployment, kind, key)), ComposeSecrets.copies(resolved,
                (kind, key) -> work.secretFilePath(deployment, kind, key)));
        work.writeDockerfiles(deployment, builds.dockerfiles());
        work.write(work.composeFile(deployment), composeFile);
        work.write(work.envFile(deployment), EnvFileFormat.write(deployment, resolved.baseDir(), variables.asMap(),
                secretNames()));
        ComposeCommand cmd = settings.command(deployment, project.name(), resolved.baseDir());
        LOG.debug("Deployment '{}' is Compose project '{}', files in {}", deployment, project.name(), dir);

        DeploymentNetworks.healDuplicates(engine.calls(), ComposeProject.PROJECT, project.name());
        FailedApplyCleanup cleanup = settings.onFailure() != FailurePolicy.REMOVE ? null
                : new FailedApplyCleanup(engine.calls(), Map.of(ComposeProject.PROJECT, project.name()));
        List<ServiceResult> results;
        // Subscribed before anything starts, so that no event of this apply is missed.
        try (ContainerWatch watch = new ContainerWatch(engine, Map.of(ComposeProject.PROJECT, project.name()), variables,
                listener.logsOfSucceeded())) {
            Map<String, List<Seen>> before = seen(watch);
            String failure = foreignContainerNames();
            if (failure == null) {
                failure = missingRuntimes();
            }
            if (failure == null) {
                failure = classicBuildProblems(env);
            }
            if (failure == null) {
                failure = missingImages();
            }
            Set<String> finished = Set.of();
            if (failure == null) {
                finished = new FinishedTasks(resolved, before).find(cmd, c -> runQuietly(c, env, dir));
                failure = launch(cmd, env, dir, finished);
            }
            results = await(watch, before, finished, failure);
        }
        Applied result = new Applied(results, variables.mask(toolOutput.toString()),
                variables.mask(toolErrors.toString()));
        Outcome status = LaunchResult.of(deployment, ComposeProvider.NAME, results, Map.of()).status();
        LOG.info("Deployment '{}' (Compose project '{}', {}): {}", deployment, project.name(), tool.displayName(),
                status);
        if (cleanup != null && status != Outcome.SUCCEEDED) {
            removeWhatFailed(cleanup, results, work);
        }
        return result;
    }

    /**
     * With {@code on-failure=remove}: after the failed services' containers, the images they built under Slipway's
     * tag, the networks and volumes this apply created that nothing uses, and, once no container of the project is
     * left, the deployment's files (its secret copies among them).
     */
    private void removeWhatFailed(FailedApplyCleanup cleanup, List<ServiceResult> results, WorkDir work) {
        for (ServiceResult r : results) {
            ServiceSpec s = resolved.service(r.name());
            if (!r.succeeded() && s != null && s.build() != null && s.defaultTag()) {
                ImageBuilder.removeTag(engine.calls(), s.imageFor(deployment));
            }
        }
        cleanup.removeCreated();
        if (project.containers().isEmpty()) {
            work.remove(deployment);
        }
    }

    /** Names of the variables that hold a secret, for the env file's comment (values never leave it). */
    private List<String> secretNames() {
        return variables.asMap().entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && variables.mask(e.getValue()).equals(Secret.MASK))
                .map(Map.Entry::getKey).toList();
    }

    /** The project's containers before this apply, by service, in replica order. */
    private Map<String, List<Seen>> seen(ContainerWatch watch) {
        Map<String, List<Seen>> out = new LinkedHashMap<>();
        project.byService().forEach((service, cs) -> out.put(service, cs.stream().map(c ->
                new Seen(c.getId(), watch.state(c.getId()), c.getLabels().get(ComposeProject.CONFIG_HASH))).toList()));
        return out;
    }

    /** Why nothing can start when a {@code container_name} is another's ({@link ForeignContainers}), else null. */
    private String foreignContainerNames() {
        Map<String, String> taken = ForeignContainers.refusals(engine.calls(), project.name(), deployment,
                resolved.services());
        refused.putAll(taken);
        return taken.isEmpty() ? null : "container names in use by containers deployment '" + deployment
                + "' does not own: " + taken.keySet().stream().map(n -> resolved.service(n).containerName()).toList();
    }

    /**
     * Why services cannot run: a {@code runtime} the engine lacks ({@link EngineRuntimes}), else null. Told before
     * anything is built, as docker-run does; the tool would only fail when it creates the container.
     */
    private String missingRuntimes() {
        Map<String, String> missing = EngineRuntimes.missing(engine, resolved.services());
        refused.putAll(missing);
        return missing.isEmpty() ? null : "services need a runtime this engine lacks: " + missing.keySet();
    }

    /**
     * When the tool would build with the classic builder ({@link ToolEnvironment#buildsWithBuildKit} is false), why the
     * Dockerfiles that need BuildKit cannot be built ({@link BuildKitFeatures}: what {@link DockerfileLowering} cannot
     * lower; the rest is lowered by {@link ComposeBuilds}), else null: the tool would fail on them halfway through its
     * build, with the engine's words, so nothing is started.
     */
    private String classicBuildProblems(Map<String, String> env) {
        if (ToolEnvironment.buildsWithBuildKit(settings.tool().generation(), env)) {
            return null;
        }
        for (ServiceSpec s : resolved.services()) {
            if (s.build() == null) {
                continue;
            }
            String text;
            try {
                text = s.build().dockerfilePath() != null ? Files.readString(s.build().dockerfilePath())
                        : s.build().dockerfileInline();
            } catch (IOException e) {
                continue; // the tool says what it cannot read
            }
            String where = s.build().dockerfilePath() != null ? s.build().dockerfilePath().toString()
                    : "dockerfile_inline of service '" + s.name() + "'";
            DockerfileLowering.lower(text).firstRefused().ifPresent(use -> refused.put(s.name(), "cannot build image '"
                    + s.imageFor(deployment) + "': " + BuildKitFeatures.message(where, use, "the classic builder, "
                    + "which " + settings.tool().displayName() + " builds with unless DOCKER_BUILDKIT=1 is set,",
                    "or set DOCKER_BUILDKIT=1 in Slipway's environment where the docker CLI can build with BuildKit")));
        }
        return refused.isEmpty() ? null : "Dockerfiles need BuildKit, which this build would not use: "
                + refused.keySet();
    }

    /**
     * With {@code pull=never}, why nothing can start (a missing image, or a missing base image of a build), else null.
     * Other policies leave it to the tool.
     */
    private String missingImages() {
        for (ServiceSpec s : resolved.services()) {
            PullPolicy policy = PullPolicy.forService(s, settings.pull());
            if (policy != PullPolicy.NEVER) {
                continue;
            }
            if (s.build() != null) {
                try {
                    List<String> bases = ImageBuilder.missingBaseImages(engine.calls(), s.build());
                    if (!bases.isEmpty()) {
                        refused.put(s.name(), "cannot build image '" + s.imageFor(deployment) + "': base image '"
                                + bases.get(0) + "' is not present locally and pull=never");
                    }
                } catch (IOException e) {
                    refused.put(s.name(), "cannot read the Dockerfile of " + s.build().context() + ": " + e.getMessage());
                }
                continue;
            }
            try {
                engine.calls().inspectImageCmd(s.image()).exec();
            } catch (NotFoundException e) {
                refused.put(s.name(), "image '" + s.image() + "' is not present locally and "
                        + PullPolicy.describe(s, policy));
            }
        }
        // The tool would try to pull it (v1 has no way to forbid that, and ignores pull_policy), so nothing is started.
        return refused.isEmpty() ? null : (settings.pull() == PullPolicy.NEVER ? "pull=never"
                : "pull_policy is never") + " and images are missing: " + refused.keySet()
                .stream().map(n -> resolved.service(n).imageFor(deployment)).distinct().toList();
    }

    /** Builds what is out of date, pulls when asked, then {@code up}; null when the tool succeeded, else why not (unmasked). */
    private String launch(ComposeCommand cmd, Map<String, String> env, Path dir, Set<String> finished) {
        String built = build(cmd, env, dir);
        if (built != null) {
            return built;
        }
        String pulled = pull(cmd, env, dir);
        if (pulled != null) {
            return pulled;
        }
        List<String> services = resolved.services().stream().map(ServiceSpec::name).toList();
        if (!finished.isEmpty() && finished.containsAll(services)) {
            // Nothing to start; `up` cannot be given an empty service list, so orphans are removed here.
            project.byService().forEach((service, cs) -> {
                if (!services.contains(service)) {
                    LOG.info("Removing service '{}' of deployment '{}': no longer in the spec", service, deployment);
                    cs.forEach(c -> project.remove(c.getId()));
                }
            });
            return null;
        }
        List<String> subset = finished.isEmpty() ? List.of()
                : services.stream().filter(s -> !finished.contains(s)).toList();
        ToolResult up = run(cmd.up(subset), env, dir);
        return up.succeeded() ? null : up.failure();
    }

    /**
     * Pulls what the pull policies ask for (docker-compose v1 ignores {@code pull_policy}, so Slipway does it): with
     * {@code pull=always} the images of the services without a {@code pull_policy} of their own, in one {@code pull};
     * then each image of a service whose {@code pull_policy} is {@code always}, or {@code missing} and the image is not
     * present, or a refresh ({@code daily}, {@code weekly}, {@code every_*}) and the image is missing or its last pull
     * is at least that old, with one {@code pull} per image so that a failure names it. Null when all succeeded,
     * else why not.
     */
    private String pull(ComposeCommand cmd, Map<String, String> env, Path dir) {
        if (settings.pull() == PullPolicy.ALWAYS) {
            List<String> plain = resolved.services().stream().filter(s -> s.pullPolicy() == null)
                    .map(ServiceSpec::name).toList();
            if (!plain.isEmpty()) {
                ToolResult pull = run(plain.size() == resolved.services().size() ? cmd.pull() : cmd.pull(plain), env, dir);
                if (!pull.succeeded()) {
                    return pull.failure();
                }
            }
        }
        Map<String, List<ServiceSpec>> byImage = new LinkedHashMap<>();
        for (ServiceSpec s : resolved.services()) {
            ImagePull p = s.pullPolicy();
            if (s.build() == null && (p == ImagePull.ALWAYS || (p == ImagePull.MISSING && !present(s.image()))
                    || (p != null && p.refresh() && due(s.image(), p.period())))) {
                byImage.computeIfAbsent(s.image(), i -> new ArrayList<>()).add(s);
            }
        }
        List<String> failed = new ArrayList<>();
        byImage.forEach((image, services) -> {
            ToolResult r = run(cmd.pull(services.stream().map(ServiceSpec::name).toList()), env, dir);
            if (!r.succeeded()) {
                failed.add(image);
                services.forEach(s -> refused.put(s.name(), "cannot pull image '" + image + "' (pull_policy is "
                        + s.pullPolicy().composeValue() + "): " + r.failure()));
            }
        });
        return failed.isEmpty() ? null : "images could not be pulled: " + failed;
    }

    /** Whether {@code image} is missing or its last pull (the engine's record) is at least {@code period} old. */
    private boolean due(String image, java.time.Duration period) {
        try {
            return ImagePull.due(period, ImageResolver.lastPulled(engine.calls().inspectImageCmd(image).exec()
                    .getRawValues()), java.time.Instant.now());
        } catch (NotFoundException e) {
            return true;
        }
    }

    private boolean present(String image) {
        try {
            engine.calls().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * {@code build} of the services whose image is out of date ({@link ComposeBuilds}), with {@code --pull} for those
     * whose build says {@code pull: true} (all with {@code pull=always}); null when it succeeded, else why not, with the
     * last lines of the build's output.
     */
    private String build(ComposeCommand cmd, Map<String, String> env, Path dir) {
        if (!builds.any()) {
            return null;
        }
        List<String> shm = resolved.services().stream().filter(s -> s.build() != null && s.build().shmSize() != null)
                .map(ServiceSpec::name).toList();
        if (!shm.isEmpty() && settings.tool().generation() == ComposeTool.Generation.V1) {
            // v1 builds through the docker CLI by default and does not pass build.shm_size on; its own Engine API
            // builder (COMPOSE_DOCKER_CLI_BUILD=0) does, and is the same classic builder unless BuildKit was asked for.
            if (ToolEnvironment.buildsWithBuildKit(ComposeTool.Generation.V1, env)) {
                refused.putAll(shm.stream().collect(Collectors.toMap(n -> n, n -> "build.shm_size: docker-compose v1 "
                        + "drops it when it builds with BuildKit through the docker CLI (DOCKER_BUILDKIT=1)")));
                return "docker-compose v1 drops build.shm_size of " + shm + " when it builds with BuildKit through the "
                        + "docker CLI; unset DOCKER_BUILDKIT, use Compose v2 (binary=docker), or drop it";
            }
            env = new LinkedHashMap<>(env);
            env.put("COMPOSE_DOCKER_CLI_BUILD", "0");
        }
        boolean always = settings.pull() == PullPolicy.ALWAYS;
        List<String> plain = new ArrayList<>(always ? List.of() : builds.outdated(engine.calls(), false));
        List<String> pulling = new ArrayList<>(builds.outdated(engine.calls(), true));
        if (always) {
            pulling.addAll(builds.outdated(engine.calls(), false));
        }
        // pull_policy: build builds even an up-to-date image (with the layer cache, as Compose does).
        resolved.services().stream().filter(s -> s.pullPolicy() == ImagePull.BUILD).map(ServiceSpec::name)
                .filter(n -> !plain.contains(n) && !pulling.contains(n))
                .forEach(n -> (always ? pulling : plain).add(n));
        for (List<String> services : List.of(plain, pulling)) {
            if (services.isEmpty()) {
                continue;
            }
            ToolResult r = run(cmd.build(services, services == pulling), env, dir, new BuildLines(services, listener,
                    variables::mask));
            if (!r.succeeded()) {
                List<String> lines = (r.stdout() + "\n" + r.stderr()).lines().filter(l -> !l.isBlank()).toList();
                return r.failure() + "; last lines of the build:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - BUILD_TAIL_LINES), lines.size()));
            }
        }
        return null;
    }

    /** Runs the tool and adds its output to the result's. */
    private ToolResult run(ToolCommand command, Map<String, String> env, Path dir) {
        return run(command, env, dir, null);
    }

    /** Runs the tool, telling {@code lines} (unless null) each line it prints, and adds its output to the result's. */
    private ToolResult run(ToolCommand command, Map<String, String> env, Path dir, java.util.function.Consumer<String> lines) {
        ToolResult r = runQuietly(command, env, dir, lines);
        toolOutput.append(r.stdout());
        toolErrors.append(r.stderr());
        if (r.killed()) {
            toolErrors.append(r.failure()).append('\n');
        }
        return r;
    }

    /** Runs the tool; its output is only logged (at DEBUG, masked). */
    private ToolResult runQuietly(ToolCommand command, Map<String, String> env, Path dir) {
        return runQuietly(command, env, dir, null);
    }

    private ToolResult runQuietly(ToolCommand command, Map<String, String> env, Path dir,
            java.util.function.Consumer<String> lines) {
        try {
            ToolResult r = runner.run(command, env, dir, settings.timeout(), lines);
            if (!r.stdout().isBlank() || !r.stderr().isBlank()) {
                LOG.debug("{} said:\n{}{}", command.what(), variables.mask(r.stdout()), variables.mask(r.stderr()));
            }
            return r;
        } catch (IOException e) {
            throw new SlipwayException(variables.mask("cannot run " + command.argv().get(0) + ": " + e.getMessage()), e);
        }
    }

    /**
     * Every service's result, in the spec's order; each container waited for on its own thread. Compose made one
     * container per replica (it honours {@code deploy.replicas} and {@code scale}, v1 1.29 too, and scales down from
     * the highest number); a service whose count is not 1 gets one result per container
     * ({@link ServiceResult#ofReplicas}).
     */
    private List<ServiceResult> await(ContainerWatch watch, Map<String, List<Seen>> before, Set<String> finished,
            String failure) {
        Map<String, List<Container>> after = project.byService();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-compose-" + deployment);
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<ServiceResult>> futures = new ArrayList<>();
            for (ServiceSpec s : resolved.services()) {
                List<Container> now = after.getOrDefault(s.name(), List.of());
                List<Seen> had = before.getOrDefault(s.name(), List.of());
                boolean leftAlone = finished.contains(s.name());
                if (s.replicas() == 1) {
                    Container c = now.isEmpty() ? null : now.get(now.size() - 1);
                    futures.add(CompletableFuture.supplyAsync(() -> report(finish(s, s.name(), c, had, leftAlone,
                            failure, watch)), pool));
                    continue;
                }
                List<CompletableFuture<ServiceResult>> each = new ArrayList<>();
                for (int n = 1; n <= s.replicas(); n++) {
                    int number = n;
                    Container c = now.stream().filter(x -> ComposeProject.number(x) == number).findFirst().orElse(null);
                    each.add(CompletableFuture.supplyAsync(() -> finish(s, ServiceResult.replicaName(s.name(), number),
                            c, had, leftAlone, failure, watch), pool));
                }
                boolean removed = had.stream().anyMatch(h -> now.stream().noneMatch(c -> c.getId().equals(h.id())));
                futures.add(CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> report(
                        ServiceResult.ofReplicas(s.name(), each.stream().map(CompletableFuture::join).toList(), removed))));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Tells the listener a service's result. */
    private ServiceResult report(ServiceResult r) {
        listener.finished(r);
        return r;
    }

    /**
     * One container's result (named {@code name}: the service's, or its replica's), its container removed if it
     * failed and the policy says so.
     */
    private ServiceResult finish(ServiceSpec s, String name, Container c, List<Seen> before, boolean leftAlone,
            String failure, ContainerWatch watch) {
        ServiceResult r;
        String id = c == null ? null : c.getId();
        String containerName = c == null ? null : ComposeProject.containerName(c);
        try {
            r = outcome(s, name, c, before, leftAlone, failure, watch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = watch.result(name, Outcome.FAILED, id, containerName, "interrupted", took(), false);
        } catch (DockerException | SlipwayException e) {
            r = watch.result(name, Outcome.FAILED, id, containerName, "engine refused: " + DockerEngine.rootMessage(e),
                    took(), false);
        }
        if (!r.succeeded() && r.containerId() != null && settings.onFailure() == FailurePolicy.REMOVE) {
            project.remove(r.containerId());
        }
        return r;
    }

    private ServiceResult outcome(ServiceSpec s, String name, Container c, List<Seen> before, boolean leftAlone,
            String failure, ContainerWatch watch) throws InterruptedException {
        if (refused.containsKey(s.name())) {
            return watch.result(name, Outcome.FAILED, null, null, refused.get(s.name()), took(), false);
        }
        if (c == null) {
            String which = name.equals(s.name()) ? "" : " for replica " + name;
            String why = failure != null ? "not started: " + failure
                    : "no container of service '" + s.name() + "'" + which + " in Compose project '" + project.name()
                            + "' after " + settings.tool().displayName() + " up";
            return watch.result(name, Outcome.FAILED, null, null, why, took(), false);
        }
        String id = c.getId();
        String containerName = ComposeProject.containerName(c);
        ContainerState now = watch.state(id);
        // Recreated (new id) or started again (new start time) by this apply.
        Seen had = before.stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
        boolean changed = !leftAlone && (had == null || !Objects.equals(had.state().startedAt(), now.startedAt()));
        if (failure != null && now.status() == ContainerState.Status.CREATED) {
            // Compose stopped before starting it; it will not start by itself.
            return watch.result(name, Outcome.FAILED, id, containerName, "not started: " + failure, took(), changed);
        }
        WaitCondition condition = s.waitCondition();
        // The tool started it before it could be listened to: its state as the engine has it, then each change.
        if (now.status() != ContainerState.Status.MISSING) {
            String word = now.status().isTerminal() && now.exitCode() != null ? "exited " + now.exitCode()
                    : now.status().name().toLowerCase(java.util.Locale.ROOT);
            listener.stateChanged(s.name(), containerName, word,
                    now.status() == ContainerState.Status.RUNNING ? now.startedAt() : null);
        }
        listener.waiting(s.name(), containerName, condition.describe());
        Runnable unlisten = watch.onStateChange(id, (state, time) -> listener.stateChanged(s.name(), containerName,
                state, time));
        ContainerWatch.Waited waited;
        try {
            waited = watch.awaitForResult(id, condition);
        } finally {
            unlisten.run();
        }
        ServiceResult r = watch.result(name, id, containerName, condition, waited.check(), took(), changed,
                waited.lastState());
        if (failure != null && r.succeeded()) {
            // The tool failed: the deployment did, whatever this one container does.
            return watch.result(name, Outcome.FAILED, id, containerName, r.reason() + "; but " + failure, took(), changed);
        }
        return r;
    }

    private Duration took() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
