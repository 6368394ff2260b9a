package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.slipway.DeploymentStatus;
import io.slipway.DeploymentStatus.ServiceStatus;
import io.slipway.engine.Labels;
import io.slipway.tck.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code status} answers running and never-started containers from the list and inspects the rest: its rows must be
 * exactly those of an inspect of every container, in each state a row can show.
 */
class StatusRowsIT extends EngineTestBase {

    private static final long MS = 1_000_000L;

    @Test
    void rowsFromTheListAreTheRowsOfAnInspectOfEach() throws Exception {
        String d = deployment();
        DockerClient docker = docker();
        HealthCheck passes = new HealthCheck().withTest(List.of("CMD", "true")).withInterval(300 * MS).withRetries(1);
        HealthCheck fails = new HealthCheck().withTest(List.of("CMD", "false")).withInterval(300 * MS).withRetries(1);
        HealthCheck notYet = new HealthCheck().withTest(List.of("CMD", "true")).withInterval(600_000 * MS);
        List<String> ids = new ArrayList<>();
        ids.add(make(docker, d, "running", List.of("sleep", "300"), null, null, true));
        ids.add(make(docker, d, "exited-3", List.of("sh", "-c", "exit 3"), null, null, true));
        ids.add(make(docker, d, "healthy", List.of("sleep", "300"), passes, null, true));
        ids.add(make(docker, d, "unhealthy", List.of("sleep", "300"), fails, null, true));
        ids.add(make(docker, d, "starting", List.of("sleep", "300"), notYet, null, true));
        // exits 4 after its healthcheck passed: the list's text has the code, only the inspect the health
        ids.add(make(docker, d, "exited-after-healthy", List.of("sh", "-c", "sleep 2; exit 4"), passes, null, true));
        ids.add(make(docker, d, "restarting", List.of("sh", "-c", "exit 2"), null, RestartPolicy.alwaysRestart(), true));
        ids.add(make(docker, d, "never-started", List.of("sleep", "300"), passes, null, false));
        ids.add(make(docker, d, "paused", List.of("sleep", "300"), null, null, true));
        docker.pauseContainerCmd(ids.get(8)).exec();

        DockerRunLauncher dr = (DockerRunLauncher) launcher;
        Map<String, Predicate<ServiceStatus>> settled = Map.of(
                "exited-3", s -> "exited".equals(s.state()),
                "healthy", s -> "healthy".equals(s.health()),
                "unhealthy", s -> "unhealthy".equals(s.health()),
                "exited-after-healthy", s -> "exited".equals(s.state()),
                "restarting", s -> "restarting".equals(s.state()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        DeploymentStatus listed;
        DeploymentStatus inspected;
        int tries = 0;
        while (true) {
            listed = dr.status(d);
            inspected = dr.status(d, false);
            tries++;
            boolean ready = inspected.services().stream()
                    .allMatch(s -> settled.getOrDefault(s.service(), x -> true).test(s));
            // a restarting container may change between the two reads: read both again until they agree
            if (ready && listed.equals(inspected)) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "after " + tries + " reads, from the list: " + listed
                    + "\ninspected: " + inspected);
            Thread.sleep(200);
        }

        assertEquals(9, listed.services().size());
        assertEquals(List.of(
                row(d, "exited-3", "exited", 3, null),
                row(d, "exited-after-healthy", "exited", 4, "unhealthy"),
                row(d, "healthy", "running", null, "healthy"),
                row(d, "never-started", "created", null, null),
                row(d, "paused", "paused", null, null),
                row(d, "restarting", "restarting", null, null),
                row(d, "running", "running", null, null),
                row(d, "starting", "running", null, "starting"),
                row(d, "unhealthy", "running", null, "unhealthy")),
                listed.services().stream().map(s -> new ServiceStatus(s.service(), null, s.containerName(), s.state(),
                        s.exitCode(), s.health(), s.configHash())).toList());
        assertEquals(List.copyOf(ids).stream().sorted().toList(),
                listed.services().stream().map(ServiceStatus::containerId).sorted().toList());
        // and the list did answer the running and never-started ones (no inspect for them)
        assertEquals(List.of("healthy", "never-started", "running", "starting", "unhealthy"),
                DeploymentContainers.list(docker, d, DockerRunProvider.NAME).stream()
                        .filter(c -> ListedStatus.row(c) != null).map(c -> c.getLabels().get(Labels.SERVICE)).sorted()
                        .toList());
        // the human and JSON forms are made from these rows only, so they are the same too
    }

    private static ServiceStatus row(String d, String service, String state, Integer exitCode, String health) {
        return new ServiceStatus(service, null, d + "-" + service, state, exitCode, health, "hash-" + service);
    }

    /** A container labelled as docker-run labels the deployment's, made (and started when {@code start}) here. */
    private static String make(DockerClient docker, String d, String service, List<String> command, HealthCheck health,
            RestartPolicy restart, boolean start) {
        HostConfig host = HostConfig.newHostConfig();
        if (restart != null) {
            host.withRestartPolicy(restart);
        }
        var create = docker.createContainerCmd(TestImages.BUSYBOX).withName(d + "-" + service).withCmd(command)
                .withHostConfig(host).withLabels(Map.of(Labels.DEPLOYMENT, d, Labels.BACKEND, DockerRunProvider.NAME,
                        Labels.SERVICE, service, Labels.CONFIG_HASH, "hash-" + service));
        if (health != null) {
            create.withHealthcheck(health);
        }
        String id = create.exec().getId();
        if (start) {
            docker.startContainerCmd(id).exec();
        }
        return id;
    }
}
