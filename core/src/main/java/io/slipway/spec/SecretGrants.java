package io.slipway.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What backends that bind-mount secrets and configs share: the grants of a service and a digest of the contents
 * for config hashes.
 *
 * <pre>{@code
 * String digest = SecretGrants.digest(resolved, service);  // changes when any granted content changes
 * }</pre>
 */
public final class SecretGrants {

    private SecretGrants() {
    }

    /** The service's secrets, then its configs, in the spec's order. */
    public static List<SecretMount> of(ServiceSpec s) {
        List<SecretMount> out = new ArrayList<>(s.secrets());
        out.addAll(s.configs());
        return out;
    }

    /**
     * A hex SHA-256 over the targets and contents of the service's grants, and the owner and mode of those that give
     * them, so that a config hash over it changes when any of them does, and shows nothing of them. A grant without
     * {@code uid}, {@code gid} or {@code mode} hashes as it did before they were honoured, so that the hashes of
     * existing deployments stay. Empty when the service has none.
     */
    public static String digest(ResolvedSpec spec, ServiceSpec s) {
        List<SecretMount> grants = of(s);
        if (grants.isEmpty()) {
            return "";
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (SecretMount m : grants) {
                byte[] content = spec.content(spec.declaration(m));
                String owner = m.hasOwnership() ? m.ownershipTag() + ":" : "";
                d.update((m.kind().key() + ":" + m.source() + ":" + m.target() + ":" + owner + content.length + ":")
                        .getBytes(StandardCharsets.UTF_8));
                d.update(content);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
