package io.slipway.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.engine.Labels;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.SwarmMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The swarm backend on a one-node swarm made for this class ({@link SwarmMode}). */
@ExtendWith(SwarmMode.class)
class SwarmLauncherIT {

    /** Stops at once on SIGTERM (busybox as PID 1 ignores it otherwise, and every removal would wait 10 s). */
    static final String LONG = "[\"sh\", \"-c\", \"trap 'exit 0' TERM; echo started $$(hostname); sleep 300 & wait\"]";

    static ContainerLauncher launcher;
    final List<String> deployments = new ArrayList<>();

    @BeforeAll
    static void open() {
        TestImages.busybox();
        launcher = Launchers.open("swarm");
    }

    @AfterAll
    static void close() {
        launcher.close();
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
    }

    String deployment() {
        String name = "sw-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(name);
        return name;
    }

    static DockerClient docker() {
        return TestEngine.client();
    }

    LaunchResult apply(String d, String yaml, Inputs inputs) {
        return launcher.apply(d, LaunchSpec.parse(yaml), inputs);
    }

    static Service service(String d, String name) {
        return docker().inspectServiceCmd(d + "_" + name).exec();
    }

    @Test
    void replicasConvergeAsStackServicesOnAnAttachableOverlayNetwork() {
        String d = deployment();
        LaunchResult r = apply(d, """
                services:
                  web:
                    image: slipway-test/busybox:1
                    command: %s
                    labels: {tier: container}
                    deploy:
                      replicas: 3
                      labels: {tier: service}
                      update_config: {parallelism: 1, order: stop-first}
                      restart_policy: {condition: on-failure, delay: 1s}
                      resources: {limits: {memory: 64m}}
                    x-slipway:
                      wait: {running: true, timeout: 60s}
                """.formatted(LONG), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        ServiceResult web = r.service("web");
        assertEquals(List.of("web-1", "web-2", "web-3"), web.replicas().stream().map(ServiceResult::name).toList());
        assertEquals(3, web.replicas().stream().map(ServiceResult::containerId).distinct().count(), web.replicas().toString());
        assertTrue(web.replicas().get(0).logs().contains("started"), web.replicas().get(0).logs());

        Service svc = service(d, "web");
        Map<String, String> labels = svc.getSpec().getLabels();
        assertEquals(d, labels.get("com.docker.stack.namespace"));
        assertEquals(d, labels.get(Labels.DEPLOYMENT));
        assertEquals("service", labels.get("tier"), "deploy.labels go on the service");
        Map<String, String> container = svc.getSpec().getTaskTemplate().getContainerSpec().getLabels();
        assertEquals("container", container.get("tier"), "labels go on the containers");
        assertEquals(3, svc.getSpec().getMode().getReplicated().getReplicas());
        assertEquals(64L << 20, svc.getSpec().getTaskTemplate().getResources().getLimits().getMemoryBytes());
        assertEquals(1_000_000_000L, svc.getSpec().getTaskTemplate().getRestartPolicy().getDelay());
        assertTrue(svc.getSpec().getTaskTemplate().getContainerSpec().getImage().startsWith("sha256:"),
                "run by image id, never resolved on a registry");

        var net = docker().inspectNetworkCmd().withNetworkId(d + "_default").exec();
        assertEquals("overlay", net.getDriver());
        assertTrue(Boolean.TRUE.equals(net.isAttachable()));

        List<DeploymentStatus.ServiceStatus> status = launcher.status(d).services();
        assertEquals(3, status.size(), status.toString());
        assertTrue(status.stream().allMatch(s -> s.state().equals("running") && s.containerId() != null), status.toString());
        assertTrue(launcher.describeTool().startsWith("Docker Swarm of 1 node"), launcher.describeTool());
    }

    @Test
    void aTaskThatKeepsFailingEndsTheWaitAtOnceWithItsMessage() {
        long t0 = System.nanoTime();
        LaunchResult r = apply(deployment(), """
                services:
                  broken:
                    image: slipway-test/busybox:1
                    command: ["sh", "-c", "echo about to fail; exit 4"]
                    x-slipway:
                      wait: {running: true, timeout: 120s}
                """, Inputs.empty());
        assertEquals(Outcome.FAILED, r.status(), r.describe());
        String reason = r.service("broken").reason();
        assertTrue(reason.contains("non-zero exit (4)") && reason.contains("exit code 4") && reason.contains("on node"),
                reason);
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60, "did not wait for the timeout");
        // The failed task speaks for the service, not its replacement the swarm has made meanwhile.
        assertEquals(4, r.service("broken").exitCode(), r.service("broken").toString());
        assertNotNull(r.service("broken").containerId(), r.service("broken").toString());
        assertTrue(r.service("broken").logs().contains("about to fail"), r.service("broken").logs());
    }

    @Test
    void anUnsatisfiablePlacementConstraintEndsTheWaitNamingIt() {
        LaunchResult r = apply(deployment(), """
                services:
                  nowhere:
                    image: slipway-test/busybox:1
                    command: %s
                    deploy:
                      placement:
                        constraints: ["node.labels.zone==nowhere"]
                        max_replicas_per_node: 1
                        preferences: [{spread: node.labels.zone}]
                    x-slipway:
                      wait: {running: true, timeout: 120s}
                """.formatted(LONG), Inputs.empty());
        assertEquals(Outcome.FAILED, r.status(), r.describe());
        String reason = r.service("nowhere").reason();
        assertTrue(reason.contains("no suitable node") && reason.contains("node.labels.zone==nowhere"), reason);
    }

    @Test
    void aChangedSpecUpdatesTheServiceInPlaceAndAnUnchangedOneTouchesNothing() {
        String d = deployment();
        String yaml = """
                x-slipway:
                  inputs:
                    colour: {type: string, default: red}
                services:
                  app:
                    image: slipway-test/busybox:1
                    command: %s
                    environment: {COLOUR: "${colour}"}
                    deploy: {replicas: 2, update_config: {parallelism: 1, delay: 0s}}
                  gone:
                    image: slipway-test/busybox:1
                    command: %s
                """.formatted(LONG, LONG);
        LaunchResult first = apply(d, yaml, Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, first.status(), first.describe());
        Service before = service(d, "app");

        LaunchResult same = apply(d, yaml, Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, same.status(), same.describe());
        assertFalse(same.service("app").changed(), "unchanged config: not updated");
        assertEquals(before.getVersion().getIndex(), service(d, "app").getVersion().getIndex());

        LaunchResult changed = apply(d, yaml.replace("  gone:\n", "  gone_not:\n").replaceAll("(?s)  gone_not:.*", ""),
                Inputs.builder().put("colour", "blue").build());
        assertEquals(Outcome.SUCCEEDED, changed.status(), changed.describe());
        Service after = service(d, "app");
        assertEquals(before.getId(), after.getId(), "updated in place");
        assertTrue(after.getVersion().getIndex() > before.getVersion().getIndex(), "a new service version");
        assertTrue(changed.service("app").changed());
        assertTrue(after.getSpec().getTaskTemplate().getContainerSpec().getEnv().contains("COLOUR=blue"));
        List<String> oldIds = first.service("app").replicas().stream().map(ServiceResult::containerId).toList();
        List<String> newIds = changed.service("app").replicas().stream().map(ServiceResult::containerId).toList();
        assertEquals(2, newIds.size());
        assertTrue(newIds.stream().noneMatch(oldIds::contains), "every task replaced: " + oldIds + " -> " + newIds);
        // A rolling update with parallelism 1: the second new task was made only once the first one ran.
        List<com.github.dockerjava.api.model.Task> fresh = docker().listTasksCmd().withServiceFilter(d + "_app").exec()
                .stream().filter(t -> t.getDesiredState() == com.github.dockerjava.api.model.TaskState.RUNNING)
                .sorted(java.util.Comparator.comparing(ServiceTasks::created)).toList();
        assertEquals(2, fresh.size(), fresh.toString());
        java.time.Instant firstRunning = java.time.Instant.parse(fresh.get(0).getStatus().getTimestamp());
        assertFalse(ServiceTasks.created(fresh.get(1)).isBefore(firstRunning),
                "one by one: " + fresh.get(0).getStatus() + " then created " + fresh.get(1).getCreatedAt());
        assertTrue(docker().listServicesCmd().withNameFilter(List.of(d + "_gone")).exec().isEmpty(),
                "a service gone from the spec is removed");
    }

    @Test
    void secretInputsEndUpOnlyInSwarmSecretsAndDeleteLeavesNothing(@TempDir Path dir) throws Exception {
        String d = deployment();
        String secret = "s3cr3t-" + UUID.randomUUID() + "-\u00e9t\u00e9";
        // Every byte value, so the secret's content travels as bytes (not through a charset) to the task.
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Path key = Files.write(dir.resolve("key.bin"), binary);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
        String textSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        LaunchResult r = apply(d, """
                x-slipway:
                  inputs:
                    pw: {type: string, secret: true, required: true}
                secrets:
                  db_password: {environment: pw}
                  key: {file: %s}
                services:
                  show:
                    image: slipway-test/busybox:1
                    command: ["sh", "-c", "echo env=$$PW file=$$(cat /run/secrets/db_password) alias=$$(cat /run/secrets/pw); sha256sum /run/secrets/key /run/secrets/pw"]
                    environment: {PW: "${pw}", PLAIN: visible}
                    secrets: [db_password, {source: db_password, target: pw}, key]
                    x-slipway: {oneshot: true}
                """.formatted(key), Inputs.builder().secret("pw", secret).build());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        String logs = r.service("show").logs();
        assertTrue(logs.contains("env=****** file=****** alias=******"), logs);
        assertTrue(logs.contains(sha + "  /run/secrets/key"), "a binary file arrives byte for byte: " + logs);
        assertTrue(logs.contains(textSha + "  /run/secrets/pw"), "non-ASCII text arrives as UTF-8: " + logs);
        assertFalse(r.toJson().contains(secret));

        Service svc = service(d, "show");
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(svc);
        assertFalse(json.contains(secret), "not in the service spec nor its labels");
        assertTrue(svc.getSpec().getTaskTemplate().getContainerSpec().getEnv().contains("PLAIN=visible"));
        var secrets = docker().listSecretsCmd().withLabelFilter(Map.of(Labels.DEPLOYMENT, d)).exec();
        assertEquals(3, secrets.size(), "one per secrets: entry, one for the variable");
        assertTrue(secrets.stream().allMatch(s -> s.getSpec().getName().matches(d + "_.*_[0-9a-f]{12}")),
                secrets.stream().map(s -> s.getSpec().getName()).toList().toString());

        launcher.delete(d);
        assertTrue(docker().listServicesCmd().withLabelFilter(Map.of(Labels.DEPLOYMENT, d)).exec().isEmpty());
        assertTrue(docker().listSecretsCmd().withLabelFilter(Map.of(Labels.DEPLOYMENT, d)).exec().isEmpty());
        assertTrue(docker().listNetworksCmd().withFilter("label", List.of(Labels.DEPLOYMENT + "=" + d)).exec().isEmpty());
        assertFalse(launcher.status(d).exists());
    }

    @Test
    void keysWithNoSwarmMeaningAreErrorsNamingKeyAndBackendBeforeAnythingExists() {
        String d = deployment();
        SpecException e = assertThrows(SpecException.class, () -> apply(d, """
                services:
                  ok:
                    image: slipway-test/busybox:1
                  named:
                    image: slipway-test/busybox:1
                    container_name: fixed
                """, Inputs.empty()));
        assertEquals("services.named.container_name", e.path());
        assertTrue(e.getMessage().contains("swarm backend"), e.getMessage());
        SpecException w = assertThrows(SpecException.class, () -> apply(d, """
                services:
                  web:
                    image: slipway-test/busybox:1
                    x-slipway: {wait: {port: 8080}}
                """, Inputs.empty()));
        assertTrue(w.getMessage().contains("port 8080") && w.getMessage().contains("swarm backend"), w.getMessage());
        assertTrue(docker().listServicesCmd().withLabelFilter(Map.of(Labels.DEPLOYMENT, d)).exec().isEmpty());
    }

    @Test
    void suspendScalesToZeroAndResumeBack() {
        String d = deployment();
        LaunchResult r = apply(d, """
                services:
                  web:
                    image: slipway-test/busybox:1
                    command: %s
                    ports: ["18091:80"]
                """.formatted(LONG), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(1, launcher.suspend(d));
        assertEquals(0, service(d, "web").getSpec().getMode().getReplicated().getReplicas());
        assertEquals(1, launcher.resume(d));
        assertEquals(1, service(d, "web").getSpec().getMode().getReplicated().getReplicas());
        assertNotNull(service(d, "web").getSpec().getEndpointSpec().getPorts().get(0).getPublishMode());
        assertNotEquals(0, launcher.status(d).services().size());
    }
}
