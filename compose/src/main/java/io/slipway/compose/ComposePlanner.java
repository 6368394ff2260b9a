package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentPlan;
import io.slipway.DeploymentPlan.Change;
import io.slipway.PlanAction;
import io.slipway.engine.SecretFiles;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.EngineProbe;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.Labels;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ProjectNames;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretGrants;
import io.slipway.spec.SecretMount;
import io.slipway.spec.SecretSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.VolumeSpec;
import io.slipway.spi.ConfigDigests;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The plan of one {@link ComposeApply}, read from what the tool decides by, changing nothing and running no tool: the
 * containers' labels (Slipway's config hash and digests, {@link ComposeDigests}, which the tool's own hash covers) and
 * image ids, the engine's networks, volumes and images, and the copies of supplied secrets in the work dir. As
 * docker-compose v1 does, a service whose dependency is recreated is recreated too.
 */
final class ComposePlanner {

    private final DockerClient docker;
    private final ComposeSettings settings;
    private final String deployment;
    private final ResolvedSpec spec;
    private final ComposeProject project;

    ComposePlanner(DockerClient docker, ComposeSettings settings, String deployment, ResolvedSpec spec) {
        this.docker = docker;
        this.settings = settings;
        this.deployment = deployment;
        this.spec = spec;
        this.project = new ComposeProject(docker, ProjectNames.of(deployment));
    }

    DeploymentPlan plan() {
        Map<String, List<Container>> existing = project.byService();
        List<DeploymentPlan.Build> builds = new ArrayList<>();
        Map<String, Change> changes = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            changes.put(s.name(), service(s, existing.getOrDefault(s.name(), List.of()), builds));
        }
        if (settings.tool().generation() == ComposeTool.Generation.V1) {
            recreateDependants(changes);
        }
        List<Change> services = new ArrayList<>(changes.values());
        existing.keySet().stream().filter(n -> spec.service(n) == null)
                .forEach(n -> services.add(new Change(n, PlanAction.REMOVE, List.of(), "no longer in the spec")));
        return new DeploymentPlan(deployment, ComposeProvider.NAME, services, networks(), volumes(), secrets(), builds,
                Map.of());
    }

    /** docker-compose v1 recreates a service whose dependency it creates or recreates. */
    private void recreateDependants(Map<String, Change> changes) {
        boolean more = true;
        while (more) {
            more = false;
            for (ServiceSpec s : spec.services()) {
                Change c = changes.get(s.name());
                if (c.action() != PlanAction.UNCHANGED) {
                    continue;
                }
                String dep = s.dependsOn().keySet().stream().filter(d -> changes.containsKey(d)
                        && changes.get(d).action() != PlanAction.UNCHANGED).findFirst().orElse(null);
                if (dep != null) {
                    changes.put(s.name(), new Change(s.name(), PlanAction.REPLACE, List.of(),
                            "dependency '" + dep + "' is " + changes.get(dep).action().word() + "d"));
                    more = true;
                }
            }
        }
    }

    private Change service(ServiceSpec s, List<Container> mine, List<DeploymentPlan.Build> builds) {
        String image = s.imageFor(deployment);
        boolean fresh = false;
        if (s.build() != null) {
            PullPolicy policy = PullPolicy.forService(s, settings.pull());
            if (new ImageBuilder(docker, policy, Duration.ZERO).wouldBuild(image, s.build(), policy,
                    s.pullPolicy() == io.slipway.spec.ImagePull.BUILD)) {
                builds.add(new DeploymentPlan.Build(s.name(), image));
                fresh = true;
            }
        } else if (PullPolicy.forService(s, settings.pull()) == PullPolicy.ALWAYS || localId(image) == null) {
            fresh = true;
        }
        if (mine.isEmpty()) {
            return Change.of(s.name(), s.replicas() == 0 ? PlanAction.UNCHANGED : PlanAction.CREATE);
        }
        if (s.replicas() == 0) {
            return new Change(s.name(), PlanAction.REMOVE, List.of(), "scaled to 0");
        }
        Map<String, String> digests = ComposeDigests.of(spec, s);
        String hash = ComposeDigests.hash(digests);
        String imageId = localId(image);
        TreeSet<String> changed = new TreeSet<>();
        List<String> reasons = new ArrayList<>();
        boolean replace = false;
        for (Container c : mine) {
            if (!hash.equals(c.getLabels().get(Labels.CONFIG_HASH))) {
                replace = true;
                List<String> names = ConfigDigests.changed(ConfigDigests.decode(c.getLabels().get(Labels.CONFIG_DIGESTS)),
                        digests);
                changed.addAll(names);
                if (names.isEmpty() && !reasons.contains("config hash changed")) {
                    reasons.add("config hash changed");
                }
            } else if (fresh || imageId == null || !imageId.equals(c.getImageId())) {
                replace = true;
                changed.add("imageId");
            } else if (!"running".equals(c.getState()) && !finishedWell(s, c)) {
                replace = true;
                reasons.add(s.oneshot() ? "its last run did not succeed: run again" : "not running: started again");
            }
        }
        if (fresh && replace) {
            reasons.add(0, "image " + image + (s.build() != null ? " is built first" : " is pulled first"));
        }
        if (mine.size() != s.replicas()) {
            replace = true;
            reasons.add("replicas " + mine.size() + " -> " + s.replicas());
        }
        return replace ? new Change(s.name(), PlanAction.REPLACE, List.copyOf(changed), String.join("; ", reasons))
                : Change.of(s.name(), PlanAction.UNCHANGED);
    }

    /** A one-shot task whose container finished as its condition wants: the apply leaves it ({@link FinishedTasks}). */
    private boolean finishedWell(ServiceSpec s, Container c) {
        if (!s.oneshot()) {
            return false;
        }
        try {
            ContainerState state = EngineProbe.toState(docker.inspectContainerCmd(c.getId()).exec());
            return state.status().isTerminal()
                    && s.waitCondition().check(ContainerProbe.of(state), Duration.ZERO) instanceof Check.Succeeded;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private String localId(String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The networks the tool would create ({@code <project>_<key>}, or their {@code name}) or finds. */
    private List<Change> networks() {
        List<Change> out = new ArrayList<>();
        for (NetworkSpec n : spec.usedNetworks()) {
            String name = n.name() != null ? n.name() : project.name() + "_" + n.key();
            boolean exists = docker.listNetworksCmd().withNameFilter(name).exec().stream()
                    .anyMatch(x -> name.equals(x.getName()));
            out.add(new Change(n.key(), exists ? PlanAction.UNCHANGED : PlanAction.CREATE, List.of(),
                    (exists ? "" : "as ") + name));
        }
        return out;
    }

    /** The named volumes a service mounts, which the tool would create or finds. */
    private List<Change> volumes() {
        List<Change> out = new ArrayList<>();
        for (VolumeSpec v : spec.volumes().values()) {
            boolean mounted = spec.services().stream().flatMap(s -> s.volumes().stream())
                    .anyMatch(m -> m.type().equals("volume") && v.key().equals(m.source()));
            if (!mounted) {
                continue;
            }
            String name = ProjectNames.volume(deployment, v);
            boolean exists;
            try {
                docker.inspectVolumeCmd(name).exec();
                exists = true;
            } catch (NotFoundException e) {
                exists = false;
            }
            out.add(new Change(v.key(), exists ? PlanAction.UNCHANGED : PlanAction.CREATE, List.of(),
                    (exists ? "" : "as ") + name));
        }
        return out;
    }

    /** Each granted secret and config: its copy in the work dir created, rewritten or as it is; a user's file as it is. */
    private List<Change> secrets() {
        Map<String, PlanAction> actions = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            for (SecretMount m : SecretGrants.of(s)) {
                SecretSpec d = spec.declaration(m);
                PlanAction a = d.file() != null ? PlanAction.UNCHANGED
                        : SecretFiles.copyAction(settings.workDir().secretFilePath(deployment, d.kind(), d.key()),
                                spec.content(d));
                actions.putIfAbsent(d.kind().key() + "." + d.key(), a);
            }
        }
        List<Change> out = new ArrayList<>();
        actions.forEach((k, a) -> out.add(Change.of(k, a)));
        return out;
    }
}
