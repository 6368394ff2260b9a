package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentPlan;
import io.slipway.DeploymentPlan.Change;
import io.slipway.PlanAction;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.EngineProbe;
import io.slipway.engine.EngineRuntimes;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.ImagePull;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.ConfigDigests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan of one {@link AtomicApply}, read from what it decides by and changing nothing: no agent is bootstrapped, no
 * image pulled or built, no label command run, no record written. Each service's run command and hash come from
 * {@link LaunchDecision}, which the apply calls too, with the facts read instead of made: the images the engine has
 * (and their atomic labels), the networks' and volumes' names, the secrets' host paths, the services' records and
 * container NAME. What only the agent can tell (a RUN_OPTS_FILE's content, SELinux on the host) is read through an
 * agent that is there, with the engine's archive call, and said in the plan when there is none; what no one can tell
 * ahead (what an INSTALL label does, the labels of an image not pulled yet) is said, not guessed.
 */
final class AtomicPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicPlanner.class);
    /** What stands for an image id the apply would only know after pulling or building. */
    static final String UNKNOWN_IMAGE = "(not yet pulled or built)";

    /**
     * What the plan knows of a service's image.
     *
     * @param id its id, {@link #UNKNOWN_IMAGE} when the apply pulls or builds it first, null when the apply fails it
     * @param labels its atomic labels (those of the present image when it is pulled again)
     * @param first what the apply does to it first (pull, build), or null
     * @param error why the apply fails the service for its image, or null
     */
    private record Image(String id, AtomicLabels labels, String first, String error) {
    }

    private final DockerEngine engine;
    private final DockerClient docker;
    private final AtomicSettings settings;
    private final String deployment;
    private final ResolvedSpec spec;
    private final SecretFiles secretFiles;
    private final Map<String, ServiceOptions> options = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<String, Image> images = new LinkedHashMap<>();
    private final Map<String, ServiceRecord> records = new LinkedHashMap<>();
    private final Map<String, List<Container>> labelled = new LinkedHashMap<>();
    private Map<String, String> networks = Map.of();
    private Map<String, String> volumes = Map.of();
    /** An agent container that is there, to read host files through; null when there is none. */
    private Agent agent;
    /** What the apply does to the agent first, or null when it runs as it should. */
    private String agentStep;

    AtomicPlanner(DockerEngine engine, AtomicSettings settings, String deployment, ResolvedSpec spec,
            SecretFiles secretFiles) {
        this.engine = engine;
        this.docker = engine.calls();
        this.settings = settings;
        this.deployment = deployment;
        this.spec = spec;
        this.secretFiles = secretFiles;
    }

    DeploymentPlan plan() {
        AtomicApply.check(spec, options, environments);
        agentStep = agent();
        List<DeploymentPlan.Build> builds = new ArrayList<>();
        for (ServiceSpec s : spec.services()) {
            Image image = image(s, builds);
            images.put(s.name(), image);
            AtomicApply.checkLabelRun(s, image.labels(), options.get(s.name()));
        }
        List<Change> networkChanges = networks();
        List<Change> volumeChanges = new ArrayList<>();
        volumes = DeploymentVolumes.plan(docker, deployment, spec, volumeChanges);
        ServiceRecord.list(docker, deployment).forEach(r -> records.put(r.service(), r));
        AtomicLauncher.labelled(docker, deployment).forEach(c -> labelled
                .computeIfAbsent(c.getLabels().get(Labels.SERVICE), k -> new ArrayList<>()).add(c));
        List<Change> services = new ArrayList<>();
        for (ServiceSpec s : spec.services()) {
            Change c = service(s);
            services.add(agentStep == null ? c : new Change(c.name(), c.action(), c.changed(),
                    c.reason().isEmpty() ? agentStep : agentStep + "; " + c.reason()));
        }
        Set<String> removed = new TreeSet<>();
        records.keySet().stream().filter(n -> spec.service(n) == null).forEach(removed::add);
        labelled.keySet().stream().filter(n -> n != null && spec.service(n) == null).forEach(removed::add);
        removed.forEach(n -> services.add(new Change(n, PlanAction.REMOVE, List.of(), "no longer in the spec"
                + (records.containsKey(n) ? ": stopped (STOP label), removed, then its image's UNINSTALL label runs"
                : ""))));
        return new DeploymentPlan(deployment, AtomicProvider.NAME, services, networkChanges, volumeChanges,
                secretFiles.plan(deployment, spec), builds, Map.of());
    }

    /**
     * What the apply's bootstrap does to the agent ({@link AgentBootstrap#decide}), in words, or null when it reuses
     * it; keeps an agent that is there for reading host files. The agent image is only inspected, never pulled.
     */
    private String agent() {
        String name = settings.agentName();
        InspectContainerResponse existing = AgentBootstrap.inspect(docker, name);
        String imageId = imageId(settings.agentImage());
        String hash = imageId == null ? "" : new AgentSpec(settings.agentImage(), imageId, name, settings.hostSocket(),
                settings.hostDirs()).hash();
        AgentBootstrap.Step step = AgentBootstrap.decide(existing, name, hash);
        if (existing != null) {
            agent = new Agent(engine, existing.getId(), name, settings.commandTimeout());
        }
        String pulled = imageId == null ? " (its image " + settings.agentImage() + " is pulled first)" : "";
        if (imageId == null && step == AgentBootstrap.Step.REPLACE) {
            // The running agent's image id is compared with the pulled one's only once it is pulled.
            return "agent image " + settings.agentImage() + " is pulled first; agent '" + name + "' is replaced if "
                    + "that changes its config";
        }
        String note = switch (step) {
            case CREATE -> "agent '" + name + "' is created first" + pulled;
            case REPLACE -> "agent '" + name + "' is replaced first: its config changed" + pulled;
            case START -> "agent '" + name + "' is started first";
            case REUSE -> null;
        };
        if (note != null) {
            LOG.info("Plan of '{}': {}", deployment, note);
        }
        return note;
    }

    private String imageId(String image) {
        InspectImageResponse i = inspectImage(image);
        return i == null ? null : i.getId();
    }

    private InspectImageResponse inspectImage(String image) {
        try {
            return docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The service's image as {@link AtomicApply}'s prepare would find it, pulling and building nothing. */
    private Image image(ServiceSpec s, List<DeploymentPlan.Build> builds) {
        String ref = s.imageFor(deployment);
        String noRuntime = options.get(s.name()).run() ? EngineRuntimes.missing(engine, List.of(s)).get(s.name()) : null;
        if (noRuntime != null) {
            return new Image(null, AtomicLabels.NONE, null, noRuntime);
        }
        InspectImageResponse present = inspectImage(ref);
        AtomicLabels labels = present == null || present.getConfig() == null ? AtomicLabels.NONE
                : AtomicLabels.of(present.getConfig().getLabels());
        if (s.build() != null) {
            boolean known = builds.stream().anyMatch(b -> b.image().equals(ref));
            if (known || new ImageBuilder(docker, PullPolicy.MISSING, settings.commandTimeout()).wouldBuild(ref,
                    s.build(), PullPolicy.forService(s, PullPolicy.MISSING), s.pullPolicy() == ImagePull.BUILD)) {
                if (!known) {
                    builds.add(new DeploymentPlan.Build(s.name(), ref));
                }
                return new Image(UNKNOWN_IMAGE, labels, "image " + ref + " is built first", null);
            }
            return new Image(present.getId(), labels, null, null);
        }
        String absent = AtomicApply.absentAndNeverPulled(s, present);
        if (absent != null) {
            return new Image(null, AtomicLabels.NONE, null, absent);
        }
        if (AtomicApply.pulls(s, present)) {
            return new Image(UNKNOWN_IMAGE, labels, "image " + s.image() + " is pulled first" + (present == null
                    ? " by the agent, and its atomic labels (RUN, INSTALL) are read only then" : ""), null);
        }
        return new Image(present.getId(), labels, null, null);
    }

    /**
     * The networks atomic's default run joins ({@link AtomicApply#neededNetworks}): {@code unchanged} when the engine
     * has one of that name, else {@code create}.
     *
     * @throws SlipwayException naming an external network that does not exist (the apply fails every service on it)
     */
    private List<Change> networks() {
        List<Change> out = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (NetworkSpec n : AtomicApply.neededNetworks(spec, options, s -> images.get(s).labels())) {
            String name = DeploymentNetworks.engineName(deployment, n);
            names.put(n.key(), name);
            boolean exists;
            try {
                docker.inspectNetworkCmd().withNetworkId(name).exec();
                exists = true;
            } catch (NotFoundException e) {
                exists = false;
            }
            if (!exists && n.external()) {
                throw new SlipwayException("external network '" + name + "' (networks." + n.key() + ") does not exist; "
                        + "create it first, or drop 'external: true' to let Slipway create it");
            }
            out.add(new Change(n.key(), exists ? PlanAction.UNCHANGED : PlanAction.CREATE, List.of(),
                    (exists ? "" : "as ") + name));
        }
        networks = names;
        return out;
    }

    /** The change of one service, as {@link ServiceLaunch} (or {@link InstallOnly}) would decide it. */
    private Change service(ServiceSpec s) {
        ServiceOptions o = options.get(s.name());
        Image image = images.get(s.name());
        String name = ContainerNames.of(deployment, s);
        ServiceRecord rec = records.get(s.name());
        InspectContainerResponse c = ServiceRemoval.inspect(docker, name);
        if (image.error() != null) {
            return new Change(s.name(), c == null ? PlanAction.CREATE : PlanAction.UNCHANGED, List.of(),
                    "the apply fails it: " + image.error());
        }
        Substitution sub = substitution(s, name, o);
        List<String> reasons = new ArrayList<>();
        if (image.first() != null) {
            reasons.add(image.first());
        }
        try {
            if (!o.run()) {
                return installOnly(s, image, sub, rec, c, reasons);
            }
            if (o.install() && image.labels().install() != null && !installed(s, image, sub, rec)) {
                reasons.add("its INSTALL label runs first (what that does is not known ahead)");
            }
            if (s.replicas() != 1) {
                return replicated(s, o, image, reasons);
            }
            return single(s, o, image, sub, rec, name, c, reasons);
        } catch (IllegalArgumentException e) {
            return new Change(s.name(), c == null ? PlanAction.CREATE : PlanAction.UNCHANGED, List.of(),
                    "the apply fails it: cannot read a label of image '" + s.imageFor(deployment) + "': "
                            + e.getMessage());
        }
    }

    private Substitution substitution(ServiceSpec s, String containerName, ServiceOptions o) {
        return Substitution.forService(containerName, s.imageFor(deployment), o, spec.baseDir().toString(),
                settings.host(), settings.compat2015());
    }

    /** Whether the INSTALL command that would run is the one that ran ({@link ServiceLaunch#install}). */
    private boolean installed(ServiceSpec s, Image image, Substitution sub, ServiceRecord rec) {
        String hash = LaunchDecision.installHash(image.id(), LaunchDecision.installArgv(image.labels(), sub),
                LaunchDecision.labelEnvironment(environments.get(s.name()), sub));
        return rec != null && hash.equals(rec.installed());
    }

    /** An install-only service ({@link InstallOnly}): its INSTALL label, and the removal of a container it ran. */
    private Change installOnly(ServiceSpec s, Image image, Substitution sub, ServiceRecord rec,
            InspectContainerResponse c, List<String> reasons) {
        Map<String, String> labels = c == null || c.getConfig() == null ? null : c.getConfig().getLabels();
        boolean ours = c != null && ((rec != null && rec.runHash() != null)
                || (labels != null && deployment.equals(labels.get(Labels.DEPLOYMENT))));
        if (ours) {
            reasons.add("install only now: container " + c.getName().replaceFirst("^/", "") + " is stopped and removed");
        }
        PlanAction action = ours ? PlanAction.REPLACE : PlanAction.UNCHANGED;
        if (image.labels().install() == null) {
            reasons.add("no INSTALL label: nothing to install");
        } else if (!installed(s, image, sub, rec)) {
            action = rec == null || rec.installed() == null ? PlanAction.CREATE : PlanAction.REPLACE;
            reasons.add("its INSTALL label runs" + (action == PlanAction.REPLACE ? " again: the command changed" : "")
                    + " (what that does is not known ahead)");
        }
        return new Change(s.name(), action, List.of(), String.join("; ", reasons));
    }

    /** The default-run containers of the service by replica number. */
    private Map<Integer, List<Container>> byReplica(ServiceSpec s) {
        Map<Integer, List<Container>> out = new TreeMap<>();
        labelled.getOrDefault(s.name(), List.of()).forEach(c -> out.computeIfAbsent(Labels.replica(c.getLabels()),
                k -> new ArrayList<>()).add(c));
        return out;
    }

    /** How many containers {@link ServiceLaunch}'s scaling removes: those of replicas beyond the count. */
    private static int extra(Map<Integer, List<Container>> byReplica, int count) {
        return byReplica.entrySet().stream().filter(e -> e.getKey() > count || e.getKey() < 1)
                .mapToInt(e -> e.getValue().size()).sum();
    }

    /**
     * Container {@code name} after the apply's scaling: when there is none, the one replica-1 container of another
     * name, which the scaling renames to it.
     */
    private InspectContainerResponse afterScaling(ServiceSpec s, String name, InspectContainerResponse c,
            Map<Integer, List<Container>> byReplica, List<String> reasons) {
        List<Container> one = byReplica.getOrDefault(1, List.of());
        if (c != null || one.size() != 1 || ("/" + name).equals(one.get(0).getNames()[0])) {
            return c;
        }
        reasons.add("container " + one.get(0).getNames()[0].replaceFirst("^/", "") + " is renamed to " + name);
        return ServiceRemoval.inspect(docker, one.get(0).getId());
    }

    /** A service of one container: its RUN label's, or atomic's default run's. */
    private Change single(ServiceSpec s, ServiceOptions o, Image image, Substitution sub, ServiceRecord rec, String name,
            InspectContainerResponse c, List<String> reasons) {
        Map<Integer, List<Container>> byReplica = byReplica(s);
        int extra = extra(byReplica, 1);
        c = afterScaling(s, name, c, byReplica, reasons);
        RunCommand l = image.labels().run() != null ? labelRun(s, image, sub, reasons)
                : defaultRun(s, o, image, sub, name, sub, name, 0, reasons);
        String recorded = rec == null ? null : rec.runHash();
        LaunchDecision.Existing existing = LaunchDecision.Existing.of(c);
        LaunchDecision.Verdict verdict = LaunchDecision.decide(deployment, existing, recorded, l.hash(), image.id());
        if (extra > 0) {
            reasons.add(extra + " replica(s) to remove");
        }
        return switch (verdict) {
            case CREATE -> new Change(s.name(), extra > 0 ? PlanAction.REPLACE : PlanAction.CREATE, List.of(),
                    String.join("; ", reasons));
            case FOREIGN -> new Change(s.name(), PlanAction.UNCHANGED, List.of(), "the apply fails it: container name '"
                    + name + "' is in use by a container deployment '" + deployment + "' does not own");
            case KEEP -> {
                if (LaunchDecision.startAgain(s, EngineProbe.toState(c))) {
                    reasons.add("stopped: started again");
                }
                yield new Change(s.name(), extra > 0 ? PlanAction.REPLACE : PlanAction.UNCHANGED, List.of(),
                        String.join("; ", reasons));
            }
            case REPLACE -> replaced(s, existing, rec, l, reasons);
        };
    }

    /** A replacement, naming the settings whose digest changed (the container's label, else the record's). */
    private Change replaced(ServiceSpec s, LaunchDecision.Existing existing, ServiceRecord rec, RunCommand l,
            List<String> reasons) {
        String before = existing.digests() != null ? existing.digests() : rec == null ? null : rec.runDigests();
        List<String> changed = ConfigDigests.changed(ConfigDigests.decode(before), l.digests());
        if (changed.isEmpty()) {
            reasons.add("config hash changed");
        }
        return new Change(s.name(), PlanAction.REPLACE, changed, String.join("; ", reasons));
    }

    /**
     * The RUN label's command; RUN_OPTS_FILE is read through an agent that is there, and compared as absent (and said
     * so) when there is none.
     */
    private RunCommand labelRun(ServiceSpec s, Image image, Substitution sub, List<String> reasons) {
        String file = LaunchDecision.runOptsFile(image.labels(), sub);
        String content = null;
        if (file != null) {
            try {
                content = agent == null ? null : agent.readHostFile(file);
            } catch (IOException | DockerException e) {
                agent = null;
            }
            if (agent == null) {
                reasons.add("RUN_OPTS_FILE " + file + " is read by the agent, which is not there yet: the plan takes it "
                        + "as absent");
            }
        }
        return LaunchDecision.labelRun(s, image.id(), image.labels(), sub, environments.get(s.name()), file, content);
    }

    /**
     * Atomic's default run's command. SELinux on the host (only an spc service asks) is read through an agent that is
     * there; without one, the answer that gives the container's recorded hash is taken: the host has one answer, which
     * the apply that made the container had.
     */
    private RunCommand defaultRun(ServiceSpec s, ServiceOptions o, Image image, Substitution sub, String containerName,
            Substitution hashed, String hashedName, int replica, List<String> reasons) {
        List<String> sources = secretFiles.sources(deployment, spec, s);
        Map<String, String> env = environments.get(s.name());
        if (!o.spc()) {
            return LaunchDecision.defaultRun(new LaunchDecision.DefaultRunFacts(deployment, spec, s, o, image.id(), env,
                    networks, volumes, sources, false), sub, containerName, hashed, hashedName, replica);
        }
        if (agent != null) {
            boolean selinux = agent.hostHas("/sys/fs/selinux/enforce");
            return LaunchDecision.defaultRun(new LaunchDecision.DefaultRunFacts(deployment, spec, s, o, image.id(), env,
                    networks, volumes, sources, selinux), sub, containerName, hashed, hashedName, replica);
        }
        RunCommand without = LaunchDecision.defaultRun(new LaunchDecision.DefaultRunFacts(deployment, spec, s, o,
                image.id(), env, networks, volumes, sources, false), sub, containerName, hashed, hashedName, replica);
        RunCommand with = LaunchDecision.defaultRun(new LaunchDecision.DefaultRunFacts(deployment, spec, s, o,
                image.id(), env, networks, volumes, sources, true), sub, containerName, hashed, hashedName, replica);
        InspectContainerResponse c = ServiceRemoval.inspect(docker, containerName);
        LaunchDecision.Existing e = LaunchDecision.Existing.of(c);
        ServiceRecord rec = records.get(s.name());
        String had = rec != null && rec.runHash() != null && replica == 0 ? rec.runHash() : e == null ? null : e.hash();
        if (with.hash().equals(had)) {
            return with;
        }
        if (!without.hash().equals(had)) {
            reasons.add("whether the host has SELinux is asked through the agent, which is not there yet");
        }
        return without;
    }

    /** A service of another replica count than 1 ({@link ServiceLaunch}'s replicated): each replica's decision. */
    private Change replicated(ServiceSpec s, ServiceOptions o, Image image, List<String> reasons) {
        Map<Integer, List<Container>> byReplica = byReplica(s);
        int extra = extra(byReplica, s.replicas());
        if (s.replicas() == 0) {
            return new Change(s.name(), extra > 0 ? PlanAction.REMOVE : PlanAction.UNCHANGED, List.of(),
                    extra > 0 ? "scaled to 0" : "");
        }
        String single = deployment + "-" + s.name();
        Substitution hashed = substitution(s, single, o);
        Set<String> changed = new TreeSet<>();
        int created = 0;
        int replaced = 0;
        int kept = 0;
        Set<String> seen = new HashSet<>();
        for (int n = 1; n <= s.replicas(); n++) {
            String containerName = ContainerNames.of(deployment, s, n);
            InspectContainerResponse c = ServiceRemoval.inspect(docker, containerName);
            if (n == 1) {
                c = afterScaling(s, containerName, c, byReplica, reasons);
            }
            RunCommand l = defaultRun(s, o, image, substitution(s, containerName, o), containerName, hashed, single, n,
                    reasons);
            LaunchDecision.Existing existing = LaunchDecision.Existing.of(c);
            switch (LaunchDecision.decide(deployment, existing, null, l.hash(), image.id())) {
                case CREATE -> created++;
                case FOREIGN -> reasons.add("the apply fails replica " + n + ": container name '" + containerName
                        + "' is in use by a container deployment '" + deployment + "' does not own");
                case KEEP -> {
                    kept++;
                    if (LaunchDecision.startAgain(s, EngineProbe.toState(c)) && seen.add("stopped")) {
                        reasons.add("stopped replicas are started again");
                    }
                }
                case REPLACE -> {
                    replaced++;
                    changed.addAll(ConfigDigests.changed(ConfigDigests.decode(existing.digests()), l.digests()));
                }
            }
        }
        if (created == s.replicas() && byReplica.isEmpty()) {
            return new Change(s.name(), PlanAction.CREATE, List.of(), String.join("; ", reasons));
        }
        if (created == 0 && replaced == 0 && extra == 0) {
            return new Change(s.name(), PlanAction.UNCHANGED, List.of(), String.join("; ", reasons));
        }
        if (created > 0) {
            reasons.add(created + " replica(s) to create");
        }
        if (replaced > 0 && changed.isEmpty()) {
            reasons.add("config hash changed");
        }
        if (extra > 0) {
            reasons.add(extra + " replica(s) to remove");
        }
        LOG.debug("Plan of service '{}' of '{}': {} kept, {} replaced, {} created", s.name(), deployment, kept, replaced,
                created);
        return new Change(s.name(), PlanAction.REPLACE, List.copyOf(changed), String.join("; ", reasons));
    }
}
