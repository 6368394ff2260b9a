package io.slipway.spec;

import java.util.Map;

/**
 * What a backend cannot honour of the Compose keys Slipway reads, with why: {@link #check} refuses a spec that
 * uses one, naming the key, the backend and the reason, before anything starts, so no key is silently dropped.
 *
 * <pre>{@code
 * KeySupport ATOMIC = KeySupport.of("atomic", Map.of("runtime", "the agent's CLI ..."));
 * ATOMIC.check(resolved);   // SpecException at services.web.runtime: not supported by the atomic backend: ...
 * }</pre>
 *
 * @param backend the backend's name, for messages
 * @param unsupported service keys (as written in a service, e.g. {@code runtime}, or a nested option as
 *        {@link ServiceSpec#keys()} spells it, e.g. {@code healthcheck.start_interval} or {@code volumes.bind.selinux})
 *        the backend refuses, each with the reason
 */
public record KeySupport(String backend, Map<String, String> unsupported) {

    /** Copies {@code unsupported}. */
    public KeySupport {
        unsupported = Map.copyOf(unsupported);
    }

    /** A backend that refuses {@code unsupported}, each with its reason. */
    public static KeySupport of(String backend, Map<String, String> unsupported) {
        return new KeySupport(backend, unsupported);
    }

    /** Whether the backend honours service key {@code key}. */
    public boolean honours(String key) {
        return !unsupported.containsKey(key);
    }

    /**
     * Fails on the first service key of {@code spec} the backend refuses.
     *
     * @throws SpecException at {@code services.<name>.<key>}, naming the backend and why
     */
    public void check(ResolvedSpec spec) {
        for (ServiceSpec s : spec.services()) {
            for (String key : s.keys()) {
                String why = unsupported.get(key);
                if (why != null) {
                    throw new SpecException("services." + s.name() + "." + key,
                            "not supported by the " + backend + " backend: " + why);
                }
            }
        }
    }
}
