package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import io.slipway.SlipwayException;
import io.slipway.engine.ImageBuilder;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The services of one apply that Compose builds ({@code build}), and how the compose file asks for them. Each built
 * image is tagged {@code image}, else {@code <deployment>-<service>} (written into the file, so v1, which would say
 * {@code <project>_<service>}, tags it as v2 and the other backends do), and labelled with its deployment and the hash
 * of its context ({@link ImageBuilder#BUILD_HASH}): an image with the same hash is up to date and not built again.
 * docker-compose v1 has no {@code dockerfile_inline} (it is written to a file and named as {@code dockerfile}) and
 * no {@code build.pull} (it becomes {@code build --pull}).
 */
final class ComposeBuilds {

    private final ResolvedSpec resolved;
    private final String deployment;
    private final ComposeTool.Generation generation;
    private final Map<String, String> hashes = new LinkedHashMap<>();

    /**
     * Hashes each build's context.
     *
     * @throws SlipwayException when a context cannot be read
     */
    ComposeBuilds(ResolvedSpec resolved, String deployment, ComposeTool.Generation generation) {
        this.resolved = resolved;
        this.deployment = deployment;
        this.generation = generation;
        for (ServiceSpec s : resolved.services()) {
            if (s.build() != null) {
                try {
                    hashes.put(s.name(), ImageBuilder.buildHash(s.build()));
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

    /** The inline Dockerfiles the tool needs as files (v1), by service. */
    Map<String, String> inlineDockerfiles() {
        Map<String, String> out = new LinkedHashMap<>();
        if (generation == ComposeTool.Generation.V1) {
            resolved.services().stream().filter(s -> s.build() != null && s.build().dockerfileInline() != null)
                    .forEach(s -> out.put(s.name(), s.build().dockerfileInline()));
        }
        return out;
    }

    /**
     * {@code document} with each built service's {@code image}, {@code build.labels} and, for v1, its inline
     * Dockerfile at {@code dockerfile(service)}.
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
                if (build.remove("dockerfile_inline") != null) {
                    build.put("dockerfile", dockerfile.apply(name).toString());
                }
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
