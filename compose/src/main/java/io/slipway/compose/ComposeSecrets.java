package io.slipway.compose;

import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.SecretMount;
import io.slipway.spec.SecretSpec;
import io.slipway.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets and configs in the compose file Slipway writes. Compose reads a secret's {@code environment} from its own
 * process and v1 has no {@code environment} nor {@code content} source at all, so every secret or config whose content
 * an input or inline {@code content} supplies becomes a {@code file:} entry pointing at a 0600 file Slipway writes in
 * the deployment's work directory; the tool bind-mounts it read-only, as it does a file beside the spec. docker-compose
 * v1 ignores {@code configs} without a swarm, so for it each service's configs become read-only bind mounts under
 * {@code volumes}. A service with secrets or configs is labelled with a digest of their contents, so that Compose
 * recreates its container when one changes (the label shows nothing of them).
 */
final class ComposeSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeSecrets.class);
    /** The label carrying the digest of a service's secrets and configs. */
    static final String DIGEST_LABEL = "io.slipway.secrets-digest";
    /** The digest's length in the label: 128 bits, as config hashes. */
    private static final int DIGEST_CHARS = 32;

    private ComposeSecrets() {
    }

    /** The files Slipway writes (path to content): those of declarations whose content is not a file already. */
    static Map<Path, byte[]> supplied(ResolvedSpec resolved, BiFunction<SecretSpec.Kind, String, Path> target) {
        Map<Path, byte[]> out = new LinkedHashMap<>();
        for (Map<String, SecretSpec> declared : List.of(resolved.secrets(), resolved.configs())) {
            declared.values().stream().filter(d -> d.file() == null)
                    .forEach(d -> out.put(target.apply(d.kind(), d.key()), resolved.content(d)));
        }
        return out;
    }

    /**
     * {@code document} (as written, not interpolated) with input and inline sources pointing at the files
     * {@link #supplied} names, the digest label on each service that has grants, and for v1 configs as volumes.
     */
    static Map<String, Object> rewrite(Map<String, Object> document, ResolvedSpec resolved,
            ComposeTool.Generation generation, BiFunction<SecretSpec.Kind, String, Path> target) {
        for (SecretSpec.Kind kind : SecretSpec.Kind.values()) {
            Map<String, SecretSpec> declared = kind == SecretSpec.Kind.SECRET ? resolved.secrets() : resolved.configs();
            if (declared.isEmpty()) {
                continue;
            }
            Map<String, Object> top = map(document.get(kind.key()));
            declared.values().stream().filter(d -> d.file() == null).forEach(d -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", escape(target.apply(kind, d.key()).toString()));
                Object name = map(top.get(d.key())).get("name");
                if (name != null) {
                    entry.put("name", name);
                }
                top.put(d.key(), entry);
            });
            document.put(kind.key(), top);
        }
        boolean configsAsVolumes = generation == ComposeTool.Generation.V1 && !resolved.configs().isEmpty();
        Map<String, Object> services = map(document.get("services"));
        for (ServiceSpec s : resolved.services()) {
            List<SecretMount> grants = SecretGrants.of(s);
            if (grants.isEmpty()) {
                continue;
            }
            Map<String, Object> node = map(services.get(s.name()));
            node.put("labels", withLabel(node.get("labels"),
                    SecretGrants.digest(resolved, s).substring(0, DIGEST_CHARS)));
            if (configsAsVolumes && !s.configs().isEmpty()) {
                List<Object> volumes = node.get("volumes") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
                for (SecretMount m : s.configs()) {
                    SecretSpec d = resolved.declaration(m);
                    String source = d.file() != null ? d.file() : target.apply(d.kind(), d.key()).toString();
                    Map<String, Object> bind = new LinkedHashMap<>();
                    bind.put("type", "bind");
                    bind.put("source", escape(source));
                    bind.put("target", escape(m.target()));
                    bind.put("read_only", true);
                    volumes.add(bind);
                }
                node.put("volumes", volumes);
                node.remove("configs");
                LOG.debug("services.{}.configs: read-only bind mounts for docker-compose v1, which ignores configs "
                        + "without a swarm", s.name());
            }
            services.put(s.name(), node);
        }
        document.put("services", services);
        if (configsAsVolumes) {
            document.remove("configs");
            services.values().forEach(n -> map(n).remove("configs")); // services without grants have none anyway
        }
        return document;
    }

    /** The tool interpolates the file: a '$' in a path Slipway writes is literal. */
    private static String escape(String path) {
        return path.replace("$", "$$");
    }

    private static Object withLabel(Object labels, String digest) {
        if (labels instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list);
            out.add(DIGEST_LABEL + "=" + digest);
            return out;
        }
        Map<String, Object> out = map(labels);
        out.put(DIGEST_LABEL, digest);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}
