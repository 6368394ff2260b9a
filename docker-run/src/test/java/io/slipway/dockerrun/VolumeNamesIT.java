package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.engine.DeploymentVolumes;
import io.slipway.engine.Labels;
import io.slipway.inputs.Inputs;
import io.slipway.spec.ProjectNames;
import io.slipway.tck.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Named volumes are named as Compose names them ({@code <project>_<key>}); a volume an earlier Slipway made under
 * the bare key for the same deployment keeps being used, so an upgrade loses no data.
 */
class VolumeNamesIT extends EngineTestBase {

    /** A task that prints what the volume holds and writes the token; a service that keeps the volume mounted. */
    private static String spec(String key, String volume) {
        return "x-slipway:\n  inputs:\n    token: {type: string, required: true}\n"
                + "services:\n  keep:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo \"found=$$(cat /data/token 2>/dev/null || echo none)\"; "
                + "echo \"$$TOKEN\" > /data/token']\n"
                + "    environment: {TOKEN: '${token}'}\n    volumes: ['" + key + ":/data']\n    x-slipway: {oneshot: true}\n"
                + "  web:\n    image: " + TestImages.BUSYBOX + "\n    init: true\n    command: [sleep, '300']\n"
                + "    volumes: ['" + key + ":/data']\n"
                + "volumes:\n  " + key + ": " + volume + "\n";
    }

    private static Inputs token(String value) {
        return Inputs.builder().put("token", value).build();
    }

    private static boolean exists(String volume) {
        try {
            docker().inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void remove(String volume) {
        try {
            docker().removeVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
            // never made
        }
    }

    @Test
    void aVolumeOfTheDeploymentUnderItsLegacyNameKeepsBeingUsed() {
        String d = deployment();
        String other = deployment();
        String key = "legacy-" + d;
        // What Slipway made before: the volume named by its key, labelled as the deployment's.
        docker().createVolumeCmd().withName(key)
                .withLabels(Map.of(Labels.DEPLOYMENT, d, Labels.BACKEND, DockerRunProvider.NAME)).exec();
        try {
            // The old name, spelled out: the data goes into the legacy volume.
            LaunchResult old = apply(d, spec(key, "{name: " + key + "}"), token("old-data"));
            assertEquals(Outcome.SUCCEEDED, old.status(), old.describe());
            assertTrue(old.service("keep").logs().contains("found=none"), old.service("keep").logs());

            LaunchResult upgraded = apply(d, spec(key, "{}"), token("new-data"));
            assertEquals(Outcome.SUCCEEDED, upgraded.status(), upgraded.describe());
            assertTrue(upgraded.service("keep").logs().contains("found=old-data"),
                    "the legacy volume is used, not an empty new one: " + upgraded.service("keep").logs());
            assertFalse(exists(ProjectNames.volume(d, key)), "no new volume is made");
            assertEquals(old.service("web").containerId(), upgraded.service("web").containerId(),
                    "a container that mounts the legacy volume is left running");

            // Another deployment with the same key does not take the volume that is not its own.
            LaunchResult second = apply(other, spec(key, "{}"), token("other-data"));
            assertEquals(Outcome.SUCCEEDED, second.status(), second.describe());
            assertTrue(second.service("keep").logs().contains("found=none"), second.service("keep").logs());
            assertTrue(exists(ProjectNames.volume(other, key)));
            var labels = docker().inspectVolumeCmd(ProjectNames.volume(other, key)).exec().getLabels();
            assertEquals(other, labels.get(Labels.DEPLOYMENT));
            assertEquals(key, labels.get(DeploymentVolumes.VOLUME_LABEL));
        } finally {
            for (String dep : List.of(d, other)) {
                launcher.delete(dep);
            }
            List.of(key, ProjectNames.volume(d, key), ProjectNames.volume(other, key)).forEach(VolumeNamesIT::remove);
        }
    }

    @Test
    void aVolumeNotLabelledAsTheDeploymentsIsNotAdopted() {
        String d = deployment();
        String key = "foreign-" + d;
        docker().createVolumeCmd().withName(key).exec(); // someone else's, no labels
        try {
            LaunchResult r = apply(d, spec(key, "{}"), token("mine"));
            assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
            assertTrue(exists(ProjectNames.volume(d, key)));
            String mounted = docker().inspectContainerCmd(r.service("web").containerId()).exec().getMounts().stream()
                    .filter(m -> "/data".equals(m.getDestination().getPath())).findFirst().orElseThrow().getName();
            assertEquals(ProjectNames.volume(d, key), mounted);
        } finally {
            launcher.delete(d);
            List.of(key, ProjectNames.volume(d, key)).forEach(VolumeNamesIT::remove);
        }
    }
}
