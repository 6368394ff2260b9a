package io.slipway.compose;

import io.slipway.engine.Labels;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.ConfigDigests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slipway's own config hash and per-setting digests of each service ({@link ConfigDigests}), written into the compose
 * file as labels ({@link Labels#CONFIG_HASH}, {@link Labels#CONFIG_DIGESTS}) so that a plan can tell, from the
 * containers, what the tool would recreate and why. Being labels, they enter the tool's own config hash: whenever
 * Slipway's changes, so does the tool's, and the tool recreates the container. The image's id is not among them: a
 * plan compares it with the container's image directly, as the tool does. A digest of the secrets' contents is among
 * them, as the tool hashes it through the label {@link ComposeSecrets} gives the service.
 */
final class ComposeDigests {

    private ComposeDigests() {
    }

    /** The digests of {@code service}'s settings: the spec's, with the effective environment, per variable. */
    static Map<String, String> of(ResolvedSpec spec, ServiceSpec service) {
        Map<String, String> env;
        try {
            env = spec.environment(service);
        } catch (io.slipway.spec.SpecException e) {
            // An env file that cannot be read is the tool's to report, as it always was; its content is unknown here.
            env = service.environment();
        }
        Map<String, Object> settings = ConfigDigests.settings(service, env);
        if (!SecretGrants.of(service).isEmpty()) {
            // ComposeSecrets labels the service with this digest, so the tool recreates it when a content changes.
            settings.put("secretContents", SecretGrants.digest(spec, service));
        }
        return ConfigDigests.of(settings);
    }

    /** The hash of all of {@code digests}: what {@link Labels#CONFIG_HASH} holds. */
    static String hash(Map<String, String> digests) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(ConfigDigests.encode(digests)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two labels of every service of {@code spec}, by service name. */
    static Map<String, Map<String, String>> labels(ResolvedSpec spec) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            Map<String, String> digests = of(spec, s);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(Labels.CONFIG_HASH, hash(digests));
            labels.put(Labels.CONFIG_DIGESTS, ConfigDigests.encode(digests));
            out.put(s.name(), labels);
        }
        return out;
    }
}
