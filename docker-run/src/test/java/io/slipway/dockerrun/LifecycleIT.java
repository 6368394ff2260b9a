package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ownership, idempotency, ordering and failure reporting against the real engine. */
class LifecycleIT extends EngineTestBase {

    private static final String IMG = TestImages.BUSYBOX;

    private static String twoServices(String webCommand) {
        return "services:\n"
                + "  web:\n    image: " + IMG + "\n    command: " + webCommand + "\n"
                + "  worker:\n    image: " + IMG + "\n    command: [sleep, '300']\n";
    }

    @Test
    void reapplyIsIdempotentAndAChangeReplacesOnlyThatService() {
        String d = deployment();
        LaunchResult first = apply(d, twoServices("[sleep, '301']"));
        assertTrue(first.succeeded(), first.describe());
        assertTrue(first.services().stream().allMatch(ServiceResult::changed));

        LaunchResult again = apply(d, twoServices("[sleep, '301']"));
        assertTrue(again.succeeded(), again.describe());
        assertEquals(first.service("web").containerId(), again.service("web").containerId());
        assertEquals(first.service("worker").containerId(), again.service("worker").containerId());
        assertFalse(again.service("web").changed());

        LaunchResult changed = apply(d, twoServices("[sleep, '302']"));
        assertTrue(changed.succeeded(), changed.describe());
        assertNotEquals(first.service("web").containerId(), changed.service("web").containerId());
        assertEquals(first.service("worker").containerId(), changed.service("worker").containerId());
        assertEquals(2, launcher.status(d).services().size());
    }

    @Test
    void aServiceRemovedFromTheSpecIsRemovedAndDeleteRemovesEverything() {
        String d = deployment();
        assertTrue(apply(d, twoServices("[sleep, '300']")).succeeded());
        LaunchResult shrunk = apply(d, "services:\n  web:\n    image: " + IMG + "\n    command: [sleep, '300']\n");
        assertTrue(shrunk.succeeded(), shrunk.describe());
        DeploymentStatus st = launcher.status(d);
        assertEquals(1, st.services().size());
        assertEquals("web", st.services().get(0).service());
        assertEquals("running", st.services().get(0).state());

        String other = deployment();
        assertTrue(apply(other, twoServices("[sleep, '300']")).succeeded());
        assertEquals(1, launcher.delete(d));
        assertFalse(launcher.status(d).exists());
        assertTrue(DeploymentNetworks.owned(docker(), d, DockerRunProvider.NAME).isEmpty(), "network left behind");
        assertEquals(2, launcher.status(other).services().size(), "delete touched another deployment");
    }

    @Test
    void dependsOnHonoursHealthyAndCompletedConditions() {
        String yaml = "services:\n"
                + "  app:\n    image: " + IMG + "\n    command: [sleep, '300']\n"
                + "    depends_on:\n      db: {condition: service_healthy}\n      migrate: {condition: service_completed_successfully}\n"
                + "  db:\n    image: " + IMG + "\n    command: [sh, -c, 'sleep 1; touch /tmp/ready; sleep 300']\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/ready], interval: 200ms, retries: 50}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 30s}}\n"
                + "  migrate:\n    image: " + IMG + "\n    command: [sh, -c, 'sleep 0.5; echo migrated']\n"
                + "    x-slipway: {oneshot: true}\n";
        LaunchResult r = apply(deployment(), yaml);
        assertTrue(r.succeeded(), r.describe());
        Instant appStarted = started(r.service("app").containerId());
        InspectContainerResponse migrate = docker().inspectContainerCmd(r.service("migrate").containerId()).exec();
        Instant migrateFinished = Instant.parse(migrate.getState().getFinishedAt());
        assertTrue(appStarted.isAfter(migrateFinished), "app started " + appStarted + " before migrate finished " + migrateFinished);
        Instant dbStarted = started(r.service("db").containerId());
        assertTrue(appStarted.isAfter(dbStarted.plusMillis(900)), "app did not wait for db to turn healthy");
    }

    @Test
    void aFailedDependencyFailsItsDependantWithoutStartingIt() {
        String yaml = "services:\n"
                + "  app:\n    image: " + IMG + "\n    command: [sleep, '300']\n"
                + "    depends_on: {migrate: {condition: service_completed_successfully}}\n"
                + "  migrate:\n    image: " + IMG + "\n    command: [sh, -c, 'exit 5']\n    x-slipway: {oneshot: true}\n";
        LaunchResult r = apply(deployment(), yaml);
        assertEquals(Outcome.FAILED, r.status());
        assertEquals(5, r.deployStatusCode());
        assertEquals(null, r.service("app").containerId());
        assertTrue(r.service("app").reason().contains("migrate"), r.service("app").reason());
    }

    @Test
    void shellMetacharactersArriveVerbatim() {
        String evil = "$(touch /tmp/x); rm -rf / `id` && echo \"pwned\" | cat > /tmp/y; ${HOME}";
        String yaml = "x-slipway:\n  inputs:\n    value: {type: string, required: true}\n"
                + "services:\n  show:\n    image: " + IMG + "\n    command: [env]\n"
                + "    environment:\n      VALUE: ${value}\n    labels:\n      shown: ${value}\n"
                + "    x-slipway: {oneshot: true}\n";
        LaunchResult r = apply(deployment(), yaml, Inputs.builder().put("value", evil).build());
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.service("show").logs().contains("VALUE=" + evil + "\n"), r.service("show").logs());
        Map<String, String> labels = docker().inspectContainerCmd(r.service("show").containerId()).exec()
                .getConfig().getLabels();
        assertEquals(evil, labels.get("shown"));
    }

    @Test
    void secretsAreMaskedInLogsReasonsAndJson() {
        String secret = "s3cr3t-Pa55word";
        String yaml = "x-slipway:\n  inputs:\n    db_password: {type: string, secret: true, required: true}\n"
                + "services:\n  show:\n    image: " + IMG + "\n    command: [sh, -c, 'env; echo \"pw is $$DB_PASSWORD\"; exit 7']\n"
                + "    environment:\n      DB_PASSWORD: ${db_password}\n    x-slipway: {oneshot: true}\n";
        LaunchResult r = apply(deployment(), yaml, Inputs.builder().secret("db_password", secret).build());
        assertEquals(Outcome.FAILED, r.status());
        assertTrue(r.service("show").logs().contains("pw is ******"), r.service("show").logs());
        assertFalse(r.toJson().contains(secret));
        assertFalse(r.describe().contains(secret));
        assertFalse(r.deployStdout().contains(secret));
    }

    @Test
    void missingImageWithPullNeverFailsThatServiceAndLeavesNothing() {
        String d = deployment();
        try (var never = Launchers.open("docker-run?pull=never")) {
            LaunchResult r = never.apply(d, io.slipway.spec.LaunchSpec.parse(
                    "services:\n  app:\n    image: slipway-test/absent:404\n"), Inputs.empty());
            assertEquals(Outcome.FAILED, r.status());
            assertTrue(r.service("app").reason().contains("slipway-test/absent:404"), r.service("app").reason());
            assertTrue(r.service("app").reason().contains("pull=never"), r.service("app").reason());
            assertFalse(never.status(d).exists(), "a container was left behind");
        }
    }

    @Test
    void anImageThatCannotBePulledFailsWithTheReason() {
        LaunchResult r = apply(deployment(), "services:\n  app:\n    image: registry.invalid/slipway/absent:1\n");
        assertEquals(Outcome.FAILED, r.status());
        assertTrue(r.service("app").reason().startsWith("cannot pull image 'registry.invalid/slipway/absent:1'"),
                r.service("app").reason());
    }

    @Test
    void aDeadSocketIsAClearErrorNamingTheAddress() {
        long t0 = System.nanoTime();
        SlipwayException e = assertThrows(SlipwayException.class,
                () -> Launchers.open("docker-run:unix:///tmp/slipway-no-such.sock"));
        assertTrue(e.getMessage().contains("unix:///tmp/slipway-no-such.sock"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 15_000, "took too long to fail");
    }

    @Test
    void failurePolicyRemoveRemovesFailedContainers() {
        String d = deployment();
        try (var remove = Launchers.open("docker-run?on-failure=remove")) {
            LaunchResult r = remove.apply(d, io.slipway.spec.LaunchSpec.parse(service("[sh, -c, 'echo boom; exit 1']",
                    "{oneshot: true}")), Inputs.empty());
            assertEquals(Outcome.FAILED, r.status());
            assertTrue(r.service("app").logs().contains("boom"), "logs must be read before removal");
            assertFalse(remove.status(d).exists());
        }
    }

    @Test
    void failurePolicyRemoveRemovesTheNetworksAndVolumesTheFailedApplyCreatedOnly() {
        String d = deployment();
        String kept = "kept-" + d;
        String made = "made-" + d;
        String keep = "  keep:\n    image: " + IMG + "\n    init: true\n    command: [sleep, '300']\n"
                + "    volumes: ['" + kept + ":/data']\n";
        try (var remove = Launchers.open("docker-run?on-failure=remove")) {
            LaunchResult first = remove.apply(d, io.slipway.spec.LaunchSpec.parse("services:\n" + keep
                    + "volumes:\n  " + kept + ": {}\n"), Inputs.empty());
            assertTrue(first.succeeded(), first.describe());
            LaunchResult failed = remove.apply(d, io.slipway.spec.LaunchSpec.parse("services:\n" + keep
                    + "  fail:\n    image: " + IMG + "\n    command: [sh, -c, 'exit 3']\n    networks: [extra]\n"
                    + "    volumes: ['" + made + ":/more']\n    x-slipway: {oneshot: true}\n"
                    + "networks:\n  extra: {}\nvolumes:\n  " + kept + ": {}\n  " + made + ": {}\n"), Inputs.empty());
            assertEquals(Outcome.FAILED, failed.status(), failed.describe());
            var docker = TestEngine.client();
            assertEquals(List.of(d + "_" + kept), docker.listVolumesCmd().exec().getVolumes().stream()
                    .map(v -> v.getName()).filter(n -> n.endsWith(d)).toList(), "the earlier volume stays, the new one goes");
            assertEquals(List.of("slipway_" + d), docker.listNetworksCmd().exec().stream().map(n -> n.getName())
                    .filter(n -> n.contains(d)).toList(), "the network in use stays, the new one goes");
            remove.delete(d);
            docker.removeVolumeCmd(d + "_" + kept).exec();
        }
    }

    @Test
    void duplicateNetworksLeftByARaceAreHealedByTheNextApply() {
        String d = deployment();
        var docker = TestEngine.client();
        for (int i = 0; i < 2; i++) {
            docker.createNetworkCmd().withName("slipway_" + d).withCheckDuplicate(false).withLabels(Map.of(
                    "io.slipway.deployment", d, "io.slipway.backend", "docker-run", "io.slipway.network", "default"))
                    .exec();
        }
        LaunchResult r = apply(d, "services:\n  app:\n    image: " + IMG + "\n    command: [sh, -c, 'echo ok']\n"
                + "    x-slipway: {oneshot: true}\n");
        assertTrue(r.succeeded(), r.describe());
        assertEquals(1, docker.listNetworksCmd().withNameFilter("slipway_" + d).exec().size(), "one network is left");
    }

    @Test
    void privilegedContainersStart() {
        LaunchResult r = apply(deployment(), "services:\n  p:\n    image: " + IMG + "\n    privileged: true\n"
                + "    command: [sh, -c, 'grep CapEff /proc/self/status']\n    x-slipway: {oneshot: true}\n");
        assertTrue(r.succeeded(), r.describe());
    }

    @Test
    void serviceKeysMapToTheEngine() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("slipway-keys");
        // The container runs as nobody: the bind-mounted directory must be readable by others.
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.writeString(dir.resolve("app.env"), "# comment\nFROM_FILE=file\nBOTH=file\n");
        java.nio.file.Files.writeString(dir.resolve("data.txt"), "mounted\n");
        String yaml = "services:\n  app:\n    image: " + IMG + "\n"
                + "    entrypoint: [sh, -c]\n    command: ['env; cat /data/data.txt; id -u; pwd; hostname; cat /etc/hosts; sleep 300']\n"
                + "    env_file: app.env\n    environment: {BOTH: env, PLAIN: x}\n"
                + "    volumes: ['./:/data:ro', '/scratch']\n    user: '65534'\n    working_dir: /tmp\n"
                + "    hostname: keyhost\n    extra_hosts: ['db.example:10.1.2.3']\n    labels: {team: core}\n"
                + "    cap_drop: [NET_RAW]\n    restart: 'no'\n    stop_signal: SIGTERM\n    stop_grace_period: 3s\n"
                + "    x-slipway: {wait: {log: 'db.example', timeout: 20s}}\n";
        LaunchResult r = launcher.apply(deployment(), io.slipway.spec.LaunchSpec.parse(yaml, dir, "keys.yaml"),
                Inputs.empty());
        assertTrue(r.succeeded(), r.describe());
        String logs = r.service("app").logs();
        for (String expected : new String[] {"FROM_FILE=file", "BOTH=env", "PLAIN=x", "mounted", "65534", "/tmp",
                "keyhost", "10.1.2.3"}) {
            assertTrue(logs.contains(expected), expected + " missing in: " + logs);
        }
        InspectContainerResponse c = docker().inspectContainerCmd(r.service("app").containerId()).exec();
        assertEquals("core", c.getConfig().getLabels().get("team"));
        assertTrue(java.util.Arrays.toString(c.getHostConfig().getCapDrop()).contains("NET_RAW"));
    }

    @Test
    void progressIsReportedPerServiceWhileTheApplyRuns() {
        java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        io.slipway.LaunchListener listener = new io.slipway.LaunchListener() {
            @Override
            public void waiting(String service, String containerName, String condition) {
                events.add("waiting " + service + " " + condition);
            }

            @Override
            public void finished(ServiceResult result) {
                events.add("finished " + result.name() + " " + result.outcome());
            }
        };
        LaunchResult r = launcher.apply(deployment(), io.slipway.spec.LaunchSpec.parse(twoServices("[sleep, '300']")),
                Inputs.empty(), listener);
        assertTrue(r.succeeded(), r.describe());
        assertTrue(events.containsAll(java.util.List.of("waiting web running", "waiting worker running",
                "finished web SUCCEEDED", "finished worker SUCCEEDED")), events.toString());
        assertTrue(events.indexOf("waiting web running") < events.indexOf("finished web SUCCEEDED"), events.toString());
    }

    private static Instant started(String id) {
        return Instant.parse(docker().inspectContainerCmd(id).exec().getState().getStartedAt());
    }

    @Test
    void suspendAndDeleteGiveEachContainerItsStopGracePeriod(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out)
            throws Exception {
        java.nio.file.Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String d = deployment();
        // On TERM each takes 3 s to finish, then writes a file: within a 6 s grace period it does, within 1 s it is killed.
        String sleeper = "    image: " + TestImages.BUSYBOX + "\n    volumes: ['" + out + ":/out']\n"
                + "    command: [sh, -c, 'trap \"sleep 3; echo done > /out/$$N; exit 0\" TERM; while true; do sleep 1; done']\n";
        String spec = "services:\n  patient:\n" + sleeper + "    environment: {N: patient}\n    stop_grace_period: 6s\n"
                + "  hasty:\n" + sleeper + "    environment: {N: hasty}\n    stop_grace_period: 1s\n";
        try (ContainerLauncher own = Launchers.open("docker-run")) {
            LaunchResult r = own.apply(d, LaunchSpec.parse(spec), Inputs.empty());
            assertTrue(r.succeeded(), r.describe());
            assertEquals(2, own.suspend(d));
            var patient = docker().inspectContainerCmd(r.service("patient").containerId()).exec().getState();
            var hasty = docker().inspectContainerCmd(r.service("hasty").containerId()).exec().getState();
            assertEquals(0L, patient.getExitCodeLong(), "finished within its grace period");
            assertEquals(137L, hasty.getExitCodeLong(), "killed when its grace period ran out");
            assertTrue(java.nio.file.Files.exists(out.resolve("patient")));
            assertFalse(java.nio.file.Files.exists(out.resolve("hasty")));

            java.nio.file.Files.delete(out.resolve("patient"));
            assertEquals(2, own.resume(d));
            assertEquals(2, own.delete(d));
            assertTrue(java.nio.file.Files.exists(out.resolve("patient")), "delete stops before it removes, as compose down does");
            assertFalse(java.nio.file.Files.exists(out.resolve("hasty")));
        }
    }

    @Test
    void anUnchangedReapplyInspectsOnlyTheKeptContainersTheListCannotAnswerForAndKeepsTheResult() {
        String d = deployment();
        String spec = "services:\n"
                + "  a:\n    image: " + IMG + "\n    command: [sh, -c, 'echo hello-a; sleep 300']\n"
                + "  b:\n    image: " + IMG + "\n    command: [sh, -c, 'echo hello-b; sleep 300']\n"
                + "    healthcheck: {test: [CMD, 'true'], interval: 200ms}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n"
                + "  c:\n    image: " + IMG + "\n    command: [sh, -c, 'echo hello-c; sleep 300']\n"
                + "    x-slipway: {wait: {running: {stable: 1s}}}\n";
        // The list says a and b are running (b healthy), which is all their conditions ask; c's needs its start time.
        Map<String, Integer> inspections = Map.of("a", 0, "b", 0, "c", 1);
        try (io.slipway.tck.EngineProxy proxy = io.slipway.tck.EngineProxy.start();
                ContainerLauncher own = Launchers.open("docker-run:" + proxy.address() + "?stop-timeout=0s")) {
            LaunchResult first = own.apply(d, LaunchSpec.parse(spec), Inputs.empty());
            assertTrue(first.succeeded(), first.describe());
            proxy.clearRequests();

            LaunchResult again = own.apply(d, LaunchSpec.parse(spec), Inputs.empty());
            assertTrue(again.succeeded(), again.describe());
            List<String> calls = proxy.requests();
            for (String name : List.of("a", "b", "c")) {
                ServiceResult r = again.service(name);
                assertEquals(first.service(name).containerId(), r.containerId());
                assertFalse(r.changed());
                assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
                assertEquals(null, r.exitCode());
                assertTrue(r.logs().contains("hello-" + name), "the result keeps its log tail: " + r.logs());
                String id = r.containerId();
                // At most one: the reuse decision's inspection is the wait's first look.
                assertEquals(inspections.get(name), (int) calls.stream()
                        .filter(c -> c.matches("GET /v[0-9.]+/containers/" + id + "/json")).count(),
                        "inspections of kept container " + name + " in " + calls);
                assertEquals(1, calls.stream().filter(c -> c.matches("GET /v[0-9.]+/containers/" + id + "/logs\\?.*"))
                        .count(), "log reads of kept container " + name + " in " + calls);
            }
            own.delete(d);
        }
    }

    @Test
    void aHealthchecksExecEventsWakeNoInspection() {
        String d = deployment();
        // Checked every 100 ms, healthy after ~1.5 s: each check is three exec events, none of them a state change.
        String spec = "services:\n"
                + "  h:\n    image: " + IMG + "\n    command: [sh, -c, 'sleep 1.5; touch /tmp/ready; sleep 300']\n"
                + "    healthcheck: {test: [CMD, test, -e, /tmp/ready], interval: 100ms, retries: 100}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 30s}}\n";
        try (io.slipway.tck.EngineProxy proxy = io.slipway.tck.EngineProxy.start();
                ContainerLauncher own = Launchers.open("docker-run:" + proxy.address() + "?stop-timeout=0s")) {
            LaunchResult r = own.apply(d, LaunchSpec.parse(spec), Inputs.empty());
            assertTrue(r.succeeded(), r.describe());
            String id = r.service("h").containerId();
            long inspections = proxy.requests().stream()
                    .filter(c -> c.matches("GET /v[0-9.]+/containers/" + id + "/json")).count();
            // The wait looks at its start, at the fallback interval (500 ms) and at the health event (from the event
            // itself): a handful, not one per check.
            long bound = 3 + r.service("h").duration().toMillis() / 500;
            assertTrue(inspections <= bound, inspections + " inspections in " + r.service("h").duration().toMillis()
                    + " ms, at most " + bound + " expected: " + proxy.requests());
            own.delete(d);
        }
    }

    @Test
    void aCallerThatShowsNoSucceededOutputHasNoLogReadForIt() {
        String d = deployment();
        String spec = "services:\n"
                + "  ok:\n    image: " + IMG + "\n    command: [sh, -c, 'echo hello-ok; sleep 300']\n"
                // Fails while running (unhealthy): its tail is read after the wait, as a succeeded one's would be.
                + "  bad:\n    image: " + IMG + "\n    command: [sh, -c, 'echo hello-bad; sleep 300']\n"
                + "    healthcheck: {test: [CMD, 'false'], interval: 100ms, retries: 1}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n";
        LaunchListener failuresOnly = new LaunchListener() {
            @Override
            public boolean logsOfSucceeded() {
                return false;
            }
        };
        try (io.slipway.tck.EngineProxy proxy = io.slipway.tck.EngineProxy.start();
                ContainerLauncher own = Launchers.open("docker-run:" + proxy.address() + "?stop-timeout=0s")) {
            LaunchResult r = own.apply(d, LaunchSpec.parse(spec), Inputs.empty(), failuresOnly);
            assertEquals(Outcome.SUCCEEDED, r.service("ok").outcome(), r.describe());
            assertEquals(Outcome.FAILED, r.service("bad").outcome(), r.describe());
            assertEquals("", r.service("ok").logs());
            assertTrue(r.service("bad").logs().contains("hello-bad"), r.service("bad").logs());
            String okId = r.service("ok").containerId();
            assertEquals(List.of(), proxy.requests().stream()
                    .filter(c -> c.matches("GET /v[0-9.]+/containers/" + okId + "/logs\\?.*")).toList());

            // By default a succeeded service's result has its tail, as before.
            LaunchResult again = own.apply(d, LaunchSpec.parse(spec), Inputs.empty());
            assertTrue(again.service("ok").logs().contains("hello-ok"), again.service("ok").logs());
            own.delete(d);
        }
    }
}
