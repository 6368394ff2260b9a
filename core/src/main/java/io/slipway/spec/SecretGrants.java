package io.slipway.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What backends that bind-mount secrets and configs share: the grants of a service, a refusal of what a bind
 * mount cannot honour, and a digest of the contents for config hashes.
 *
 * <pre>{@code
 * SecretGrants.refuseOwnership(resolved, "docker-run");   // before anything starts
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
     * Refuses {@code uid}, {@code gid} and {@code mode} of any grant: a bind-mounted file keeps the owner and mode
     * it has on the host, so they cannot be honoured, and silently ignoring them (as Compose does for file secrets)
     * would leave a container reading a file it expects to be otherwise.
     *
     * @throws SpecException at {@code services.<name>.secrets[i].uid} (or {@code gid}, {@code mode}), naming the backend
     */
    public static void refuseOwnership(ResolvedSpec spec, String backend) {
        for (ServiceSpec s : spec.services()) {
            for (List<SecretMount> list : List.of(s.secrets(), s.configs())) {
                for (int i = 0; i < list.size(); i++) {
                    SecretMount m = list.get(i);
                    String key = m.uid() != null ? "uid" : m.gid() != null ? "gid" : m.mode() != null ? "mode" : null;
                    if (key != null) {
                        throw new SpecException("services." + s.name() + "." + m.kind().key() + "[" + i + "]." + key,
                                "not supported by the " + backend + " backend: the " + m.kind().noun() + " is bind-mounted "
                                + "read-only from a host file, which keeps its owner and mode (a file the spec names keeps "
                                + "its own; Slipway's copy of an input or inline content is 0600, owned by the user running "
                                + "Slipway, readable by a container running as root); remove uid, gid and mode");
                    }
                }
            }
        }
    }

    /**
     * A hex SHA-256 over the targets and contents of the service's grants, so that a config hash over it changes
     * when any of them does, and shows nothing of them. Empty when the service has none.
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
                d.update((m.kind().key() + ":" + m.source() + ":" + m.target() + ":" + content.length + ":")
                        .getBytes(StandardCharsets.UTF_8));
                d.update(content);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
