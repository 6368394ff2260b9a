package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** A running container with a 1 s healthcheck, started at {@link #STARTED}, its health log empty. */
    private static InspectContainerResponse running() throws Exception {
        return new ObjectMapper().readValue("{\"Id\":\"c1\",\"Config\":{\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],"
                + "\"Interval\":1000000000}},\"State\":{\"Running\":true,\"StartedAt\":\"" + STARTED + "\","
                + "\"Health\":{\"Status\":\"starting\",\"Log\":[]}}}", InspectContainerResponse.class);
    }

    /** Podman's API: answers each healthcheck run with {@code status}, counting the runs. */
    private static DockerHttpClient podman(int status, AtomicInteger runs) {
        return new DockerHttpClient() {
            @Override
            public Response execute(Request request) {
                assertEquals("/v4.3.1/libpod/containers/c1/healthcheck", request.path());
                runs.incrementAndGet();
                return new Response() {
                    @Override
                    public int getStatusCode() {
                        return status;
                    }

                    @Override
                    public Map<String, List<String>> getHeaders() {
                        return Map.of();
                    }

                    @Override
                    public InputStream getBody() {
                        return new ByteArrayInputStream(status == 200 ? "{}".getBytes()
                                : "{\"cause\":\"x\",\"message\":\"container c1 has no healthcheck\"}".getBytes());
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aDueCheckRunsOnTheRunnerNotTheCallerAndTellsWhenItIsOver() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<Runnable> queued = new ArrayList<>();
        PodmanHealthchecks checks = new PodmanHealthchecks(podman(200, runs), "4.3.1", queued::add);
        List<PodmanHealthchecks.Attempt> told = new ArrayList<>();
        Instant due = STARTED.plusSeconds(1);

        assertTrue(checks.runIfDue("c1", running(), due, told::add), "due: a run is started");
        assertEquals(0, runs.get(), "the caller's thread did not run it");
        assertFalse(checks.runIfDue("c1", running(), due, told::add), "one run at a time per container");
        assertEquals(1, queued.size());

        queued.get(0).run();
        assertEquals(1, runs.get());
        assertEquals(List.of(new PodmanHealthchecks.Attempt(true, null)), told, "told once the run is over");
        assertFalse(checks.runIfDue("c1", running(), due, told::add), "not due again until an interval after the run");
        assertTrue(checks.runIfDue("c1", running(), Instant.now().plusSeconds(2), told::add),
                "due an interval after the run");
    }

    @Test
    void aRunPodmansApiRefusesIsToldWithPodmansMessage() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PodmanHealthchecks checks = new PodmanHealthchecks(podman(409, runs), "4.3.1", Runnable::run);
        List<PodmanHealthchecks.Attempt> told = new ArrayList<>();
        assertTrue(checks.runIfDue("c1", running(), STARTED.plusSeconds(1), told::add));
        assertEquals(List.of(new PodmanHealthchecks.Attempt(false,
                "Podman's API answered HTTP 409: container c1 has no healthcheck")), told);
    }

    @Test
    void aCheckNotYetDueIsNotStarted() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        PodmanHealthchecks checks = new PodmanHealthchecks(podman(200, new AtomicInteger()), "4.3.1", queued::add);
        assertFalse(checks.runIfDue("c1", running(), STARTED.plusMillis(500), a -> { }));
        assertTrue(queued.isEmpty());
    }
}
