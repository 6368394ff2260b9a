package io.slipway.dockerrun;

import io.slipway.engine.DockerEngine;
import io.slipway.tck.LauncherParityContract;
import io.slipway.tck.TestImages;
import java.util.List;
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

    /** Podman's Docker-compatible API drops Domainname; Slipway refuses it naming the key. */
    @Override
    protected List<String> refusedProbeKeys() {
        return List.of("domainname");
    }

    @Override
    protected Map<String, String> unsupported() {
        return Map.of(
                "networksIsolateAndAliasesResolve", "Podman has no container links (Slipway refuses links naming the "
                        + "key), and on Podman 4.3's CNI networks an internal network has no DNS (CNI's dnsname "
                        + "is disabled there), so no name resolves on the spec's internal network 'back'",
                "volumeKeysReachTheEngineAndNocopyLeavesAFreshVolumeEmpty", "Podman 4.3 takes size= in a local "
                        + "volume's o option (the spec's 1 MiB tmpfs volume) as a project quota, which this file "
                        + "system lacks: 'volume options size and inodes not supported. Filesystem does not support "
                        + "Project Quota' (Slipway reports it naming volumes.scratch)",
                "aPlanSaysWhatTheApplyRightAfterDoes", "Podman 4.3 reports a one-shot that just exited as "
                        + "'created' for a moment before 'exited' (seen in CI), so the case's two status reads around "
                        + "the plan can differ though nothing changed; the plan itself is checked on Podman by the "
                        + "secret owners case (a plan right after the apply is unchanged)",
                "engineKeysShowInTheContainersInspectData", "Podman 4.3 refuses the spec's service 'keys', which has "
                        + "init: true with pid: host: 'cannot add init binary as PID 1 (PID namespace isn't "
                        + "private)' (Docker runs its init as a child there)");
    }

    /** Podman has no container links: Slipway refuses external_links naming the key (checked once the case runs). */
    @Override
    protected List<String> refusedEngineKeys(String tool) {
        return List.of("probe.external_links");
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
