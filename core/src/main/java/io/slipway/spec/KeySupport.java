package io.slipway.spec;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * @param swarm whether the backend deploys onto a swarm, where the {@link #SWARM_ONLY} keys have their meaning; a
 *        single-engine backend ignores them with a warning, as docker compose does
 */
public record KeySupport(String backend, Map<String, String> unsupported, boolean swarm) {

    private static final Logger LOG = LoggerFactory.getLogger(KeySupport.class);

    /** The {@code deploy} options only a swarm gives a meaning to, as {@link ServiceSpec#keys()} spells them. */
    public static final Set<String> SWARM_ONLY = Stream.concat(
            DeployReader.SWARM_ONLY.stream().map(k -> "deploy." + k),
            DeployReader.SWARM_ONLY_RESTART.stream().map(k -> "deploy.restart_policy." + k))
            .collect(Collectors.toUnmodifiableSet());

    /** Copies {@code unsupported}. */
    public KeySupport {
        unsupported = Map.copyOf(unsupported);
    }

    /** A single-engine backend that refuses {@code unsupported}, each with its reason. */
    public static KeySupport of(String backend, Map<String, String> unsupported) {
        return new KeySupport(backend, unsupported, false);
    }

    /** A swarm backend that refuses {@code unsupported}, each with its reason, and honours {@link #SWARM_ONLY}. */
    public static KeySupport onSwarm(String backend, Map<String, String> unsupported) {
        return new KeySupport(backend, unsupported, true);
    }

    /** Whether the backend honours service key {@code key}. */
    public boolean honours(String key) {
        return !unsupported.containsKey(key);
    }

    /**
     * Fails on the first service key of {@code spec} the backend refuses; on a single engine, warns once per service
     * and {@link #SWARM_ONLY} key that it is ignored.
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
        if (!swarm) {
            for (ServiceSpec s : spec.services()) {
                s.keys().stream().filter(SWARM_ONLY::contains).forEach(key -> LOG.warn("services.{}.{} has a meaning "
                        + "only on a swarm; ignored by the {} backend, as docker compose does", s.name(), key, backend));
            }
        }
    }
}
