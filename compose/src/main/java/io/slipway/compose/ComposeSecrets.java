package io.slipway.compose;

import io.slipway.engine.SecretFiles;
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
 * {@code volumes}. A grant with {@code uid}, {@code gid} or {@code mode} (which docker-compose v1 ignores for file
 * secrets, and which a bind mount cannot show) gets a private copy of its own, owned and moded as asked
 * ({@link SecretFiles#writeCopy}), handed to the tool as a read-only bind mount under {@code volumes} in place of the
 * grant. A service with secrets or configs is labelled with a digest of their contents (and of the owners and modes
 * given), so that Compose recreates its container when one changes (the label shows nothing of them).
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
     * The private copies of the grants that give an owner or mode (path to copy), one per declaration, owner and
     * mode, named by {@link SecretFiles#copyName} beside the {@link #supplied} files.
     */
    static Map<Path, Copy> copies(ResolvedSpec resolved, BiFunction<SecretSpec.Kind, String, Path> target) {
        Map<Path, Copy> out = new LinkedHashMap<>();
        for (ServiceSpec s : resolved.services()) {
            for (SecretMount m : SecretGrants.of(s)) {
                if (m.hasOwnership()) {
                    SecretSpec d = resolved.declaration(m);
                    out.computeIfAbsent(target.apply(d.kind(), SecretFiles.copyName(d.key(), m)),
                            p -> new Copy(resolved.content(d), m));
                }
            }
        }
        return out;
    }

    /**
     * A private copy's content and the grant whose owner and mode it gets.
     *
     * @param content the declaration's content
     * @param grant a grant with an owner or mode
     */
    record Copy(byte[] content, SecretMount grant) {
        @Override
        public String toString() {
            return "Copy[" + grant.source() + "@" + grant.ownershipTag() + "]"; // never the content
        }
    }

    /**
     * {@code document} (as written, not interpolated) with input and inline sources pointing at the files
     * {@link #supplied} names, the digest label on each service that has grants, grants with an owner or mode as
     * bind mounts of their {@link #copies}, and for v1 configs as volumes.
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
            List<Object> volumes = node.get("volumes") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            for (List<SecretMount> list : List.of(s.secrets(), s.configs())) {
                if (list.isEmpty()) {
                    continue;
                }
                String key = list.get(0).kind().key();
                boolean asVolumes = configsAsVolumes && list.get(0).kind() == SecretSpec.Kind.CONFIG;
                // The grants are read one for one from this list; should it differ, each kept grant is written anew.
                List<Object> written = node.get(key) instanceof List<?> l && l.size() == list.size()
                        ? new ArrayList<>(l) : null;
                List<Object> kept = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    SecretMount m = list.get(i);
                    SecretSpec d = resolved.declaration(m);
                    if (m.hasOwnership() || asVolumes) {
                        String source = m.hasOwnership() ? target.apply(d.kind(), SecretFiles.copyName(d.key(), m)).toString()
                                : d.file() != null ? d.file() : target.apply(d.kind(), d.key()).toString();
                        Map<String, Object> bind = new LinkedHashMap<>();
                        bind.put("type", "bind");
                        bind.put("source", escape(source));
                        bind.put("target", escape(m.target()));
                        bind.put("read_only", true);
                        volumes.add(bind);
                    } else if (written != null) {
                        kept.add(written.get(i));
                    } else {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("source", m.source());
                        entry.put("target", escape(m.target()));
                        kept.add(entry);
                    }
                }
                if (kept.isEmpty()) {
                    node.remove(key);
                } else {
                    node.put(key, kept);
                }
                if (asVolumes) {
                    LOG.debug("services.{}.configs: read-only bind mounts for docker-compose v1, which ignores configs "
                            + "without a swarm", s.name());
                }
            }
            if (!volumes.isEmpty()) {
                node.put("volumes", volumes);
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
