package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.SlipwayException;
import io.slipway.spec.ProjectNames;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.VolumeMount;
import io.slipway.spec.VolumeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named volumes a deployment mounts: each is created with its declared driver, options and labels unless it
 * exists (the engine would otherwise make a plain local one on first mount, dropping them). A volume is named as the
 * Compose tool names it for the same deployment, {@code <project>_<key>} ({@link ProjectNames#volume}), so two
 * deployments never share a volume by declaring the same key, and the same deployment finds the same volume on every
 * backend; {@code name} and {@code external} keep their meaning. Volumes hold data, so {@code delete} keeps them, as
 * {@code docker compose down} does without {@code -v}; an {@code external} one must exist already.
 *
 * <p>Earlier versions of Slipway named a volume by its bare key: a volume of that name labelled as the deployment's is used
 * as it is (and said so at INFO) rather than an empty new one, so an upgrade loses no data.
 */
public final class DeploymentVolumes {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentVolumes.class);
    /** The label naming the volume's key in the spec. */
    public static final String VOLUME_LABEL = "io.slipway.volume";

    private DeploymentVolumes() {
    }

    /**
     * Creates each named volume a service of {@code spec} mounts that does not exist yet; returns the engine name of
     * every top-level volume by key (the legacy name where the deployment already has its volume under it).
     *
     * @throws SlipwayException naming an external volume that does not exist, or a volume the engine refuses to
     *     create (its key, driver, the names of its driver_opts and the engine's reason)
     */
    public static synchronized Map<String, String> ensure(DockerClient docker, String deployment, String backend,
            ResolvedSpec spec) {
        Map<String, String> names = new LinkedHashMap<>(names(deployment, spec));
        for (VolumeSpec v : spec.volumes().values()) {
            boolean mounted = spec.services().stream().flatMap(s -> s.volumes().stream())
                    .anyMatch(m -> m.type().equals("volume") && v.key().equals(m.source()));
            String name = names.get(v.key());
            if (!mounted || inspect(docker, name) != null) {
                continue;
            }
            if (v.external()) {
                throw new SlipwayException("external volume '" + name + "' (volumes." + v.key()
                        + ") does not exist; create it first, or drop 'external: true' to let Slipway create it");
            }
            if (v.name() == null) {
                String legacy = legacyName(v);
                InspectVolumeResponse old = inspect(docker, legacy);
                String owner = old == null || old.getLabels() == null ? null : old.getLabels().get(Labels.DEPLOYMENT);
                if (deployment.equals(owner)) {
                    LOG.info("Deployment '{}' uses volume '{}' (volumes.{}) under its legacy name: Slipway names it '{}' "
                            + "now, as Compose does; copy its data there and remove it to move to the new name",
                            deployment, legacy, v.key(), name);
                    names.put(v.key(), legacy);
                    continue;
                }
                if (owner != null) {
                    LOG.warn("Volume '{}' belongs to deployment '{}', not '{}': '{}' gets its own volume '{}'",
                            legacy, owner, deployment, deployment, name);
                }
            }
            Map<String, String> labels = new LinkedHashMap<>(v.labels());
            labels.put(Labels.DEPLOYMENT, deployment);
            labels.put(Labels.BACKEND, backend);
            labels.put(VOLUME_LABEL, v.key());
            CreateVolumeCmd cmd = docker.createVolumeCmd().withName(name).withLabels(labels);
            if (v.driver() != null) {
                cmd.withDriver(v.driver());
            }
            if (!v.driverOpts().isEmpty()) {
                cmd.withDriverOpts(v.driverOpts());
            }
            try {
                cmd.exec();
            } catch (DockerException e) {
                // The engine's reason, with the key it is about: Podman 4.3, say, takes a local volume's o=size= as
                // a project quota, which most file systems cannot give. driver_opts are not shown (o may hold a
                // CIFS password).
                throw new SlipwayException("volumes." + v.key() + ": the engine cannot create volume '" + name + "'"
                        + (v.driver() == null ? "" : " with driver " + v.driver())
                        + (v.driverOpts().isEmpty() ? "" : " and driver_opts " + v.driverOpts().keySet())
                        + ": " + DockerEngine.rootMessage(e), e);
            }
            LOG.debug("Created volume {} ({}) for '{}'", name, v.key(), deployment);
        }
        return java.util.Collections.unmodifiableMap(names);
    }

    /**
     * What {@link #ensure} would do, doing nothing: for each named volume a service mounts, {@code unchanged} when it
     * exists (under its name or the deployment's legacy name), else {@code create}; added to {@code out}. Returns the
     * engine name of every top-level volume by key, as {@code ensure} would.
     *
     * @throws SlipwayException naming an external volume that does not exist
     */
    public static Map<String, String> plan(DockerClient docker, String deployment, ResolvedSpec spec,
            java.util.List<io.slipway.DeploymentPlan.Change> out) {
        Map<String, String> names = new LinkedHashMap<>(names(deployment, spec));
        for (VolumeSpec v : spec.volumes().values()) {
            boolean mounted = spec.services().stream().flatMap(s -> s.volumes().stream())
                    .anyMatch(m -> m.type().equals("volume") && v.key().equals(m.source()));
            if (!mounted) {
                continue;
            }
            String name = names.get(v.key());
            if (inspect(docker, name) != null) {
                out.add(new io.slipway.DeploymentPlan.Change(v.key(), io.slipway.PlanAction.UNCHANGED,
                        java.util.List.of(), name));
                continue;
            }
            if (v.external()) {
                throw new SlipwayException("external volume '" + name + "' (volumes." + v.key()
                        + ") does not exist; create it first, or drop 'external: true' to let Slipway create it");
            }
            if (v.name() == null) {
                InspectVolumeResponse old = inspect(docker, legacyName(v));
                if (old != null && old.getLabels() != null && deployment.equals(old.getLabels().get(Labels.DEPLOYMENT))) {
                    names.put(v.key(), legacyName(v));
                    out.add(new io.slipway.DeploymentPlan.Change(v.key(), io.slipway.PlanAction.UNCHANGED,
                            java.util.List.of(), legacyName(v)));
                    continue;
                }
            }
            out.add(new io.slipway.DeploymentPlan.Change(v.key(), io.slipway.PlanAction.CREATE, java.util.List.of(),
                    "as " + name));
        }
        return names;
    }

    /**
     * The engine name of every top-level volume of {@code spec} by key, as Compose names them, without looking at the
     * engine ({@link #ensure} may pick a legacy name instead).
     */
    public static Map<String, String> names(String deployment, ResolvedSpec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        spec.volumes().values().forEach(v -> names.put(v.key(), ProjectNames.volume(deployment, v)));
        return names;
    }

    /** The name Slipway gave a volume before it named them as Compose does: its {@code name}, else its key. */
    public static String legacyName(VolumeSpec v) {
        return v.name() != null ? v.name() : v.key();
    }

    /**
     * The engine's name of the volume a mount names ({@link VolumeMount#source()} is its key): its name in
     * {@code names} (from {@link #ensure}), else as Compose names it for {@code deployment}.
     */
    public static String engineName(Map<String, String> names, String deployment, ResolvedSpec spec, String key) {
        String name = names.get(key);
        if (name != null) {
            return name;
        }
        VolumeSpec v = spec == null ? null : spec.volumes().get(key);
        return v == null ? key : ProjectNames.volume(deployment, v);
    }

    private static InspectVolumeResponse inspect(DockerClient docker, String name) {
        try {
            return docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
