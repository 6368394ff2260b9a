package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentPlan;
import io.slipway.DeploymentPlan.Change;
import io.slipway.PlanAction;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerNames;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.engine.EngineOptions.PullPolicy;
import io.slipway.engine.EngineProbe;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.ImageResolver;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.ConfigDigests;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerProbe;
import io.slipway.wait.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan of one {@code apply} of {@link DockerRunApply}, read from the same things it decides by and changing none:
 * the containers' config hash and digests labels, the engine's networks, volumes and images, the private copies of
 * secrets ({@link DeploymentVolumes#plan} and {@link SecretFiles#plan}, beside what the apply calls). Nothing is
 * pulled or built; an image that would be is named, and the containers that run it are replaced.
 */
final class DeploymentPlanner {

    /** What stands for an image id the apply would only know after pulling or building. */
    private static final String UNKNOWN_IMAGE = "(not yet pulled or built)";

    private final DockerClient docker;
    private final String deployment;
    private final String backend;
    private final ResolvedSpec spec;
    private final ImageResolver images;
    private final ImageBuilder builder;
    private final SecretFiles secretFiles;

    DeploymentPlanner(DockerClient docker, String deployment, String backend, ResolvedSpec spec, ImageResolver images,
            ImageBuilder builder, SecretFiles secretFiles) {
        this.docker = docker;
        this.deployment = deployment;
        this.backend = backend;
        this.spec = spec;
        this.images = images;
        this.builder = builder;
        this.secretFiles = secretFiles;
    }

    DeploymentPlan plan() {
        Map<String, List<Container>> existing = DeploymentContainers.byService(docker, deployment, backend);
        List<Change> networks = new ArrayList<>();
        Map<String, String> networkNames = networks(networks);
        List<Change> volumes = new ArrayList<>();
        Map<String, String> volumeNames = DeploymentVolumes.plan(docker, deployment, spec, volumes);
        List<Change> services = new ArrayList<>();
        List<DeploymentPlan.Build> builds = new ArrayList<>();
        Map<String, String> imageIds = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services()) {
            String imageId = imageIds.computeIfAbsent(s.imageFor(deployment) + " " + s.build(), k -> imageId(s, builds));
            services.add(service(s, existing.getOrDefault(s.name(), List.of()), networkNames, volumeNames, imageId));
        }
        existing.keySet().stream().filter(n -> spec.service(n) == null)
                .forEach(n -> services.add(new Change(n, PlanAction.REMOVE, List.of(), "no longer in the spec")));
        return new DeploymentPlan(deployment, backend, services, networks, volumes, secretFiles.plan(deployment, spec),
                builds, Map.of());
    }

    /** The engine names of the networks by key, as {@link DeploymentNetworks#ensure} would make them. */
    private Map<String, String> networks(List<Change> out) {
        Map<String, String> names = new LinkedHashMap<>();
        for (NetworkSpec n : spec.usedNetworks()) {
            String name = DeploymentNetworks.engineName(deployment, n);
            names.put(n.key(), name);
            boolean exists = docker.listNetworksCmd().withNameFilter(name).exec().stream()
                    .anyMatch(x -> name.equals(x.getName()));
            if (!exists && n.external()) {
                throw new SlipwayException("external network '" + name + "' (networks." + n.key()
                        + ") does not exist; create it first, or drop 'external: true' to let Slipway create it");
            }
            out.add(new Change(n.key(), exists ? PlanAction.UNCHANGED : PlanAction.CREATE, List.of(),
                    (exists ? "" : "as ") + name));
        }
        return names;
    }

    /** The id the service's image would have: the present one, or {@link #UNKNOWN_IMAGE} when it is built or pulled. */
    private String imageId(ServiceSpec s, List<DeploymentPlan.Build> builds) {
        String image = s.imageFor(deployment);
        PullPolicy policy = PullPolicy.forService(s, images.policy());
        if (s.build() != null) {
            if (builder.wouldBuild(image, s.build(), policy, s.pullPolicy() == io.slipway.spec.ImagePull.BUILD)) {
                builds.add(new DeploymentPlan.Build(s.name(), image));
                return UNKNOWN_IMAGE;
            }
            return images.localId(image);
        }
        String id = images.localId(image);
        return id == null || policy == PullPolicy.ALWAYS ? UNKNOWN_IMAGE : id;
    }

    /** The change of one service: of each replica, as {@code DockerRunApply.ReplicaTask.createOrReuse} decides it. */
    private Change service(ServiceSpec s, List<Container> mine, Map<String, String> networkNames,
            Map<String, String> volumeNames, String imageId) {
        Map<Integer, List<Container>> byReplica = new TreeMap<>();
        mine.forEach(c -> byReplica.computeIfAbsent(Labels.replica(c.getLabels()), k -> new ArrayList<>()).add(c));
        List<String> sources = secretFiles.sources(deployment, spec, s);
        TreeSet<String> changed = new TreeSet<>();
        List<String> reasons = new ArrayList<>();
        int created = 0;
        int replaced = 0;
        for (int n = 1; n <= s.replicas(); n++) {
            ContainerPlan p = ContainerPlan.of(deployment, spec, s, n, networkNames, volumeNames, imageId, sources);
            List<Container> had = byReplica.getOrDefault(n, List.of());
            if (had.isEmpty()) {
                created++;
            } else if (had.size() > 1) {
                replaced++;
                reasons.add(had.size() + " containers for one replica");
            } else if (!p.hash().equals(had.get(0).getLabels().get(Labels.CONFIG_HASH))) {
                replaced++;
                List<String> names = ConfigDigests.changed(
                        ConfigDigests.decode(had.get(0).getLabels().get(Labels.CONFIG_DIGESTS)), p.digests());
                changed.addAll(names);
                if (names.isEmpty()) {
                    reasons.add("config hash changed");
                }
            } else if (!reusable(s, had.get(0))) {
                replaced++;
                reasons.add(s.oneshot() ? "its last run did not succeed" : "not running");
            } else if (!p.containerName().equals(name(had.get(0)))) {
                replaced++;
                reasons.add("renamed to " + p.containerName() + ", not recreated");
            }
        }
        long extra = byReplica.keySet().stream().filter(n -> n > s.replicas() || n < 1).count();
        if (imageId == UNKNOWN_IMAGE && replaced > 0) {
            reasons.add(0, "image " + s.imageFor(deployment) + (s.build() != null ? " is built first" : " is pulled first"));
        }
        PlanAction action;
        if (mine.isEmpty()) {
            action = s.replicas() == 0 ? PlanAction.UNCHANGED : PlanAction.CREATE;
        } else if (s.replicas() == 0) {
            action = PlanAction.REMOVE;
            reasons.add("scaled to 0");
        } else if (created == 0 && replaced == 0 && extra == 0) {
            action = PlanAction.UNCHANGED;
        } else {
            action = PlanAction.REPLACE;
            if (created > 0) {
                reasons.add(created + " replica(s) to create");
            }
            if (extra > 0) {
                reasons.add(extra + " replica(s) to remove");
            }
        }
        return new Change(s.name(), action, action == PlanAction.REPLACE ? List.copyOf(changed) : List.of(),
                String.join("; ", reasons));
    }

    private static String name(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? null : c.getNames()[0].replaceFirst("^/", "");
    }

    /** Whether the apply would keep the container of unchanged config: running, or a task that ran successfully. */
    private boolean reusable(ServiceSpec s, Container c) {
        if ("running".equals(c.getState())) {
            return true;
        }
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
}
