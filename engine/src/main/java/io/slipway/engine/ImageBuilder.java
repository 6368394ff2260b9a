package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.spec.BuildKitFeatures;
import io.slipway.spec.BuildSpec;
import io.slipway.spec.DockerfileLowering;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a service's image through the Engine API ({@code POST /build}), for docker-run and atomic. The context is
 * sent as a tar that honours {@code .dockerignore} ({@link BuildContext}); the image carries the hash of what it
 * was built from ({@link #BUILD_HASH}), and an image of the tag with the same hash is used as it is, so an unchanged
 * re-apply builds nothing. With {@code pull=never}, base images must be present: a missing one fails the build
 * before it starts, named.
 */
public final class ImageBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);
    /** The label on a built image: the hash of its context, Dockerfile and build options. */
    public static final String BUILD_HASH = "io.slipway.build-hash";
    /** How many lines of the build's output a failure reports. */
    static final int TAIL_LINES = 15;

    /** A build that failed, or could not start; the message says why, with the last lines of the build's output. */
    public static final class BuildException extends Exception {
        private static final long serialVersionUID = 1L;

        BuildException(String message) {
            super(message);
        }
    }

    private final DockerClient docker;
    private final PullPolicy policy;
    private final Duration timeout;

    /**
     * @param docker the engine
     * @param policy the backend's pull policy: {@code always} pulls base images on every build, {@code never} needs
     *        them present
     * @param timeout how long one build may take
     */
    public ImageBuilder(DockerClient docker, PullPolicy policy, Duration timeout) {
        this.docker = docker;
        this.policy = policy;
        this.timeout = timeout;
    }

    /**
     * The id of image {@code tag} built from {@code build}: the present one when its build hash is the same, else a
     * new build, tagged {@code tag}.
     *
     * @param labels labels for the image besides the build's own (e.g. the deployment's)
     * @param output receives each line the build prints
     * @throws BuildException naming the tag and what failed
     */
    public String build(String tag, BuildSpec build, Map<String, String> labels, Consumer<String> output)
            throws BuildException, InterruptedException {
        return build(tag, build, labels, output, policy, false);
    }

    /**
     * As {@link #build(String, BuildSpec, Map, Consumer)}, with a service's own pull policy for base images, and
     * {@code force} ({@code pull_policy: build}) to build even when the present image is up to date (with the layer
     * cache, as Compose builds).
     */
    public String build(String tag, BuildSpec build, Map<String, String> labels, Consumer<String> output,
            PullPolicy policy, boolean force) throws BuildException, InterruptedException {
        BuildContext context;
        String hash;
        try {
            context = BuildContext.of(build);
            hash = context.hash();
        } catch (IOException e) {
            throw new BuildException("cannot read build context " + build.context() + ": " + e.getMessage());
        }
        requireClassicSyntax(tag, build, context.lowering());
        InspectImageResponse present = inspect(tag);
        if (present != null && present.getConfig() != null && present.getConfig().getLabels() != null
                && hash.equals(present.getConfig().getLabels().get(BUILD_HASH)) && build.pull() != Boolean.TRUE
                && policy != PullPolicy.ALWAYS && !force) {
            LOG.debug("Image {} is up to date with {}: not built", tag, build.context());
            return present.getId();
        }
        if (policy == PullPolicy.NEVER) {
            for (String base : BaseImages.of(context.dockerfileText(), build.args())) {
                if (inspect(base) == null) {
                    throw new BuildException("cannot build image '" + tag + "': base image '" + base
                            + "' is not present locally and pull=never");
                }
            }
        }
        LOG.info("Building image {} from {}{}", tag, build.context(), force ? " (pull_policy: build)" : "");
        Map<String, String> all = new LinkedHashMap<>(build.labels());
        all.putAll(labels);
        all.put(BUILD_HASH, hash);
        return run(tag, build, context, all, output, policy);
    }

    /**
     * Whether {@link #build(String, BuildSpec, Map, Consumer, PullPolicy, boolean)} with these arguments would build
     * (rather than find the present image up to date), for a plan; an unreadable context would fail the build, so it
     * counts as one.
     */
    public boolean wouldBuild(String tag, BuildSpec build, PullPolicy policy, boolean force) {
        String hash;
        try {
            hash = BuildContext.of(build).hash();
        } catch (IOException e) {
            return true;
        }
        InspectImageResponse present = inspect(tag);
        return !(present != null && present.getConfig() != null && present.getConfig().getLabels() != null
                && hash.equals(present.getConfig().getLabels().get(BUILD_HASH)) && build.pull() != Boolean.TRUE
                && policy != PullPolicy.ALWAYS && !force);
    }

    /**
     * Refuses a Dockerfile that needs BuildKit and cannot be lowered ({@link DockerfileLowering}) before anything is
     * built: the Engine API's classic builder, which this class drives, would fail on it halfway with an engine error.
     * What was lowered is logged.
     */
    static void requireClassicSyntax(String tag, BuildSpec build, DockerfileLowering.Result lowering)
            throws BuildException {
        Optional<BuildKitFeatures.Use> use = lowering.firstRefused();
        if (use.isPresent()) {
            throw new BuildException("cannot build image '" + tag + "': " + BuildKitFeatures.message(where(build),
                    use.get(), "this engine's classic builder, which Slipway builds with through the Engine API,",
                    "or apply it with the compose backend and a docker CLI that builds with BuildKit"));
        }
        if (lowering.changed()) {
            LOG.info("Dockerfile {} lowered for the classic builder: {}", where(build), lowering.summary());
        }
        BuildKitFeatures.syntaxDirective(lowering.text()).ifPresent(syntax -> LOG.warn("Dockerfile {} line {}: the "
                + "classic builder ignores '{}' and builds with its own syntax", where(build), syntax.line(),
                syntax.feature()));
    }

    /** The Dockerfile's path, or what says it is inline. */
    public static String where(BuildSpec build) {
        return build.dockerfilePath() != null ? build.dockerfilePath().toString()
                : "dockerfile_inline (context " + build.context() + ")";
    }

    private String run(String tag, BuildSpec build, BuildContext context, Map<String, String> labels,
            Consumer<String> output, PullPolicy policy) throws BuildException, InterruptedException {
        Path tar = null;
        try {
            tar = Files.createTempFile("slipway-build-", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                context.writeTar(out);
            }
            Output out = new Output(output);
            try (InputStream in = Files.newInputStream(tar)) {
                BuildImageCmd cmd = docker.buildImageCmd(in).withTags(java.util.Set.of(tag))
                        .withDockerfilePath(context.dockerfileName()).withLabels(labels)
                        // forcerm: a failed step's container is removed too (the classic builder keeps it otherwise).
                        .withRemove(true).withForcerm(true)
                        .withPull(build.pull() == Boolean.TRUE || policy == PullPolicy.ALWAYS);
                build.args().forEach(cmd::withBuildArg);
                if (build.target() != null) {
                    cmd.withTarget(build.target());
                }
                if (build.network() != null) {
                    cmd.withNetworkMode(build.network());
                }
                if (build.shmSize() != null) {
                    cmd.withShmsize(build.shmSize());
                }
                if (!build.extraHosts().isEmpty()) {
                    cmd.withExtraHosts(new LinkedHashSet<>(build.extraHosts()));
                }
                cmd.exec(out);
                if (!out.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.close();
                    throw new BuildException("building image '" + tag + "' did not finish within "
                            + timeout.toSeconds() + " s" + out.tail());
                }
            }
            if (out.error != null) {
                throw new BuildException("building image '" + tag + "' failed" + out.step() + ": " + out.error + out.tail());
            }
            InspectImageResponse built = inspect(tag);
            if (built == null) {
                throw new BuildException("building image '" + tag + "' ended without an image" + out.tail());
            }
            return built.getId();
        } catch (IOException e) {
            throw new BuildException("cannot build image '" + tag + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw new BuildException("building image '" + tag + "' failed: " + DockerEngine.rootMessage(e));
        } finally {
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException e) {
                    LOG.debug("Cannot remove {}", tar, e);
                }
            }
        }
    }

    /**
     * The base images of {@code build} that the engine does not have (for a backend whose tool builds, to honour
     * {@code pull=never} before it starts).
     *
     * @throws IOException when the Dockerfile cannot be read
     */
    public static List<String> missingBaseImages(DockerClient docker, BuildSpec build) throws IOException {
        String text = build.dockerfilePath() != null ? Files.readString(build.dockerfilePath()) : build.dockerfileInline();
        ImageBuilder b = new ImageBuilder(docker, PullPolicy.NEVER, Duration.ZERO);
        return BaseImages.of(text, build.args()).stream().filter(i -> b.inspect(i) == null).toList();
    }

    /**
     * The hash of what {@code build} would send the engine and build with (the value of {@link #BUILD_HASH}), for a
     * backend whose tool builds, to tell whether an image is up to date.
     *
     * @throws IOException when the context cannot be read
     */
    public static String buildHash(BuildSpec build) throws IOException {
        return BuildContext.of(build).hash();
    }

    /** Whether image {@code tag} exists and was built with {@code hash} ({@link #BUILD_HASH}). */
    public static boolean upToDate(DockerClient docker, String tag, String hash) {
        InspectImageResponse i = new ImageBuilder(docker, PullPolicy.NEVER, Duration.ZERO).inspect(tag);
        return i != null && i.getConfig() != null && i.getConfig().getLabels() != null
                && hash.equals(i.getConfig().getLabels().get(BUILD_HASH));
    }

    /** The labels that say which deployment built an image, for {@link #removeBuilt}. */
    public static Map<String, String> ownerLabels(String deployment, String service, String backend) {
        return Map.of(Labels.DEPLOYMENT, deployment, Labels.SERVICE, service, Labels.BACKEND, backend);
    }

    /**
     * Removes the images {@code deployment} built on {@code backend} ({@link #ownerLabels}) that carry no tag but
     * the one Slipway gave them ({@code <deployment>-<service>}), or none (replaced builds). An image tagged by a
     * spec's {@code image} is kept, as {@code docker compose down --rmi local} keeps it.
     *
     * @return how many were removed
     */
    public static int removeBuilt(DockerClient docker, String deployment, String backend) {
        int removed = 0;
        for (com.github.dockerjava.api.model.Image i : docker.listImagesCmd().withShowAll(false)
                .withLabelFilter(Map.of(Labels.DEPLOYMENT, deployment, Labels.BACKEND, backend)).exec()) {
            String service = i.getLabels() == null ? null : i.getLabels().get(Labels.SERVICE);
            String ours = (deployment + "-" + service).toLowerCase(java.util.Locale.ROOT) + ":latest";
            String[] tags = i.getRepoTags() == null ? new String[0] : i.getRepoTags();
            if (service == null || !java.util.Arrays.stream(tags).allMatch(t -> t.equals(ours) || t.equals("<none>:<none>"))) {
                continue;
            }
            try {
                docker.removeImageCmd(i.getId()).exec();
                removed++;
                LOG.debug("Removed image {} ({}) built for deployment '{}'", i.getId(), String.join(", ", tags), deployment);
            } catch (NotFoundException e) {
                // gone meanwhile
            } catch (RuntimeException e) {
                LOG.info("Image {} built for deployment '{}' is kept: {}", i.getId(), deployment, DockerEngine.rootMessage(e));
            }
        }
        return removed;
    }

    /** Removes image {@code tag} when it exists and no container uses it (on-failure=remove of a built service). */
    public static void removeTag(DockerClient docker, String tag) {
        try {
            docker.removeImageCmd(tag).exec();
        } catch (NotFoundException e) {
            // not there
        } catch (RuntimeException e) {
            LOG.debug("Image {} is kept: {}", tag, DockerEngine.rootMessage(e));
        }
    }

    private InspectImageResponse inspect(String image) {
        try {
            return docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The build's output: lines to the consumer, the last ones kept, the error and the step it failed in noted. */
    private static final class Output extends ResultCallback.Adapter<BuildResponseItem> {
        private final Consumer<String> sink;
        private final Deque<String> last = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile String error;
        private String step;

        Output(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                partial.append(item.getStream());
                for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
                    line(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
            }
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage().strip() : String.valueOf(item.getError()).strip();
            }
        }

        private void line(String text) {
            String line = text.stripTrailing();
            if (line.isBlank()) {
                return;
            }
            if (line.startsWith("Step ")) {
                step = line;
            }
            sink.accept(line);
            last.addLast(line);
            if (last.size() > TAIL_LINES) {
                last.removeFirst();
            }
        }

        @Override
        public void onError(Throwable t) {
            error = DockerEngine.rootMessage(t);
            super.onError(t);
        }

        /** {@code " at Step 2/3 : RUN false"}, or nothing when no step began. */
        synchronized String step() {
            return step == null ? "" : " at " + step;
        }

        synchronized String tail() {
            if (partial.length() > 0) {
                line(partial.toString());
                partial.setLength(0);
            }
            return last.isEmpty() ? "" : "; last lines of the build:\n" + String.join("\n", last);
        }
    }

    /** The images that the built image's {@code FROM} lines need from the engine. */
    static final class BaseImages {
        private BaseImages() {
        }

        /**
         * Each {@code FROM} image of {@code dockerfile} that is neither {@code scratch} nor an earlier stage, with
         * {@code ARG}s declared before the first {@code FROM} substituted (defaults, overridden by {@code args}); an
         * image still holding a variable is left out (the engine names it if it is missing).
         */
        static List<String> of(String dockerfile, Map<String, String> args) {
            Map<String, String> vars = new LinkedHashMap<>();
            java.util.Set<String> stages = new java.util.HashSet<>();
            java.util.Set<String> out = new LinkedHashSet<>();
            boolean seenFrom = false;
            for (String raw : dockerfile.replace("\\\n", " ").split("\n")) {
                String[] w = raw.strip().split("\\s+");
                String instruction = w[0].toUpperCase(java.util.Locale.ROOT);
                if (instruction.equals("ARG") && !seenFrom && w.length > 1) {
                    String[] kv = w[1].split("=", 2);
                    vars.put(kv[0], args.containsKey(kv[0]) ? args.get(kv[0]) : kv.length > 1 ? unquote(kv[1]) : "");
                } else if (instruction.equals("FROM")) {
                    seenFrom = true;
                    int i = 1;
                    while (i < w.length && w[i].startsWith("--")) {
                        i++;
                    }
                    if (i >= w.length) {
                        continue;
                    }
                    String image = substitute(w[i], vars);
                    if (!image.equalsIgnoreCase("scratch") && !stages.contains(image.toLowerCase(java.util.Locale.ROOT))
                            && !image.contains("$") && !image.isEmpty()) {
                        out.add(image);
                    }
                    if (i + 2 < w.length && w[i + 1].equalsIgnoreCase("AS")) {
                        stages.add(w[i + 2].toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return List.copyOf(out);
        }

        private static String substitute(String word, Map<String, String> vars) {
            String s = word;
            for (Map.Entry<String, String> e : vars.entrySet()) {
                s = s.replace("${" + e.getKey() + "}", e.getValue()).replaceAll("\\$" + e.getKey() + "\\b",
                        java.util.regex.Matcher.quoteReplacement(e.getValue()));
            }
            return s;
        }

        private static String unquote(String s) {
            return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                    ? s.substring(1, s.length() - 1) : s;
        }
    }
}
