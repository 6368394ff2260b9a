package io.slipway.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.ContainerSwarm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The swarm backend on a two-node swarm ({@link ContainerSwarm}: a manager and a worker engine in privileged
 * containers, made for this class and removed after it), where placement decides which engine runs a task. The
 * test engine's own swarm is not involved.
 */
class MultiNodeSwarmIT {

    static ContainerSwarm swarm;
    static ContainerLauncher launcher;
    final List<String> deployments = new ArrayList<>();

    @BeforeAll
    static void start() {
        Optional<String> unavailable = ContainerSwarm.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "no multi-node swarm on this machine: " + unavailable.orElseThrow());
        swarm = ContainerSwarm.start(1);
        swarm.load(TestImages.busybox()); // tasks run by image id, and nothing can be pulled: every node needs it
        launcher = Launchers.open("swarm:" + swarm.engine(swarm.manager()) + "?monitor=1s");
    }

    @AfterAll
    static void stop() {
        try {
            if (launcher != null) {
                launcher.close();
            }
        } finally {
            if (swarm != null) {
                swarm.close();
            }
        }
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
    }

    String deployment() {
        String name = "mnode-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(name);
        return name;
    }

    LaunchResult apply(String d, String yaml) {
        return launcher.apply(d, LaunchSpec.parse(yaml), Inputs.empty());
    }

    /** The task containers of service {@code <d>_<service>} on {@code node}'s own engine, running or not. */
    static List<Container> tasksOn(String node, String d, String service) {
        DockerClient engine = swarm.client(node);
        return engine.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.swarm.service.name", d + "_" + service)).exec();
    }

    @Test
    void placementConstraintsPutTasksOnTheNamedNode() {
        String worker = swarm.workers().get(0);
        String manager = swarm.manager();
        assertTrue(launcher.describeTool().startsWith("Docker Swarm of 2 nodes"), launcher.describeTool());
        String d = deployment();
        LaunchResult r = apply(d, """
                services:
                  pinned:
                    image: slipway-test/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo started on $$(hostname); sleep 300 & wait"]
                    deploy:
                      replicas: 2
                      placement: {constraints: ["node.hostname == %s"]}
                    x-slipway:
                      wait: {log: started, timeout: 60s}
                  boss:
                    image: slipway-test/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"]
                    deploy:
                      placement: {constraints: [node.role == manager]}
                """.formatted(worker));
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());

        // the worker's own engine runs both replicas, the manager's none
        List<Container> onWorker = tasksOn(worker, d, "pinned");
        assertEquals(2, onWorker.size(), onWorker.toString());
        assertTrue(onWorker.stream().allMatch(c -> "running".equals(c.getState())), onWorker.toString());
        assertEquals(List.of(), tasksOn(manager, d, "pinned"));
        assertEquals(1, tasksOn(manager, d, "boss").size());
        assertEquals(List.of(), tasksOn(worker, d, "boss"));

        // results and status name the worker's containers, and its tasks' logs come through the manager
        ServiceResult pinned = r.service("pinned");
        assertEquals(onWorker.stream().map(Container::getId).sorted().toList(),
                pinned.replicas().stream().map(ServiceResult::containerId).sorted().toList());
        assertTrue(pinned.replicas().stream().allMatch(t -> t.logs().contains("started on")), pinned.describe());
        List<DeploymentStatus.ServiceStatus> status = launcher.status(d).services();
        assertEquals(3, status.size(), status.toString());
        assertEquals(2, status.stream().filter(s -> s.containerName().endsWith("@" + worker)).count(), status.toString());
        assertEquals(1, status.stream().filter(s -> s.containerName().equals(d + "_boss.1@" + manager)).count(),
                status.toString());

        // delete stops the worker's tasks before it returns; the worker's own swarm agent then removes their
        // containers and its copy of the network (Slipway removes finished task containers only on the manager)
        launcher.delete(d);
        assertTrue(tasksOn(worker, d, "pinned").stream().noneMatch(c -> "running".equals(c.getState())));
        awaitGone(worker, d);
    }

    /** Waits (up to 30 s) until {@code node}'s engine has no container and no network of deployment {@code d}. */
    static void awaitGone(String node, String d) {
        DockerClient engine = swarm.client(node);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Container> left = engine.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("com.docker.stack.namespace", d)).exec();
            boolean network = !engine.listNetworksCmd().withNameFilter(d + "_default").exec().isEmpty();
            if (left.isEmpty() && !network) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("30 s after delete, " + node + " still has " + left.size() + " containers"
                        + (network ? " and the network " + d + "_default" : ""));
            }
            sleep(250);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void maxReplicasPerNodeSpreadsTasksOverTheNodes() {
        String d = deployment();
        LaunchResult r = apply(d, """
                services:
                  spread:
                    image: slipway-test/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"]
                    deploy:
                      replicas: 2
                      placement: {max_replicas_per_node: 1}
                """);
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(1, tasksOn(swarm.manager(), d, "spread").size());
        assertEquals(1, tasksOn(swarm.workers().get(0), d, "spread").size());
    }

    @Test
    void healthyWaitsForTasksOnAWorker() {
        String d = deployment();
        LaunchResult r = apply(d, """
                services:
                  checked:
                    image: slipway-test/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1; touch /tmp/ready; sleep 300 & wait"]
                    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30}
                    deploy:
                      placement: {constraints: ["node.hostname == %s"]}
                    x-slipway:
                      wait: {healthy: true, timeout: 60s}
                """.formatted(swarm.workers().get(0)));
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        List<Container> onWorker = tasksOn(swarm.workers().get(0), d, "checked");
        assertEquals(1, onWorker.size(), onWorker.toString());
        assertTrue(onWorker.get(0).getStatus().contains("(healthy)"), onWorker.get(0).getStatus());
    }
}
