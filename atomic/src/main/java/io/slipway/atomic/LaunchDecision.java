package io.slipway.atomic;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.engine.Labels;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.ShellWords;
import io.slipway.spi.ConfigDigests;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an atomic apply decides a service's container by, worked out from facts alone, so that the apply
 * ({@link ServiceLaunch}, {@link InstallOnly}) and the plan ({@link AtomicPlanner}) call the very same code and cannot
 * drift: the run command and its config hash (RUN label or atomic's default run), the INSTALL command's hash, and
 * whether container NAME is created, kept, replaced or not the deployment's to touch. The facts that take the agent or
 * the engine (a RUN_OPTS_FILE's content, SELinux on the host, the secrets' host paths, the networks' names) are the
 * caller's to supply: the apply makes them, the plan only reads them.
 */
final class LaunchDecision {

    /** What the apply does with a service's container NAME. */
    enum Verdict {
        /** There is none: the run command starts it. */
        CREATE,
        /** It was started by the same command from the same image: it is kept (started again when it stopped). */
        KEEP,
        /** It was started otherwise: it is stopped, removed and started anew. */
        REPLACE,
        /** A container of that name that the deployment does not own: left alone, the service fails. */
        FOREIGN
    }

    /**
     * The facts of a container NAME that the decision reads.
     *
     * @param deployment its {@link Labels#DEPLOYMENT} label, or null (a RUN label's container carries none)
     * @param hash its {@link Labels#CONFIG_HASH} label, or null
     * @param digests its {@link Labels#CONFIG_DIGESTS} label, or null
     * @param imageId the id of the image it runs
     */
    record Existing(String deployment, String hash, String digests, String imageId) {

        /** The facts of {@code c}; null for no container. */
        static Existing of(InspectContainerResponse c) {
            if (c == null) {
                return null;
            }
            Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of()
                    : c.getConfig().getLabels();
            return new Existing(labels.get(Labels.DEPLOYMENT), labels.get(Labels.CONFIG_HASH),
                    labels.get(Labels.CONFIG_DIGESTS), c.getImageId());
        }
    }

    /**
     * The facts of one default run besides the spec: made by the apply, read by the plan.
     *
     * @param deployment the deployment
     * @param spec the resolved spec
     * @param service the service
     * @param options its {@code x-slipway.atomic}
     * @param imageId the id of the image it runs
     * @param env its effective environment ({@link ServiceEnvironment})
     * @param networks the engine name of each network by key; a key without one means the network is missing
     * @param volumes the engine names of the deployment's named volumes by key
     * @param secretSources the host path of each secret and config grant ({@link io.slipway.engine.SecretFiles})
     * @param selinux whether the host has SELinux (only asked for an spc service)
     */
    record DefaultRunFacts(String deployment, ResolvedSpec spec, ServiceSpec service, ServiceOptions options,
            String imageId, Map<String, String> env, Map<String, String> networks, Map<String, String> volumes,
            List<String> secretSources, boolean selinux) {
    }

    private LaunchDecision() {
    }

    /**
     * What the apply does with container NAME: a container the deployment does not own (no run recorded for it and no
     * deployment label of its own) is left alone; one started by the run command of {@code wantedHash} from image
     * {@code imageId} is kept; any other is replaced.
     *
     * @param existing the container NAME, or null when there is none
     * @param recordedHash the run hash the service's record holds (a RUN label's container carries no labels), or null
     *        (always for a replica of a default run, whose labels say it)
     */
    static Verdict decide(String deployment, Existing existing, String recordedHash, String wantedHash, String imageId) {
        if (existing == null) {
            return Verdict.CREATE;
        }
        if (recordedHash == null && !deployment.equals(existing.deployment())) {
            return Verdict.FOREIGN;
        }
        String had = recordedHash != null ? recordedHash : existing.hash();
        return wantedHash.equals(had) && imageId != null && imageId.equals(existing.imageId()) ? Verdict.KEEP
                : Verdict.REPLACE;
    }

    /**
     * Whether a kept container is started again: it is not running, and it is not a one-shot task whose run ended as
     * its wait condition accepts.
     */
    static boolean startAgain(ServiceSpec service, ContainerState state) {
        boolean done = service.oneshot() && state.status().isTerminal()
                && service.waitCondition().check(ContainerProbe.of(state), Duration.ZERO) instanceof Check.Succeeded;
        return state.status() != ContainerState.Status.RUNNING && !done;
    }

    /** A label command's environment: the service's, then atomic's variables over it (atomic's cmd_env). */
    static Map<String, String> labelEnvironment(Map<String, String> serviceEnv, Substitution sub) {
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        env.putAll(sub.environment());
        return env;
    }

    /** The INSTALL label's argv with {@code sub}'s variables. */
    static List<String> installArgv(AtomicLabels labels, Substitution sub) {
        return LabelArgv.of(sub, labels.install());
    }

    /**
     * The hash of the INSTALL command: it runs again when this differs from the one recorded ({@link
     * ServiceRecord#installed()}), as atomic runs it again for a new image.
     */
    static String installHash(String imageId, List<String> argv, Map<String, String> env) {
        return Hashes.of("install", imageId, argv, env);
    }

    /**
     * The host path of the image's RUN_OPTS_FILE with {@code sub}'s variables, or null when it has none.
     *
     * @throws IllegalArgumentException when the path is not absolute
     */
    static String runOptsFile(AtomicLabels labels, Substitution sub) {
        if (labels.runOptsFile() == null) {
            return null;
        }
        String file = sub.substitute(labels.runOptsFile().strip());
        if (!file.startsWith("/")) {
            throw new IllegalArgumentException("RUN_OPTS_FILE '" + file + "' is not an absolute path");
        }
        return file;
    }

    /**
     * The RUN label, with {@code $RUN_OPTS} from the content of RUN_OPTS_FILE, and the service's command appended as it
     * is.
     *
     * @param runOpts the content of {@code runOptsFile}, or null when there is no such file
     * @throws IllegalArgumentException when the label or the file's content is not well quoted
     */
    static RunCommand labelRun(ServiceSpec service, String imageId, AtomicLabels labels, Substitution sub,
            Map<String, String> serviceEnv, String runOptsFile, String runOpts) {
        Substitution s = sub;
        if (runOpts != null) {
            List<String> words;
            try {
                words = ShellWords.split(runOpts);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("RUN_OPTS_FILE " + runOptsFile + ": " + e.getMessage(), e);
            }
            s = sub.with("RUN_OPTS", new Substitution.Value(runOpts.strip(), words));
        }
        List<String> argv = new ArrayList<>(LabelArgv.of(s, labels.run()));
        if (service.command() != null) {
            argv.addAll(service.command());
        }
        Map<String, String> env = labelEnvironment(serviceEnv, s);
        Map<String, Object> settings = ConfigDigests.settings(service, serviceEnv);
        settings.put("imageId", imageId);
        if (runOpts != null) {
            settings.put("runOpts", runOpts.strip());
        }
        return new RunCommand(true, argv, env, Hashes.of("run-label", imageId, argv, env), ConfigDigests.of(settings),
                List.of());
    }

    /**
     * Atomic's default run with the Compose definition, of container {@code containerName} (NAME of {@code sub}); null
     * when one of the networks it joins is missing. The hash is that of the same run as the service's only container
     * ({@code hashed}, named {@code hashedName}, without a replica label), so that a new replica count keeps the
     * containers there are: replicas differ only in name and that label.
     *
     * @param replica the replica number (from 1) of a service whose count is not 1, else 0
     */
    static RunCommand defaultRun(DefaultRunFacts f, Substitution sub, String containerName, Substitution hashed,
            String hashedName, int replica) {
        ServiceSpec service = f.service();
        Map<String, String> networks = new LinkedHashMap<>();
        if (!f.options().spc()) {
            for (String key : service.networking().networks().keySet()) {
                if (f.networks().get(key) == null) {
                    return null;
                }
                networks.put(key, f.networks().get(key));
            }
        }
        Map<String, String> env = f.env();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.DEPLOYMENT, f.deployment());
        labels.put(Labels.SERVICE, service.name());
        labels.put(Labels.BACKEND, AtomicProvider.NAME);
        boolean spc = f.options().spc();
        boolean selinux = spc && f.selinux();
        List<List<String>> connects = DefaultRunCommand.connects(f.deployment(), f.spec(), service, networks,
                containerName);
        List<String> plain = new ArrayList<>(DefaultRunCommand.argv(service, hashed, spc, selinux,
                DefaultRunCommand.serviceOptions(f.deployment(), f.spec(), service, networks, f.volumes(), env.keySet(),
                        labels, f.secretSources())));
        DefaultRunCommand.connects(f.deployment(), f.spec(), service, networks, hashedName).forEach(plain::addAll);
        String digest = SecretGrants.digest(f.spec(), service);
        // Only a service with secrets or configs hashes their digest: other services keep the hash they had.
        String hash = digest.isEmpty() ? Hashes.of("run-default", f.imageId(), plain, env)
                : Hashes.of("run-default", f.imageId(), plain, env, digest);
        Map<String, String> digests = defaultRunDigests(f, networks, digest);
        // Neither label enters the hash: it is over the command without them.
        labels.put(Labels.CONFIG_HASH, hash);
        labels.put(Labels.CONFIG_DIGESTS, ConfigDigests.encode(digests));
        if (replica > 0) {
            labels.put(Labels.REPLICA, Integer.toString(replica));
        }
        List<String> argv = DefaultRunCommand.argv(service, sub, spc, selinux, DefaultRunCommand.serviceOptions(
                f.deployment(), f.spec(), service, networks, f.volumes(), env.keySet(), labels, f.secretSources()));
        return new RunCommand(false, argv, env, hash, digests, connects);
    }

    /** The settings of a default run: the spec's, the image's id, the networks' and volumes' names, the secrets. */
    private static Map<String, String> defaultRunDigests(DefaultRunFacts f, Map<String, String> networks,
            String secretDigest) {
        Map<String, Object> settings = ConfigDigests.settings(f.service(), f.env());
        settings.put("imageId", f.imageId());
        settings.put("networks", networks);
        Map<String, String> volumes = new LinkedHashMap<>();
        f.service().volumes().stream().filter(v -> v.type().equals("volume") && v.source() != null).forEach(v ->
                volumes.put(v.source(), io.slipway.engine.DeploymentVolumes.engineName(f.volumes(), f.deployment(),
                        f.spec(), v.source())));
        if (!volumes.isEmpty()) {
            settings.put("volumeNames", volumes);
        }
        if (!f.secretSources().isEmpty()) {
            settings.put("secretSources", f.secretSources() + " " + secretDigest);
        }
        if (f.options().spc()) {
            settings.put("selinux", f.selinux());
        }
        return ConfigDigests.of(settings);
    }
}
