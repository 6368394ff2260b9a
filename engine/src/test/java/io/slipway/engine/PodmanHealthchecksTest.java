package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Version;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When Slipway runs a Podman healthcheck itself, and how it knows the engine is Podman. */
class PodmanHealthchecksTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");

    private static HealthCheck check(Long intervalNanos) {
        return new HealthCheck().withTest(List.of("CMD", "true")).withInterval(intervalNanos);
    }

    @Test
    void theFirstCheckIsDueAnIntervalAfterTheStart() {
        assertEquals(STARTED.plusSeconds(2), PodmanHealthchecks.due(check(2_000_000_000L), STARTED, null, null));
    }

    @Test
    void withoutAnIntervalDockersDefaultOf30SecondsApplies() {
        assertEquals(STARTED.plusSeconds(30), PodmanHealthchecks.due(check(null), STARTED, null, null));
        assertEquals(STARTED.plusSeconds(30), PodmanHealthchecks.due(check(0L), STARTED, null, null));
    }

    @Test
    void aNewerLogEntryOfTheEngineItselfPutsTheNextCheckOff() {
        Instant engineRan = STARTED.plusSeconds(5);
        assertEquals(engineRan.plusSeconds(2), PodmanHealthchecks.due(check(2_000_000_000L), STARTED, engineRan,
                STARTED.plusSeconds(3)));
    }

    @Test
    void aRunFromHereCountsEvenBeforeItsLogEntryIsSeen() {
        Instant ran = STARTED.plusSeconds(4);
        assertEquals(ran.plusSeconds(2), PodmanHealthchecks.due(check(2_000_000_000L), STARTED, null, ran));
    }

    @Test
    void aContainerNotKnownToHaveStartedIsNeverDue() {
        assertNull(PodmanHealthchecks.due(check(1L), null, null, null));
    }

    @Test
    void noneOrAnEmptyTestIsNoHealthcheck() {
        assertFalse(PodmanHealthchecks.hasCheck(new HealthCheck().withTest(List.of("NONE"))));
        assertFalse(PodmanHealthchecks.hasCheck(new HealthCheck()));
        assertFalse(PodmanHealthchecks.hasCheck(null));
        assertTrue(PodmanHealthchecks.hasCheck(check(1L)));
    }

    @Test
    void podmanIsKnownByItsVersionComponentNotItsTopLevelFields() throws Exception {
        Version podman = new ObjectMapper().readValue("{\"Version\":\"4.3.1\",\"ApiVersion\":\"1.41\",\"Components\":"
                + "[{\"Name\":\"Podman Engine\",\"Version\":\"4.3.1\",\"Details\":{\"APIVersion\":\"4.3.1\"}},"
                + "{\"Name\":\"Conmon\",\"Version\":\"2.1.6\"}]}", Version.class);
        assertEquals("4.3.1", DockerEngine.podman(podman).getDetails().get("APIVersion"));
        Version docker = new ObjectMapper().readValue("{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"Components\":"
                + "[{\"Name\":\"Engine\",\"Version\":\"20.10.24\"},{\"Name\":\"containerd\",\"Version\":\"1.6\"}]}",
                Version.class);
        assertNull(DockerEngine.podman(docker));
        assertNull(DockerEngine.podman(new Version()));
    }
}
