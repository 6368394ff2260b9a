package io.slipway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result of a replicated service: one entry per container, summed up under the service's name. */
class ReplicaResultTest {

    private static ServiceResult replica(int n, Outcome outcome, Integer exit, String reason, String logs) {
        return new ServiceResult(ServiceResult.replicaName("web", n), outcome, "id" + n, "d-web-" + n, exit, reason,
                logs, Duration.ofSeconds(n), false);
    }

    @Test
    void allSucceededSumsUpWithoutASingleContainer() {
        ServiceResult web = ServiceResult.ofReplicas("web", List.of(replica(1, Outcome.SUCCEEDED, 0, "exited 0", "a\n"),
                replica(2, Outcome.SUCCEEDED, 0, "exited 0", "b\n")), false);
        assertEquals("web", web.name());
        assertEquals(Outcome.SUCCEEDED, web.outcome());
        assertEquals("all 2 replicas succeeded", web.reason());
        assertNull(web.containerId());
        assertNull(web.containerName());
        assertEquals(0, web.exitCode(), "every replica exited with 0");
        assertEquals("web-1 | a\nweb-2 | b\n", web.logs());
        assertEquals(Duration.ofSeconds(2), web.duration(), "the longest");
        assertFalse(web.changed());
        assertEquals(List.of("web-1", "web-2"), web.replicas().stream().map(ServiceResult::name).toList());
    }

    @Test
    void aFailedReplicaFailsTheServiceAndIsNamed() {
        ServiceResult web = ServiceResult.ofReplicas("web", List.of(replica(1, Outcome.SUCCEEDED, 0, "exited 0", ""),
                replica(2, Outcome.FAILED, 4, "exited with code 4, expected [0]", "boom\n"),
                replica(3, Outcome.TIMED_OUT, null, "not healthy", "")), false);
        assertEquals(Outcome.FAILED, web.outcome());
        assertEquals("web-2: FAILED (exited with code 4, expected [0]); web-3: TIMED_OUT (not healthy) (1 of 3 replicas "
                + "succeeded)", web.reason());
        assertEquals(4, web.exitCode());

        LaunchResult r = LaunchResult.of("d", "test", List.of(web), Map.of());
        assertEquals(4, r.deployStatusCode());
        assertTrue(r.describe().contains("--- web-2 logs ---\nboom"), r.describe());
        assertEquals("web-2 | boom\n", r.deployStdout(), "each replica's lines under its own name");
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) r.toMap().get("services")).get(0);
        assertEquals(3, ((List<?>) entry.get("replicas")).size());
    }

    @Test
    void timedOutWithoutFailures() {
        ServiceResult web = ServiceResult.ofReplicas("web", List.of(replica(1, Outcome.TIMED_OUT, null, "slow", "")), false);
        assertEquals(Outcome.TIMED_OUT, web.outcome());
    }

    @Test
    void zeroReplicasSucceedAndRemovingSomeIsAChange() {
        ServiceResult none = ServiceResult.ofReplicas("web", List.of(), true);
        assertEquals(Outcome.SUCCEEDED, none.outcome());
        assertEquals("0 replicas: no container to run", none.reason());
        assertNull(none.exitCode());
        assertTrue(none.changed(), "containers were removed");
        assertTrue(none.replicas().isEmpty());
    }

    @Test
    void aServiceOfOneContainerHasNoReplicas() {
        ServiceResult one = new ServiceResult("web", Outcome.SUCCEEDED, "id", "d-web", null, "", "", Duration.ZERO, true);
        assertTrue(one.replicas().isEmpty());
        assertFalse(LaunchResult.of("d", "test", List.of(one), Map.of()).toJson().contains("replicas"));
    }

    @Test
    void statusListsReplicasInTheirNumbersOrder() {
        List<DeploymentStatus.ServiceStatus> s = new java.util.ArrayList<>();
        for (String name : List.of("d-web-10", "d-web-2", "d-db", "d-web-1")) {
            s.add(new DeploymentStatus.ServiceStatus(name.startsWith("d-db") ? "db" : "web", "x", name, "running", null,
                    null, "h"));
        }
        s.sort(DeploymentStatus.ServiceStatus.ORDER);
        assertEquals(List.of("d-db", "d-web-1", "d-web-2", "d-web-10"),
                s.stream().map(DeploymentStatus.ServiceStatus::containerName).toList());
    }
}
