package io.slipway.spec;

import io.slipway.wait.WaitCondition;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of a resolved spec: every value interpolated, every path absolute. Null means "not given"
 * (the image's or the engine's default applies); collections are never null.
 *
 * @param name the service's key under {@code services}
 * @param image the image reference
 * @param command the command (Compose's string form split as a shell would, without running one), or null
 * @param entrypoint the entrypoint, or null
 * @param environment variables in declaration order (env_file entries are not merged in: see {@code envFiles})
 * @param envFiles absolute paths of {@code env_file}s, in order (later files win; {@code environment} wins over all)
 * @param ports published ports
 * @param volumes mounts
 * @param networkMode {@code network_mode}, or null
 * @param pid {@code pid}, or null
 * @param privileged {@code privileged}
 * @param user {@code user}, or null
 * @param restart {@code restart} policy ({@code no}, {@code always}, {@code on-failure[:N]}, {@code unless-stopped}), or null
 * @param labels labels in declaration order
 * @param healthcheck the healthcheck, or null (the image's)
 * @param dependsOn services this one waits for, with their conditions, in declaration order
 * @param workingDir {@code working_dir}, or null
 * @param capAdd {@code cap_add}
 * @param capDrop {@code cap_drop}
 * @param hostname {@code hostname}, or null
 * @param extraHosts {@code extra_hosts} as {@code host:ip}
 * @param stopSignal {@code stop_signal}, or null
 * @param stopGracePeriod {@code stop_grace_period}, or null
 * @param oneshot {@code x-slipway.oneshot}: a task whose success is its exit
 * @param waitCondition the condition of success ({@code x-slipway.wait}, or the default for a service or one-shot)
 * @param extensions backend-specific maps under the service's {@code x-slipway} (e.g. {@code atomic}), by key,
 *        interpolated but otherwise as written: core checks only that each is a map, the backend reads it
 */
public record ServiceSpec(String name, String image, List<String> command, List<String> entrypoint,
        Map<String, String> environment, List<String> envFiles, List<PortMapping> ports, List<VolumeMount> volumes,
        String networkMode, String pid, boolean privileged, String user, String restart, Map<String, String> labels,
        Healthcheck healthcheck, Map<String, DependencyCondition> dependsOn, String workingDir, List<String> capAdd,
        List<String> capDrop, String hostname, List<String> extraHosts, String stopSignal, Duration stopGracePeriod,
        boolean oneshot, WaitCondition waitCondition, Map<String, Map<String, Object>> extensions) {

    /** The keys a service's {@code x-slipway} may hold for one backend each; any other key is an error. */
    public static final List<String> EXTENSION_KEYS = List.of("atomic");

    /** Copies {@code extensions} (null: none). */
    public ServiceSpec {
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A service without backend-specific extensions (the constructor before {@code extensions} existed). */
    public ServiceSpec(String name, String image, List<String> command, List<String> entrypoint,
            Map<String, String> environment, List<String> envFiles, List<PortMapping> ports, List<VolumeMount> volumes,
            String networkMode, String pid, boolean privileged, String user, String restart, Map<String, String> labels,
            Healthcheck healthcheck, Map<String, DependencyCondition> dependsOn, String workingDir, List<String> capAdd,
            List<String> capDrop, String hostname, List<String> extraHosts, String stopSignal, Duration stopGracePeriod,
            boolean oneshot, WaitCondition waitCondition) {
        this(name, image, command, entrypoint, environment, envFiles, ports, volumes, networkMode, pid, privileged, user,
                restart, labels, healthcheck, dependsOn, workingDir, capAdd, capDrop, hostname, extraHosts, stopSignal,
                stopGracePeriod, oneshot, waitCondition, Map.of());
    }

    /**
     * The backend-specific map under {@code x-slipway.<key>} of this service, e.g. {@code extension("atomic")}
     * for {@code x-slipway: {atomic: {spc: true}}}: interpolated values as plain maps, lists and scalars, for the
     * backend that owns the key to validate. Empty when the service has none.
     *
     * @param key an extension key, one of {@link #EXTENSION_KEYS}
     */
    public Map<String, Object> extension(String key) {
        return extensions.getOrDefault(key, Map.of());
    }

    /** Names and image only: the environment may hold secrets. */
    @Override
    public String toString() {
        return "ServiceSpec[name=" + name + ", image=" + image + ", wait=" + waitCondition.describe() + "]";
    }
}
