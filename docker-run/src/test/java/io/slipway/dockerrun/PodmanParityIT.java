package io.slipway.dockerrun;

import io.slipway.engine.DockerEngine;
import io.slipway.tck.LauncherParityContract;
import io.slipway.tck.TestImages;
import java.util.Map;

/**
 * The whole parity contract with docker-run against Podman's Docker-compatible service, as
 * {@code scripts/podman-engine.sh} starts it ({@link PodmanIT#HOST}). The contract's own checks talk to the same
 * socket ({@link #engineHost()} is the config's target). Skipped, naming the address and the error, when no Podman
 * service answers.
 */
class PodmanParityIT extends LauncherParityContract {

    @Override
    protected String config() {
        return "docker-run:" + PodmanIT.HOST + "?stop-timeout=0s";
    }

    @Override
    protected String unavailable() {
        DockerEngine podman;
        try {
            podman = DockerEngine.connect(PodmanIT.HOST, null, null, null, Map.of());
        } catch (RuntimeException e) {
            return "no Podman service answers at " + PodmanIT.HOST + " (" + DockerEngine.rootMessage(e)
                    + "); scripts/podman-engine.sh starts one, SLIPWAY_PODMAN_HOST names another";
        }
        try (podman) {
            if (!podman.isPodman()) {
                return PodmanIT.HOST + " answers, but it is not Podman: " + podman.describe();
            }
            try {
                podman.calls().inspectImageCmd(TestImages.BUSYBOX).exec();
            } catch (RuntimeException e) {
                return "Podman at " + PodmanIT.HOST + " lacks " + TestImages.BUSYBOX + " ("
                        + DockerEngine.rootMessage(e) + "); scripts/podman-engine.sh imports it";
            }
            return null;
        }
    }
}
