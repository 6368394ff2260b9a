package io.slipway.spec;

import io.slipway.wait.WaitCondition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One service of a resolved spec: every value interpolated, every path absolute. Null means "not given"
 * (the image's or the engine's default applies); collections are never null. Keys are grouped by concern
 * ({@link ServiceProcess}, {@link ServiceNetworking}, {@link ServiceResources}, {@link ServiceSecurity}), so a new
 * Compose key is one component of one group. {@link #keys()} says which Compose keys the spec wrote, so a backend
 * can refuse one it cannot honour by name.
 *
 * @param name the service's key under {@code services}
 * @param image the image reference, or null when the service only has a {@code build}: the backend tags what it
 *        builds {@link #imageFor(String) imageFor(deployment)}
 * @param build {@code build}: how the image is made, or null when it is not built
 * @param pullPolicy {@code pull_policy}, or null: the backend's own pull setting applies
 * @param containerName {@code container_name}, or null: the backend names the container
 * @param command the command (Compose's string form split as a shell would, without running one), or null
 * @param entrypoint the entrypoint, or null
 * @param environment variables in declaration order (env_file entries are not merged in: see {@code envFiles})
 * @param envFiles absolute paths of {@code env_file}s, in order (later files win; {@code environment} wins over all);
 *        an optional one ({@code required: false}) that does not exist is left out
 * @param labels labels in declaration order
 * @param dependsOn services this one waits for, with their conditions, in declaration order
 * @param process how the main process runs
 * @param networking networks, ports and name resolution
 * @param volumes mounts, {@code tmpfs} entries included
 * @param secrets {@code secrets}: the top-level secrets granted, each with its absolute target, in the spec's order
 * @param configs {@code configs}: the top-level configs granted, each with its absolute target, in the spec's order
 * @param resources limits
 * @param security privileges and shared namespaces
 * @param restart {@code restart} policy ({@code no}, {@code always}, {@code on-failure[:N]}, {@code unless-stopped}),
 *        or {@code deploy.restart_policy} in that form, or null
 * @param healthcheck the healthcheck, or null (the image's)
 * @param logging {@code logging}, or null
 * @param replicas {@code deploy.replicas} (or {@code scale}): how many containers run the service, 1 when not given
 * @param oneshot {@code x-slipway.oneshot}: a task whose success is its exit
 * @param waitCondition the condition of success ({@code x-slipway.wait}, or the default for a service or one-shot)
 * @param extensions backend-specific maps under the service's {@code x-slipway} (e.g. {@code atomic}), by key,
 *        interpolated but otherwise as written: core checks only that each is a map, the backend reads it
 * @param keys the Compose keys the service wrote (not {@code x-} keys), in the spec's order, then the nested options
 *        some tools lack, dotted: {@code healthcheck.start_interval}, {@code deploy.resources.limits.pids},
 *        {@code volumes.bind.create_host_path} (and the other {@code volumes.bind|volume|tmpfs.*} options)
 */
public record ServiceSpec(String name, String image, BuildSpec build, ImagePull pullPolicy, String containerName, List<String> command,
        List<String> entrypoint, Map<String, String> environment, List<String> envFiles, Map<String, String> labels,
        Map<String, DependencyCondition> dependsOn, ServiceProcess process, ServiceNetworking networking,
        List<VolumeMount> volumes, List<SecretMount> secrets, List<SecretMount> configs, ServiceResources resources, ServiceSecurity security, String restart,
        Healthcheck healthcheck, Logging logging, int replicas, boolean oneshot, WaitCondition waitCondition,
        Map<String, Map<String, Object>> extensions, Set<String> keys) {

    /** The keys a service's {@code x-slipway} may hold for one backend each; any other key is an error. */
    public static final List<String> EXTENSION_KEYS = List.of("atomic");

    /** Copies {@code extensions} (null: none), {@code keys}, {@code secrets} and {@code configs} (null: none). */
    public ServiceSpec {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        configs = configs == null ? List.of() : List.copyOf(configs);
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        keys = keys == null ? Set.of() : Collections.unmodifiableSet(new java.util.LinkedHashSet<>(keys));
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

    /**
     * The image the service runs: {@code image} when given, else the tag a backend gives the image it builds,
     * {@code <deployment>-<service>} in lower case (as {@code docker compose} names it; image names are lower case).
     *
     * @param deployment the deployment's name
     */
    public String imageFor(String deployment) {
        return image != null ? image : (deployment + "-" + name).toLowerCase(Locale.ROOT);
    }

    /** Whether the image the service runs is tagged by Slipway ({@code <deployment>-<service>}), not named by the spec. */
    public boolean defaultTag() {
        return image == null;
    }

    /** Names and image only: the environment may hold secrets. */
    @Override
    public String toString() {
        return "ServiceSpec[name=" + name + ", image=" + image + (build == null ? "" : ", build=" + build.context()) + ", wait=" + waitCondition.describe() + "]";
    }
}
