package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.SlipwayException;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.VolumeMount;
import io.slipway.spec.VolumeSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named volumes a deployment mounts: each is created with its declared driver, options and labels unless it
 * exists (the engine would otherwise make a plain local one on first mount, dropping them). Volumes hold data, so
 * {@code delete} keeps them, as {@code docker compose down} does without {@code -v}; an {@code external} one must
 * exist already.
 */
public final class DeploymentVolumes {

    private DeploymentVolumes() {
    }

    /**
     * Creates each named volume a service of {@code spec} mounts that does not exist yet.
     *
     * @throws SlipwayException naming an external volume that does not exist
     */
    public static synchronized void ensure(DockerClient docker, String deployment, String backend, ResolvedSpec spec) {
        for (VolumeSpec v : spec.volumes().values()) {
            boolean mounted = spec.services().stream().flatMap(s -> s.volumes().stream())
                    .anyMatch(m -> m.type().equals("volume") && v.key().equals(m.source()));
            String name = engineName(v);
            if (!mounted || exists(docker, name)) {
                continue;
            }
            if (v.external()) {
                throw new SlipwayException("external volume '" + name + "' (volumes." + v.key()
                        + ") does not exist; create it first, or drop 'external: true' to let Slipway create it");
            }
            Map<String, String> labels = new LinkedHashMap<>(v.labels());
            labels.put(Labels.DEPLOYMENT, deployment);
            labels.put(Labels.BACKEND, backend);
            CreateVolumeCmd cmd = docker.createVolumeCmd().withName(name).withLabels(labels);
            if (v.driver() != null) {
                cmd.withDriver(v.driver());
            }
            if (!v.driverOpts().isEmpty()) {
                cmd.withDriverOpts(v.driverOpts());
            }
            cmd.exec();
        }
    }

    /** The engine's name of a named volume: its {@code name} when given, else its key. */
    static String engineName(VolumeSpec v) {
        return v.name() != null ? v.name() : v.key();
    }

    /** The engine's name of the volume a mount names ({@link VolumeMount#source()} is its key). */
    public static String engineName(ResolvedSpec spec, String key) {
        VolumeSpec v = spec.volumes().get(key);
        return v == null ? key : engineName(v);
    }

    private static boolean exists(DockerClient docker, String name) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
