package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.slipway.LaunchListener;
import io.slipway.ServiceResult;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.EngineRuntimes;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.DependencyCondition;
import io.slipway.spec.ImagePull;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code apply} of one deployment on atomic: check what the spec asks against what atomic can do, make
 * the agent ready, read each image's labels, uninstall services the spec no longer has, then launch every
 * service on its own thread ({@link ServiceLaunch}), each once its {@code depends_on} conditions hold. The
 * Compose keys of an install-only service ({@code x-slipway.atomic.run: false}) other than its image,
 * environment and depends_on have nothing to apply to and are not checked.
 */
final class AtomicApply {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicApply.class);

    /** What the engine knows of a service's image: its id and labels, or why there is none. */
    record Prepared(String imageId, AtomicLabels labels, String error) {
    }

    final DockerEngine engine;
    final DockerClient docker;
    final AtomicSettings settings;
    final String deployment;
    final ResolvedSpec spec;
    /** Guarded by {@link io.slipway.spi.AbstractLauncher}: it never throws. */
    final LaunchListener listener;
    final ToolLog tool;
    final SecretFiles secretFiles;
    final Map<String, ServiceOptions> options = new LinkedHashMap<>();
    final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    final Map<String, Prepared> prepared = new LinkedHashMap<>();
    /** The images this apply built (or found up to date), by tag: each is built once however many services use it. */
    private final Map<String, String> built = new LinkedHashMap<>();
    final Map<String, ServiceLaunch> launches = new LinkedHashMap<>();
    /** The services' records by service name; read and written by the services' threads. */
    final Map<String, ServiceRecord> records = new ConcurrentHashMap<>();
    Agent agent;
    ContainerWatch watch;
    ServiceRemoval removal;
    /** The engine names of the deployment's networks by key, once made; empty when no service needs one. */
    Map<String, String> networks = Map.of();
    /** The engine names of the deployment's named volumes by key ({@link DeploymentVolumes#ensure}). */
    volatile Map<String, String> volumes = Map.of();
    /** Why the network could not be created, or null. */
    String networkError;
    /** The Compose keys that apply to a service whose image has a RUN label: the label decides the rest. */
    static final List<String> LABEL_RUN_KEYS = List.of("image", "container_name", "command", "environment",
            "env_file", "depends_on");
    private Boolean selinux;

    AtomicApply(DockerEngine engine, AtomicSettings settings, String deployment, ResolvedSpec spec, LaunchListener listener,
            SecretFiles secretFiles) {
        this.engine = engine;
        this.docker = engine.calls();
        this.settings = settings;
        this.deployment = deployment;
        this.spec = spec;
        this.listener = listener;
        this.tool = new ToolLog(spec.variables());
        this.secretFiles = secretFiles;
    }

    /**
     * Runs every service; returns their results in the spec's order.
     *
     * @throws SpecException when a service asks what atomic cannot do (nothing was started then)
     * @throws io.slipway.SlipwayException when the agent cannot be made ready
     */
    List<ServiceResult> run() throws InterruptedException {
        check(spec, options, environments);
        agent = new AgentBootstrap(engine, settings.agentImage(), settings.agentName(), settings.hostSocket(),
                settings.hostDirs(), settings.agentTimeout(), settings.commandTimeout()).ensure();
        checkMacAddresses();
        for (ServiceSpec s : spec.services()) {
            prepared.put(s.name(), prepare(s));
            checkLabelRun(s, prepared.get(s.name()).labels(), options.get(s.name()));
        }
        ServiceRecord.list(docker, deployment).forEach(r -> records.put(r.service(), r));
        removal = new ServiceRemoval(docker, () -> agent, settings, tool);
        removeServicesNotInSpec();
        ensureNetwork();
        volumes = DeploymentVolumes.ensure(docker, deployment, AtomicProvider.NAME, spec);

        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-atomic-" + deployment + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Containers started by RUN labels carry no labels of ours: watch every container's events.
        watch = new ContainerWatch(engine, Map.of(), spec.variables(), listener.logsOfSucceeded());
        try {
            for (ServiceSpec s : spec.services()) {
                launches.put(s.name(), new ServiceLaunch(this, s));
            }
            List<CompletableFuture<ServiceResult>> futures = new ArrayList<>();
            for (ServiceLaunch l : launches.values()) {
                futures.add(CompletableFuture.supplyAsync(l::run, pool));
            }
            List<ServiceResult> results = new ArrayList<>();
            for (CompletableFuture<ServiceResult> f : futures) {
                results.add(f.join());
            }
            return results;
        } finally {
            watch.close();
            pool.shutdownNow();
        }
    }

    /**
     * Reads each service's {@code x-slipway.atomic} and environment into {@code options} and {@code environments}, and
     * refuses what atomic cannot do whatever the images are; the apply and the plan both start with it.
     *
     * @throws SpecException naming the first key atomic cannot honour
     */
    static void check(ResolvedSpec spec, Map<String, ServiceOptions> options, Map<String, Map<String, String>> environments) {
        for (ServiceSpec s : spec.services()) {
            ServiceOptions o = ServiceOptions.of(s);
            options.put(s.name(), o);
            environments.put(s.name(), ServiceEnvironment.of(spec, s));
            if (o.spc()) {
                DefaultRunCommand.checkSpc(s);
            }
            if (!o.run() && s.replicas() != 1) {
                throw replicasRefused(s, "it is install only (x-slipway.atomic.run: false) and runs no container");
            }
        }
        checkInstallOnlyDependencies(spec, options);
    }

    /** One line of a build's output (masked already): to the log and to progress; a failing listener is ignored. */
    private void built(String image, String service, String line) {
        LOG.debug("Build of {} for service '{}': {}", image, service, line);
        try {
            listener.building(service, line);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    /**
     * docker CLI 25 and later set {@code --mac-address} on the network endpoint, which engines take from API 1.44 on:
     * against an older engine the agent's CLI refuses every {@code docker run} with a MAC address (exit 125), after
     * the services before it started. So such a service is refused before anything starts; the CLI is asked only
     * when a service has a {@code mac_address} and the engine is older.
     */
    private void checkMacAddresses() throws InterruptedException {
        ServiceSpec first = spec.services().stream()
                .filter(s -> s.networking().macAddress() != null && options.get(s.name()).run()).findFirst().orElse(null);
        if (first == null || !apiBefore(engine.apiVersion(), 1, 44)) {
            return;
        }
        CommandResult r = agent.run(List.of("docker", "version", "--format", "{{.Client.Version}}"), Map.of());
        String cli = r.stdout().strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\..*").matcher(cli);
        if (r.ok() && m.matches() && Integer.parseInt(m.group(1)) >= 25) {
            throw new SpecException("services." + first.name() + ".mac_address", "not supported by the atomic backend "
                    + "here: the agent's docker CLI " + cli + " sets a MAC address per network, which needs Engine API 1.44 "
                    + "(Docker Engine 25), and this engine speaks " + engine.apiVersion() + "; use an agent image with "
                    + "docker CLI 24 or older, a newer engine, or the docker-run backend");
        }
    }

    private static boolean apiBefore(String version, int major, int minor) {
        String[] v = version.split("\\.");
        int ma = Integer.parseInt(v[0]);
        int mi = v.length > 1 ? Integer.parseInt(v[1]) : 0;
        return ma < major || (ma == major && mi < minor);
    }

    /**
     * The image's id and labels: built through the Engine API when the service has a {@code build} (once per tag in
     * an apply), else as it is; a missing image is pulled by the agent's docker CLI. A service's {@code pull_policy}
     * decides otherwise: {@code always} pulls a present image too, {@code never} fails a missing one, {@code build}
     * builds even an up-to-date image, and {@code daily}, {@code weekly} and {@code every_*} pull a present image whose
     * last pull (the engine's {@code LastTagTime}) is at least that old.
     */
    private Prepared prepare(ServiceSpec s) throws InterruptedException {
        String ref = s.imageFor(deployment);
        // A runtime the engine lacks fails the service before its image is built or pulled, as on docker-run.
        String noRuntime = options.get(s.name()).run() ? EngineRuntimes.missing(engine, List.of(s)).get(s.name()) : null;
        if (noRuntime != null) {
            return new Prepared(null, AtomicLabels.NONE, noRuntime);
        }
        if (s.build() != null && !built.containsKey(ref)) {
            try {
                built.put(ref, new ImageBuilder(docker, PullPolicy.MISSING, settings.commandTimeout()).build(ref, s.build(),
                        ImageBuilder.ownerLabels(deployment, s.name(), AtomicProvider.NAME),
                        line -> built(ref, s.name(), spec.variables().mask(line)),
                        PullPolicy.forService(s, PullPolicy.MISSING), s.pullPolicy() == ImagePull.BUILD));
            } catch (ImageBuilder.BuildException e) {
                return new Prepared(null, AtomicLabels.NONE, e.getMessage());
            }
        }
        InspectImageResponse image = inspectImage(ref);
        if (image == null && s.build() != null) {
            return new Prepared(null, AtomicLabels.NONE, "image '" + ref + "' was built but is gone");
        }
        String absent = absentAndNeverPulled(s, image);
        if (absent != null) {
            return new Prepared(null, AtomicLabels.NONE, absent);
        }
        if (pulls(s, image)) {
            List<String> pull = List.of("docker", "pull", s.image());
            CommandResult r = agent.run(pull, Map.of());
            tool.command(s.name(), "pull", pull, r);
            image = inspectImage(s.image());
            if (image == null || r.exitCode() != 0) {
                return new Prepared(null, AtomicLabels.NONE, "cannot pull image '" + s.image() + "'"
                        + (s.pullPolicy() == null ? "" : " (pull_policy is " + s.pullPolicy().composeValue() + ")")
                        + ": " + LabelArgv.failed("docker pull in the agent", r));
            }
        }
        return new Prepared(image.getId(), AtomicLabels.of(image.getConfig() == null ? null
                : image.getConfig().getLabels()), null);
    }

    /** Why the service fails for its image not being there when its pull policy is {@code never}, else null. */
    static String absentAndNeverPulled(ServiceSpec s, InspectImageResponse image) {
        PullPolicy policy = PullPolicy.forService(s, PullPolicy.MISSING);
        return s.build() == null && image == null && policy == PullPolicy.NEVER ? "image '" + s.image()
                + "' is not present locally and " + PullPolicy.describe(s, policy) : null;
    }

    /**
     * Whether the agent pulls the service's image (one it does not build): it is missing, its pull policy is
     * {@code always}, or its last pull is older than its refresh period.
     */
    static boolean pulls(ServiceSpec s, InspectImageResponse image) {
        if (s.build() != null) {
            return false;
        }
        java.time.Duration refresh = PullPolicy.refreshPeriod(s);
        boolean stale = image != null && refresh != null
                && ImagePull.due(refresh, ImageResolver.lastPulled(image.getRawValues()), java.time.Instant.now());
        return image == null || PullPolicy.forService(s, PullPolicy.MISSING) == PullPolicy.ALWAYS || stale;
    }

    private InspectImageResponse inspectImage(String image) {
        try {
            return docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * An image's RUN label decides how its container runs: Compose keys that would change that cannot be
     * honoured, so they are errors (only image, command, environment, env_file, depends_on and x-slipway apply).
     */
    static void checkLabelRun(ServiceSpec s, AtomicLabels labels, ServiceOptions o) {
        if (labels.run() == null || !o.run()) {
            return;
        }
        if (s.replicas() != 1) {
            throw replicasRefused(s, "image '" + s.image() + "' has a RUN label, which starts the one container NAME");
        }
        List<String> given = new ArrayList<>(s.keys());
        given.removeAll(LABEL_RUN_KEYS);
        if (o.spc()) {
            given.add("x-slipway.atomic.spc");
        }
        if (!given.isEmpty()) {
            throw new SpecException("services." + s.name() + "." + given.get(0), "not possible: image '" + s.image()
                    + "' has a RUN label, which decides how its container runs; with a RUN label only "
                    + String.join(", ", LABEL_RUN_KEYS) + " and x-slipway apply (command is appended to the label's)");
        }
    }

    /** A replica count other than 1 on a service that cannot have one, at the key that set it. */
    private static SpecException replicasRefused(ServiceSpec s, String why) {
        String key = s.keys().contains("scale") ? "scale" : "deploy.replicas";
        return new SpecException("services." + s.name() + "." + key, "not possible: " + s.replicas() + " replicas, but "
                + why + "; replicas run by atomic's default run only (an image without a RUN label)");
    }

    /**
     * An install-only service has no container, so it can never be healthy: waiting for that is an error. The
     * other conditions hold once its INSTALL label succeeded.
     */
    private static void checkInstallOnlyDependencies(ResolvedSpec spec, Map<String, ServiceOptions> options) {
        for (ServiceSpec s : spec.services()) {
            for (Map.Entry<String, DependencyCondition> d : s.dependsOn().entrySet()) {
                if (d.getValue() == DependencyCondition.SERVICE_HEALTHY && !options.get(d.getKey()).run()) {
                    throw new SpecException("services." + s.name() + ".depends_on." + d.getKey(), "not possible: '"
                            + d.getKey() + "' is install only (x-slipway.atomic.run: false) and has no container to be "
                            + "healthy; service_started and service_completed_successfully hold once its INSTALL succeeded");
                }
            }
        }
    }

    /** Uninstalls (STOP, remove, UNINSTALL) every service of the deployment that the spec no longer has. */
    private void removeServicesNotInSpec() throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (ServiceRecord r : List.copyOf(records.values())) {
            if (spec.service(r.service()) == null) {
                LOG.info("Uninstalling service '{}' of deployment '{}': no longer in the spec", r.service(), deployment);
                removal.uninstall(r, failures);
                records.remove(r.service());
                secretFiles.removeService(deployment, r.service());
            }
        }
        for (Container c : labelled()) {
            String service = c.getLabels().get(Labels.SERVICE);
            if (spec.service(service) == null) {
                InspectContainerResponse i = ServiceRemoval.inspect(docker, c.getId());
                secretFiles.removeService(deployment, service);
                if (i != null) {
                    removal.stopAndRemove(service, i, Substitution.forService(c.getNames()[0].replaceFirst("^/", ""),
                            c.getImage(), ServiceOptions.DEFAULTS, spec.baseDir().toString(), settings.host(),
                            settings.compat2015()));
                }
            }
        }
        failures.forEach(f -> tool.note("apply", "warning: " + f));
    }

    /** The containers carrying this deployment's labels as atomic's (those the agent started without a RUN label). */
    List<Container> labelled() {
        return AtomicLauncher.labelled(docker, deployment);
    }

    /** The networks atomic made for {@code deployment}. */
    static List<Network> networks(DockerClient docker, String deployment) {
        return docker.listNetworksCmd().withFilter("label", List.of(Labels.DEPLOYMENT + "=" + deployment,
                Labels.BACKEND + "=" + AtomicProvider.NAME)).exec();
    }

    /**
     * Creates, through the agent, each network a service of atomic's default run joins, with its declared options,
     * unless it exists; an external one must exist.
     */
    private void ensureNetwork() throws InterruptedException {
        List<NetworkSpec> needed = neededNetworks(spec, options, s -> prepared.get(s).labels());
        Map<String, String> names = new LinkedHashMap<>();
        for (NetworkSpec n : needed) {
            String name = DeploymentNetworks.engineName(deployment, n);
            names.put(n.key(), name);
            if (exists(name)) {
                continue;
            }
            if (n.external()) {
                networkError = "external network '" + name + "' (networks." + n.key() + ") does not exist; create it "
                        + "first, or drop 'external: true' to let Slipway create it";
                return;
            }
            List<String> argv = NetworkCommands.create(deployment, n, name);
            CommandResult r = agent.run(argv, Map.of());
            tool.command(deployment, "network", argv, r);
            if (!r.ok() && !r.stderr().contains("already exists")) {
                networkError = LabelArgv.failed("creating network " + name + " in the agent", r);
                return;
            }
        }
        networks = names;
    }

    /**
     * The networks atomic's default run joins: those of the services that run without a RUN label and without spc
     * (which runs in the host's network).
     */
    static List<NetworkSpec> neededNetworks(ResolvedSpec spec, Map<String, ServiceOptions> options,
            java.util.function.Function<String, AtomicLabels> labels) {
        return spec.usedNetworks().stream().filter(n -> spec.services().stream().anyMatch(s ->
                s.networking().networks().containsKey(n.key()) && !options.get(s.name()).spc()
                        && options.get(s.name()).run() && labels.apply(s.name()).run() == null)).toList();
    }

    private boolean exists(String network) {
        try {
            docker.inspectNetworkCmd().withNetworkId(network).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Whether the host has SELinux (so atomic's SPC mount of /sys/fs/selinux can be made); asked once. */
    synchronized boolean selinux() {
        if (selinux == null) {
            try {
                selinux = agent.hostHas("/sys/fs/selinux/enforce");
            } catch (DockerException e) {
                selinux = false;
            }
        }
        return selinux;
    }
}
