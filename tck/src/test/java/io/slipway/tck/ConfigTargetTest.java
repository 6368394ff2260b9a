package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How the parity contract reads and replaces the engine address in a backend's config string. */
class ConfigTargetTest {

    @Test
    void aTargetIsAddedOrReplacedAndTheOptionsKept() {
        assertEquals("docker-run:tcp://127.0.0.1:9", LauncherParityContract.withTarget("docker-run", "tcp://127.0.0.1:9"));
        assertEquals("swarm:tcp://127.0.0.1:9?monitor=1s",
                LauncherParityContract.withTarget("swarm?monitor=1s", "tcp://127.0.0.1:9"));
        assertEquals("docker-run:tcp://127.0.0.1:9?stop-timeout=0s", LauncherParityContract.withTarget(
                "docker-run:unix:///run/slipway-podman/podman.sock?stop-timeout=0s", "tcp://127.0.0.1:9"));
    }

    @Test
    void theTargetIsWhatFollowsTheBackendsNameUpToTheOptions() {
        assertEquals("unix:///run/slipway-podman/podman.sock",
                LauncherParityContract.target("docker-run:unix:///run/slipway-podman/podman.sock?stop-timeout=0s"));
        assertNull(LauncherParityContract.target("compose"));
        assertNull(LauncherParityContract.target("atomic?agent-image=a:1&privileged-agent=true"));
    }
}
