package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.dockerjava.api.model.Event;
import io.slipway.tck.TestImages;
import io.slipway.wait.ContainerState;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slipway's event subscription on Podman's service (as scripts/podman-engine.sh starts it): a container's exit
 * arrives as an event whose exit code is taken without inspecting. Podman's own event is {@code died} with
 * {@code containerExitCode}; its Docker-compatible endpoint (4.3) sends it as {@code die} with {@code exitCode} too,
 * and the subscription filters on type and labels only, so no action filter depends on the spelling.
 */
class PodmanEventsIT {

    static final String HOST = System.getenv().getOrDefault("SLIPWAY_PODMAN_HOST",
            "unix:///run/slipway-podman/podman.sock");
    static DockerEngine podman;
    /** Why the test cannot run here, or null: it is skipped with it, so the report says why. */
    static String unavailable;

    @BeforeAll
    static void connect() {
        try {
            podman = DockerEngine.connect(HOST, null, null, null, Map.of());
            if (!podman.isPodman()) {
                unavailable = HOST + " answers, but it is not Podman: " + podman.describe();
            }
        } catch (RuntimeException e) {
            unavailable = "no Podman service answers at " + HOST + " (" + DockerEngine.rootMessage(e)
                    + "); scripts/podman-engine.sh starts one, SLIPWAY_PODMAN_HOST names another";
        }
    }

    @BeforeEach
    void podmanAnswers() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void close() {
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void aOneShotsExitIsSeenFromItsEvent() throws Exception {
        String label = UUID.randomUUID().toString();
        String id = podman.calls().createContainerCmd(TestImages.BUSYBOX).withCmd("sh", "-c", "exit 4")
                .withLabels(Map.of("io.slipway.test", label)).exec().getId();
        CompletableFuture<Event> died = new CompletableFuture<>();
        try (EventHub events = new EventHub(podman.streams(), Map.of("io.slipway.test", label));
                EngineProbe probe = new EngineProbe(podman.calls(), id)) {
            assertEquals(ContainerState.Status.CREATED, probe.state().status());
            events.listen(id, e -> {
                probe.observe(e);
                if ("die".equals(e.getAction())) {
                    died.complete(e);
                }
            });
            podman.calls().startContainerCmd(id).exec();
            assertNotNull(died.get(15, TimeUnit.SECONDS));
            podman.calls().removeContainerCmd(id).withForce(true).exec();
            ContainerState s = probe.state();
            assertEquals(ContainerState.Status.EXITED, s.status(), "from the event: the container is gone already");
            assertEquals(4, s.exitCode());
        } finally {
            try {
                podman.calls().removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException gone) {
                // removed above
            }
        }
    }
}
