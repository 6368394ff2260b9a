package io.slipway.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import io.slipway.engine.Labels;
import io.slipway.spec.ProjectNames;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swarm secrets of a deployment: one per content, named {@code <deployment>_<name>_<hash12>} (a swarm secret
 * cannot change, so a new content is a new secret and the service is updated to it); removed once no service uses
 * them. Contents travel only in the secret-create call: never in a service spec, a label or a log.
 */
final class SwarmSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmSecrets.class);
    private static final int MAX_NAME = 64;

    private SwarmSecrets() {
    }

    /** {@code <deployment>_<name>_<first 12 hex of the content's SHA-256>}, at most 64 characters. */
    static String name(String deployment, String name, byte[] content) {
        return name(deployment, name, content, null);
    }

    /**
     * {@link #name(String, String, byte[])} for a variant of the content, e.g. a grant's owner and mode: swarm keeps
     * one file per secret id in a container, owned and moded as its last reference asks, so two grants of one
     * content with different owners or modes need two secrets. The hash covers the variant (null: none), so that it
     * tells them apart even when the name is cut to fit.
     */
    static String name(String deployment, String name, byte[] content, String variant) {
        byte[] hashed = content;
        if (variant != null) {
            byte[] v = ("\0" + variant).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            hashed = java.util.Arrays.copyOf(content, content.length + v.length);
            System.arraycopy(v, 0, hashed, content.length, v.length);
        }
        String hash = sha256(hashed).substring(0, 12);
        String base = (ProjectNames.of(deployment) + "_" + name).replaceAll("[^A-Za-z0-9_.-]", "-");
        int room = MAX_NAME - hash.length() - 1;
        return (base.length() > room ? base.substring(0, room) : base) + "_" + hash;
    }

    /** Creates the secrets that do not exist yet; returns every one's id by name. */
    static synchronized Map<String, String> ensure(SwarmContext ctx, String deployment, Map<String, byte[]> wanted) {
        DockerClient docker = ctx.engine().calls();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : wanted.entrySet()) {
            String id = find(docker, e.getKey());
            if (id == null) {
                Map<String, String> labels = new LinkedHashMap<>(SwarmContext.owned(deployment));
                labels.put(StackMapping.NAMESPACE, ProjectNames.of(deployment));
                try {
                    id = docker.createSecretCmd(new BinarySecretSpec(e.getValue()).withName(e.getKey())
                            .withLabels(labels)).exec().getId();
                    LOG.debug("Created swarm secret {}", e.getKey());
                } catch (ConflictException raced) {
                    id = find(docker, e.getKey());
                }
            }
            ids.put(e.getKey(), id);
        }
        return ids;
    }

    private static String find(DockerClient docker, String name) {
        return docker.listSecretsCmd().withNameFilter(List.of(name)).exec().stream()
                .filter(s -> s.getSpec() != null && name.equals(s.getSpec().getName())).map(Secret::getId)
                .findFirst().orElse(null);
    }

    /** Removes the deployment's secrets no service of it refers to any more. */
    static synchronized int removeUnused(SwarmContext ctx, String deployment) {
        DockerClient docker = ctx.engine().calls();
        Set<String> used = SwarmContext.services(docker, deployment).stream()
                .flatMap(s -> {
                    var c = s.getSpec().getTaskTemplate().getContainerSpec();
                    return c == null || c.getSecrets() == null ? java.util.stream.Stream.empty()
                            : c.getSecrets().stream().map(x -> x.getSecretId());
                }).collect(Collectors.toSet());
        int removed = 0;
        for (Secret s : docker.listSecretsCmd().withLabelFilter(SwarmContext.owned(deployment)).exec()) {
            if (!used.contains(s.getId())) {
                try {
                    docker.removeSecretCmd(s.getId()).exec();
                    removed++;
                    LOG.debug("Removed swarm secret {}: no service uses it", s.getSpec().getName());
                } catch (NotFoundException gone) {
                    // removed meanwhile
                } catch (RuntimeException inUse) {
                    // still referenced by a task that is shutting down: the next apply or delete removes it
                    LOG.debug("Swarm secret {} still in use: {}", s.getSpec().getName(), SwarmApply.rootMessage(inUse));
                }
            }
        }
        return removed;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * A secret spec carrying the content's own bytes. docker-java's {@code SecretSpec.withData(String)} encodes the
     * string with the JVM's default charset (ASCII under a POSIX locale on Java 17), so neither binary files nor
     * non-ASCII text would survive; the Engine API wants the bytes in base64, which this gives it directly.
     */
    static final class BinarySecretSpec extends SecretSpec {
        private static final long serialVersionUID = 1L;
        private final String base64;

        BinarySecretSpec(byte[] content) {
            this.base64 = Base64.getEncoder().encodeToString(content);
        }

        @Override
        public String getData() {
            return base64;
        }
    }
}
