package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.spec.ProjectNames;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idempotency, replacement, removal, status, ordering and tool failures, with the real docker-compose. */
class ComposeLifecycleIT extends ComposeEngineTestBase {

    private static final String IMG = TestImages.BUSYBOX;

    private static String threeServices(String webCommand) {
        return "services:\n"
                + "  web:\n    image: " + IMG + "\n    command: " + webCommand + "\n"
                + "  worker:\n    image: " + IMG + "\n    command: [sleep, '300']\n"
                + "  task:\n    image: " + IMG + "\n    command: [sh, -c, 'echo task ran']\n"
                + "    x-slipway: {oneshot: true}\n";
    }

    private static String startedAt(String containerId) {
        return docker().inspectContainerCmd(containerId).exec().getState().getStartedAt();
    }

    @Test
    void reapplyRecreatesNothingAndAChangedServiceIsReplacedAlone() {
        String d = deployment();
        LaunchResult first = apply(d, threeServices("[sleep, '301']"));
        assertTrue(first.succeeded(), first.describe());
        assertTrue(first.services().stream().allMatch(ServiceResult::changed), first.toJson());
        String taskStart = startedAt(first.service("task").containerId());

        LaunchResult again = apply(d, threeServices("[sleep, '301']"));
        assertTrue(again.succeeded(), again.describe());
        for (String s : new String[] {"web", "worker", "task"}) {
            assertEquals(first.service(s).containerId(), again.service(s).containerId(), s + " was recreated");
            assertFalse(again.service(s).changed(), s);
        }
        assertEquals(taskStart, startedAt(again.service("task").containerId()), "the finished task ran again");
        assertEquals(1, again.service("task").logs().split("task ran", -1).length - 1, again.service("task").logs());

        LaunchResult changed = apply(d, threeServices("[sleep, '302']"));
        assertTrue(changed.succeeded(), changed.describe());
        assertNotEquals(first.service("web").containerId(), changed.service("web").containerId());
        assertTrue(changed.service("web").changed());
        assertEquals(first.service("worker").containerId(), changed.service("worker").containerId());
        assertFalse(changed.service("worker").changed());
        assertEquals(first.service("task").containerId(), changed.service("task").containerId());
        assertEquals(3, launcher.status(d).services().size());
    }

    @Test
    void aServiceRemovedFromTheSpecIsRemovedAndDeleteLeavesNothing() {
        String d = deployment();
        assertTrue(apply(d, threeServices("[sleep, '300']")).succeeded());
        LaunchResult shrunk = apply(d, "services:\n  web:\n    image: " + IMG + "\n    command: [sleep, '300']\n");
        assertTrue(shrunk.succeeded(), shrunk.describe());
        DeploymentStatus st = launcher.status(d);
        assertEquals(1, st.services().size(), st.toString());
        assertEquals("web", st.services().get(0).service());
        assertEquals("running", st.services().get(0).state());

        String other = deployment();
        assertTrue(apply(other, threeServices("[sleep, '300']")).succeeded());
        assertTrue(Files.isDirectory(work.resolve(d)));
        assertEquals(1, launcher.delete(d));
        assertFalse(launcher.status(d).exists());
        assertTrue(projectContainers(d).isEmpty(), "containers left behind");
        assertEquals(0, projectNetworks(d), "network left behind");
        assertFalse(Files.exists(work.resolve(d)), "work files left behind");
        assertEquals(3, launcher.status(other).services().size(), "delete touched another deployment");
        assertEquals(0, launcher.delete(d), "deleting again finds nothing");
    }

    @Test
    void statusReadsStateHealthExitCodeAndConfigHashFromLabels() {
        String d = deployment();
        LaunchResult r = apply(d, "services:\n"
                + "  db:\n    image: " + IMG + "\n    command: [sh, -c, 'touch /tmp/ready; exec sleep 300']\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/ready], interval: 200ms, retries: 50}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 30s}}\n"
                + "  task:\n    image: " + IMG + "\n    command: [sh, -c, 'exit 3']\n"
                + "    x-slipway: {oneshot: true, wait: {exited: [3]}}\n");
        assertTrue(r.succeeded(), r.describe());
        DeploymentStatus st = launcher.status(d);
        assertEquals("compose", st.backend());
        DeploymentStatus.ServiceStatus db = st.services().get(0);
        DeploymentStatus.ServiceStatus task = st.services().get(1);
        assertEquals("db", db.service());
        assertEquals("running", db.state());
        assertEquals("healthy", db.health());
        assertTrue(db.configHash().matches("[0-9a-f]{64}"), db.configHash());
        assertEquals(r.service("db").containerId(), db.containerId());
        assertEquals(r.service("db").containerName(), db.containerName());
        assertEquals("exited", task.state());
        assertEquals(3, task.exitCode());
        InspectContainerResponse c = docker().inspectContainerCmd(db.containerId()).exec();
        assertEquals(Map.of("io.slipway.deployment", d, "io.slipway.service", "db", "io.slipway.backend", "compose"),
                Map.of("io.slipway.deployment", c.getConfig().getLabels().get("io.slipway.deployment"),
                        "io.slipway.service", c.getConfig().getLabels().get("io.slipway.service"),
                        "io.slipway.backend", c.getConfig().getLabels().get("io.slipway.backend")));
    }

    @Test
    void composeItselfHonoursDependsOnConditions() {
        String d = deployment();
        LaunchResult r = apply(d, "services:\n"
                + "  app:\n    image: " + IMG + "\n    command: [sleep, '300']\n"
                + "    depends_on:\n      db: {condition: service_healthy}\n"
                + "      migrate: {condition: service_completed_successfully}\n"
                + "  db:\n    image: " + IMG + "\n    command: [sh, -c, 'sleep 1.5; touch /tmp/ready; exec sleep 300']\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/ready], interval: 200ms, retries: 50}\n"
                + "  migrate:\n    image: " + IMG + "\n    command: [sh, -c, 'sleep 0.5; echo migrated']\n"
                + "    depends_on: [db]\n    x-slipway: {oneshot: true}\n");
        assertTrue(r.succeeded(), r.describe());
        Instant db = Instant.parse(startedAt(r.service("db").containerId()));
        Instant migrateEnd = Instant.parse(docker().inspectContainerCmd(r.service("migrate").containerId()).exec()
                .getState().getFinishedAt());
        Instant app = Instant.parse(startedAt(r.service("app").containerId()));
        assertTrue(app.isAfter(db.plusMillis(1500)), "app started before db was healthy: " + db + " " + app);
        assertTrue(app.isAfter(migrateEnd), "app started before migrate completed: " + migrateEnd + " " + app);
    }

    @Test
    void aToolFailureFailsTheDeploymentWithTheToolsErrorsAndReportsWhatExists() {
        String d = deployment();
        LaunchResult r = apply(d, "services:\n"
                + "  broken:\n    image: " + IMG + "\n    command: [sh, -c, 'echo cannot migrate >&2; exit 3']\n"
                + "    x-slipway: {oneshot: true}\n"
                + "  app:\n    image: " + IMG + "\n    command: [sleep, '300']\n"
                + "    depends_on:\n      broken: {condition: service_completed_successfully}\n"
                + "  db:\n    image: " + IMG + "\n    command: [sleep, '300']\n");
        assertEquals(Outcome.FAILED, r.status(), r.describe());
        ServiceResult broken = r.service("broken");
        assertEquals(3, broken.exitCode());
        assertTrue(broken.reason().contains("code 3"), broken.reason());
        assertTrue(broken.logs().contains("cannot migrate"), broken.logs());
        ServiceResult app = r.service("app");
        assertEquals(Outcome.FAILED, app.outcome());
        assertTrue(app.reason().startsWith("not started: docker-compose up exited with code 1: ERROR:"), app.reason());
        ServiceResult db = r.service("db");
        assertEquals(Outcome.FAILED, db.outcome(), "the deployment failed, whatever db does");
        assertNotNull(db.containerId());
        assertTrue(db.reason().contains("; but docker-compose up exited with code 1"), db.reason());
        assertTrue(r.toolErrors().contains("ERROR"), r.toolErrors());
        assertTrue(r.deployStderr().contains("ERROR"), r.deployStderr());
        assertEquals(3, r.deployStatusCode());
    }

    @Test
    void onFailureRemoveRemovesTheContainersNetworksAndVolumesOfFailedServices() {
        String d = deployment();
        try (ComposeLauncher removing = open("compose?on-failure=remove&stop-timeout=0s&work-dir=" + work,
                System.getenv())) {
            LaunchResult r = removing.apply(d, io.slipway.spec.LaunchSpec.parse("services:\n"
                    + "  bad:\n    image: " + IMG + "\n    command: [sh, -c, 'echo bye; exit 4']\n"
                    + "    networks: [extra]\n    volumes: ['scratch:/s']\n    x-slipway: {oneshot: true}\n"
                    + "  good:\n    image: " + IMG + "\n    init: true\n    command: [sleep, '300']\n"
                    + "networks:\n  extra: {}\nvolumes:\n  scratch: {}\n"), io.slipway.inputs.Inputs.empty());
            assertEquals(Outcome.FAILED, r.service("bad").outcome());
            assertEquals(4, r.service("bad").exitCode());
            assertTrue(r.service("bad").logs().contains("bye"), "logs kept in the result");
            assertEquals(List.of("good"), projectContainers(d).stream()
                    .map(c -> c.getLabels().get(ComposeProject.SERVICE)).toList());
            assertEquals(List.of("default"), docker().listNetworksCmd().withFilter("label", List.of(ComposeProject.PROJECT
                    + "=" + ProjectNames.of(d))).exec().stream().map(n -> n.getLabels().get("com.docker.compose.network"))
                    .toList(), "the network only the failed service used is gone, the one in use stays");
            assertEquals(List.of(), volumes(d), "the volume the failed apply created is gone");
            assertTrue(Files.isDirectory(work.resolve(d)), "the deployment still runs 'good': its files stay");
        }
    }

    @Test
    void duplicateNetworksLeftByARaceAreHealedBeforeTheToolRuns() {
        String d = deployment();
        String project = ProjectNames.of(d);
        for (int i = 0; i < 2; i++) {
            docker().createNetworkCmd().withName(project + "_default").withCheckDuplicate(false).withLabels(Map.of(
                    ComposeProject.PROJECT, project, "com.docker.compose.network", "default",
                    "com.docker.compose.version", "1.29.2")).exec();
        }
        LaunchResult r = apply(d, "services:\n  app:\n    image: " + IMG + "\n    command: [sh, -c, 'echo ok']\n"
                + "    x-slipway: {oneshot: true}\n");
        assertTrue(r.succeeded(), r.describe());
        assertEquals(1, projectNetworks(d), "one network is left");
    }

    @Test
    void namedVolumesOutliveDeleteUnlessRemoveVolumesIsSet() {
        String spec = "volumes:\n  data:\nservices:\n  app:\n    image: " + IMG + "\n"
                + "    command: [sh, -c, 'echo kept > /data/f']\n    volumes: ['data:/data']\n"
                + "    x-slipway: {oneshot: true}\n";
        String kept = deployment();
        assertTrue(apply(kept, spec).succeeded());
        launcher.delete(kept);
        List<InspectVolumeResponse> left = volumes(kept);
        assertEquals(1, left.size(), "remove-volumes=false keeps the named volume");
        left.forEach(v -> docker().removeVolumeCmd(v.getName()).exec());

        String removed = deployment();
        try (ComposeLauncher removing = open("compose?remove-volumes=true&stop-timeout=0s&work-dir=" + work,
                System.getenv())) {
            assertTrue(removing.apply(removed, io.slipway.spec.LaunchSpec.parse(spec), io.slipway.inputs.Inputs.empty())
                    .succeeded());
            assertEquals(1, volumes(removed).size());
            assertEquals(1, removing.delete(removed));
            assertEquals(List.of(), volumes(removed));
        }
    }

    private static List<InspectVolumeResponse> volumes(String deployment) {
        List<InspectVolumeResponse> v = docker().listVolumesCmd()
                .withFilter("label", List.of(ComposeProject.PROJECT + "=" + ProjectNames.of(deployment))).exec().getVolumes();
        return v == null ? List.of() : v;
    }

    @Test
    void whenOnlyFinishedTasksRemainTheToolIsNotRunAndOrphansStillGo() {
        String d = deployment();
        String task = "  task:\n    image: " + IMG + "\n    command: [sh, -c, 'echo once']\n    x-slipway: {oneshot: true}\n";
        LaunchResult first = apply(d, "services:\n" + task + "  web:\n    image: " + IMG + "\n    command: [sleep, '300']\n");
        assertTrue(first.succeeded(), first.describe());
        String taskStart = startedAt(first.service("task").containerId());

        LaunchResult again = apply(d, "services:\n" + task);
        assertTrue(again.succeeded(), again.describe());
        assertEquals(first.service("task").containerId(), again.service("task").containerId());
        assertFalse(again.service("task").changed());
        assertEquals(taskStart, startedAt(again.service("task").containerId()), "the task ran again");
        assertEquals("", again.toolErrors(), "no tool run, so no tool output");
        assertEquals(List.of("task"), projectContainers(d).stream()
                .map(c -> c.getLabels().get(ComposeProject.SERVICE)).toList(), "the removed service is gone");
    }

    @Test
    void theToolAndEngineAreDescribed() {
        String tool = launcher.describeTool();
        assertTrue(tool.startsWith(launcher.tool().displayName() + " " + launcher.tool().version() + " ("), tool);
        assertTrue(tool.contains("; Docker Engine "), tool);
    }
}
