package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import io.slipway.SlipwayException;
import io.slipway.engine.ImageBuilder;
import io.slipway.spec.DockerfileLowering;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one apply that Compose builds ({@code build}), and how the compose file asks for them. Each built
 * image is tagged {@code image}, else {@code <deployment>-<service>} (written into the file, so v1, which would say
 * {@code <project>_<service>}, tags it as v2 and the other backends do), and labelled with its deployment and the hash
 * of its context ({@link ImageBuilder#BUILD_HASH}): an image with the same hash is up to date and not built again.
 * docker-compose v1 has no {@code dockerfile_inline} (it is written to a file and named as {@code dockerfile}) and
 * no {@code build.pull} (it becomes {@code build --pull}). When the tool builds with the classic builder, a Dockerfile
 * with BuildKit-only syntax that can be lowered ({@link DockerfileLowering}) is written lowered to a file the same
 * way, and named as {@code dockerfile}.
 */
final class ComposeBuilds {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeBuilds.class);

    private final ResolvedSpec resolved;
    private final String deployment;
    private final ComposeTool.Generation generation;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    /** The Dockerfiles the tool needs as files, by service: inline ones on v1, lowered ones for the classic builder. */
    private final Map<String, String> files = new LinkedHashMap<>();

    /**
     * Hashes each build's context.
     *
     * @param classic whether the tool builds with the classic builder: Dockerfiles are then lowered
     * @throws SlipwayException when a context cannot be read
     */
    ComposeBuilds(ResolvedSpec resolved, String deployment, ComposeTool.Generation generation, boolean classic) {
        this.resolved = resolved;
        this.deployment = deployment;
        this.generation = generation;
        for (ServiceSpec s : resolved.services()) {
            if (s.build() != null) {
                try {
                    hashes.put(s.name(), ImageBuilder.buildHash(s.build()));
                    String text = s.build().dockerfilePath() != null ? Files.readString(s.build().dockerfilePath())
                            : s.build().dockerfileInline();
                    DockerfileLowering.Result lowered = DockerfileLowering.lower(text);
                    if (classic && lowered.changed() && lowered.refused().isEmpty()) {
                        LOG.info("Dockerfile {} lowered for the classic builder: {}", ImageBuilder.where(s.build()),
                                lowered.summary());
                        files.put(s.name(), lowered.text());
                    } else if (generation == ComposeTool.Generation.V1 && s.build().dockerfileInline() != null) {
                        files.put(s.name(), text);
                    }
                } catch (IOException e) {
                    throw new SlipwayException("cannot read build context " + s.build().context() + " of service '"
                            + s.name() + "': " + e.getMessage(), e);
                }
            }
        }
    }

    /** Whether some service is built. */
    boolean any() {
        return !hashes.isEmpty();
    }

    /** The Dockerfiles the tool needs as files, by service: inline ones on v1, lowered ones for the classic builder. */
    Map<String, String> dockerfiles() {
        return Map.copyOf(files);
    }

    /**
     * {@code document} with each built service's {@code image}, {@code build.labels} and, for {@link #dockerfiles},
     * its Dockerfile at {@code dockerfile(service)}.
     */
    Map<String, Object> apply(Map<String, Object> document, Function<String, Path> dockerfile) {
        Map<String, Object> services = map(document.get("services"));
        hashes.forEach((name, hash) -> {
            ServiceSpec s = resolved.service(name);
            Map<String, Object> node = map(services.get(name));
            node.putIfAbsent("image", s.imageFor(deployment));
            Map<String, Object> build = node.get("build") instanceof Map<?, ?> ? map(node.get("build"))
                    : new LinkedHashMap<>(Map.of("context", node.get("build")));
            Map<String, String> ours = new LinkedHashMap<>(ImageBuilder.ownerLabels(deployment, name, ComposeProvider.NAME));
            ours.put(ImageBuilder.BUILD_HASH, hash);
            build.put("labels", withLabels(build.get("labels"), ours));
            if (generation == ComposeTool.Generation.V1) {
                build.remove("pull");
            }
            if (files.containsKey(name)) {
                build.remove("dockerfile_inline");
                build.put("dockerfile", dockerfile.apply(name).toString());
            }
            node.put("build", build);
            services.put(name, node);
        });
        document.put("services", services);
        return document;
    }

    /** The built services whose image is missing or was built from something else; {@code pull}: those that pull too. */
    List<String> outdated(DockerClient docker, boolean pull) {
        List<String> out = new ArrayList<>();
        hashes.forEach((name, hash) -> {
            ServiceSpec s = resolved.service(name);
            boolean pulls = Boolean.TRUE.equals(s.build().pull());
            if (pulls == pull && (pulls || !ImageBuilder.upToDate(docker, s.imageFor(deployment), hash))) {
                out.add(name);
            }
        });
        return out;
    }

    /** The labels with ours added, in the form (map or list) the spec used. */
    private static Object withLabels(Object labels, Map<String, String> ours) {
        if (labels instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().filter(e -> !ours.containsKey(String.valueOf(e).split("=", 2)[0])).forEach(out::add);
            ours.forEach((k, v) -> out.add(k + "=" + v));
            return out;
        }
        Map<String, Object> out = map(labels);
        out.putAll(ours);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}
