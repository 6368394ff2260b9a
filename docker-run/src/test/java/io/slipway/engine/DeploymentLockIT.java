package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.slipway.ContainerLauncher;
import io.slipway.DeploymentLockedException;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.dockerrun.EngineTestBase;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Holders that died are taken over: a process of this host that is gone, at once; another host's, once its lease
 * expired. (Writers that wait or fail at once are in the parity contract; separate processes in the cli module.)
 *
 * <p>An engine class's test kept with docker-run's tests: it needs test-support's engine and images, and test-support
 * depends on the engine module, so the engine's own tests cannot use it.
 */
class DeploymentLockIT extends EngineTestBase {

    @Test
    void aHolderWhoseProcessIsGoneOrWhoseLeaseExpiredIsTakenOver() throws Exception {
        String d = deployment();
        String[] self = DeploymentLock.self();
        // A process of this host that no longer exists: taken over at once.
        String namespace = self[1].substring(0, self[1].lastIndexOf(':', self[1].lastIndexOf(':') - 1));
        String deadProcess = namespace + ":2147483646:0";
        fakeHolder(d, self[0], deadProcess, null);
        try (DeploymentLock lock = DeploymentLock.acquire(docker(), d, "apply", Duration.ZERO)) {
            assertEquals(1, lockContainers(d).size());
        }
        // Another host: its lease decides.
        String id = fakeHolder(d, "elsewhere/boot/ns", "ns:42:0", System.currentTimeMillis() + 60_000);
        DeploymentLockedException e = assertThrows(DeploymentLockedException.class,
                () -> DeploymentLock.acquire(docker(), d, "apply", Duration.ZERO));
        assertTrue(e.getMessage().contains("locked by apply by pid 42 on host elsewhere since "), e.getMessage());
        docker().removeContainerCmd(id).withForce(true).exec();
        fakeHolder(d, "elsewhere/boot/ns", "ns:42:0", System.currentTimeMillis() - 1);
        try (DeploymentLock lock = DeploymentLock.acquire(docker(), d, "apply", Duration.ZERO)) {
            assertEquals(1, lockContainers(d).size());
        }
        assertEquals(List.of(), lockContainers(d));
    }

    private static List<String> lockContainers(String deployment) {
        return docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DeploymentLock.LOCK_LABEL, deployment)).exec().stream()
                .map(c -> c.getId()).toList();
    }

    /** A lock container as another holder would have left it, with a lease ending at {@code leaseEnd} if given. */
    private static String fakeHolder(String deployment, String host, String process, Long leaseEnd) throws Exception {
        DockerClient docker = docker();
        DeploymentLock.acquire(docker, "t-image", "test", Duration.ZERO).close(); // imports the lock image
        String id = docker.createContainerCmd(DeploymentLock.IMAGE).withName(DeploymentLock.containerName(deployment))
                .withCmd("lock").withLabels(Map.of(DeploymentLock.LOCK_LABEL, deployment, "io.slipway.lock.host", host,
                        "io.slipway.lock.process", process, "io.slipway.lock.since", "2026-01-01T00:00:00Z",
                        "io.slipway.lock.action", "apply")).exec().getId();
        if (leaseEnd != null) {
            docker.copyArchiveToContainerCmd(id).withRemotePath("/").withTarInputStream(new ByteArrayInputStream(
                    DeploymentLock.tar("lease", leaseEnd.toString().getBytes(StandardCharsets.UTF_8)))).exec();
        }
        return id;
    }
}
