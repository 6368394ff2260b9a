package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker-run's replicas: the names across a count moving from and to 1, and a failing replica. */
class ReplicasIT extends EngineTestBase {

    private static final String WEB = "x-slipway:\n  inputs:\n    n: {type: number, default: 1}\nservices:\n  web:\n"
            + "    image: " + io.slipway.tck.TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, \"trap 'exit 0' TERM; sleep 300 & wait\"]\n    scale: ${n}\n";

    private List<String> names(String d) {
        return launcher.status(d).services().stream().map(DeploymentStatus.ServiceStatus::containerName).toList();
    }

    @Test
    void scalingFromAndToOneRenamesReplicaOneAndKeepsIt() {
        String d = deployment();
        LaunchResult one = apply(d, WEB);
        assertEquals(Outcome.SUCCEEDED, one.status(), one.describe());
        assertEquals(d + "-web", one.service("web").containerName());
        assertTrue(one.service("web").replicas().isEmpty(), "one container: no replicas");

        LaunchResult three = apply(d, WEB, Inputs.builder().put("n", 3).build());
        assertEquals(Outcome.SUCCEEDED, three.status(), three.describe());
        assertEquals(List.of(d + "-web-1", d + "-web-2", d + "-web-3"), names(d));
        assertEquals(one.service("web").containerId(), three.service("web").replicas().get(0).containerId(),
                "replica 1 is the container there was, renamed");

        LaunchResult back = apply(d, WEB);
        assertEquals(Outcome.SUCCEEDED, back.status(), back.describe());
        assertEquals(List.of(d + "-web"), names(d));
        assertEquals(one.service("web").containerId(), back.service("web").containerId());
        assertTrue(back.service("web").changed(), "replicas 2 and 3 were removed");

        LaunchResult none = apply(d, WEB, Inputs.builder().put("n", 0).build());
        assertEquals(Outcome.SUCCEEDED, none.status(), none.describe());
        assertEquals(List.of(), names(d));
    }

    @Test
    void aFailingReplicaFailsTheServiceNamingIt() {
        String d = deployment();
        // The first replica to make the directory succeeds, the other fails: which one is up to the engine.
        LaunchResult r = apply(d, "services:\n  task:\n    image: " + io.slipway.tck.TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, \"mkdir /shared/first 2>/dev/null && exit 0; echo second; exit 4\"]\n"
                + "    volumes: [shared:/shared]\n    deploy: {replicas: 2}\n    x-slipway: {oneshot: true}\n"
                + "volumes:\n  shared: {name: " + d + "-shared}\n");
        launcher.delete(d);
        docker().removeVolumeCmd(d + "-shared").exec(); // named volumes outlive a delete, as with docker compose down
        ServiceResult task = r.service("task");
        assertEquals(Outcome.FAILED, task.outcome(), r.describe());
        assertEquals(4, task.exitCode());
        assertEquals(4, r.deployStatusCode());
        ServiceResult failed = task.replicas().stream().filter(x -> !x.succeeded()).findFirst().orElseThrow();
        assertTrue(task.reason().startsWith(failed.name() + ": FAILED (") && task.reason().endsWith("(1 of 2 replicas "
                + "succeeded)"), task.reason());
        assertTrue(task.logs().contains(failed.name() + " | second"), task.logs());
    }
}
