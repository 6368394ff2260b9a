package io.slipway.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.UpdateOrder;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Compose-to-swarm mapping, without an engine. */
class StackMappingTest {

    private static ServiceSpec map(String yaml, String service, Map<String, String> secretEnv) {
        ResolvedSpec r = LaunchSpec.parse(yaml).resolve(Inputs.empty());
        var s = r.service(service);
        var in = new StackMapping.Inputs("sha256:abc", List.of("/entry"), List.of("serve", "--now"),
                Map.of("default", "shop_default", "back", "shop_back"), List.of(), Map.of("A", "1"), secretEnv);
        return StackMapping.map("shop", r, s, in, Map.of("io.slipway.deployment", "shop"));
    }

    @Test
    void aServiceMapsAsDockerStackDeployMapsIt() throws Exception {
        ServiceSpec spec = map("""
                services:
                  web:
                    image: busybox
                    command: ["httpd", "-f"]
                    ports: ["8080:80", "53/udp"]
                    networks: {back: {aliases: [api]}}
                    deploy:
                      mode: replicated
                      replicas: 3
                      endpoint_mode: dnsrr
                      labels: [role=front]
                      placement:
                        constraints: [node.role==manager]
                        preferences: [{spread: node.labels.zone}]
                        max_replicas_per_node: 2
                      update_config: {parallelism: 2, delay: 10s, order: start-first, monitor: 1s}
                      rollback_config: {parallelism: 1}
                      restart_policy: {condition: on-failure, max_attempts: 3, delay: 2s}
                networks:
                  back: {}
                """, "web", Map.of());
        assertEquals("shop_web", spec.getName());
        assertEquals("front", spec.getLabels().get("role"));
        assertEquals("shop", spec.getLabels().get("com.docker.stack.namespace"));
        assertEquals(3, spec.getMode().getReplicated().getReplicas());
        assertEquals(EndpointResolutionMode.DNSRR, spec.getEndpointSpec().getMode());
        List<PortConfig> ports = spec.getEndpointSpec().getPorts();
        assertEquals(2, ports.size());
        assertTrue(ports.stream().allMatch(p -> p.getPublishMode() == PortConfig.PublishMode.host), "host mode");
        assertEquals(8080, ports.get(0).getPublishedPort());
        assertEquals(List.of("node.role==manager"), spec.getTaskTemplate().getPlacement().getConstraints());
        assertEquals(2, spec.getTaskTemplate().getPlacement().getMaxReplicas());
        String json = new ObjectMapper().writeValueAsString(spec);
        assertTrue(json.contains("\"Preferences\":[{\"Spread\":{\"SpreadDescriptor\":\"node.labels.zone\"}}]"), json);
        assertEquals(UpdateOrder.START_FIRST, spec.getUpdateConfig().getOrder());
        assertEquals(10_000_000_000L, spec.getUpdateConfig().getDelay());
        assertEquals(1L, spec.getRollbackConfig().getParallelism());
        assertEquals(ServiceRestartCondition.ON_FAILURE, spec.getTaskTemplate().getRestartPolicy().getCondition());
        assertEquals(3L, spec.getTaskTemplate().getRestartPolicy().getMaxAttempts());
        assertEquals(List.of("httpd", "-f"), spec.getTaskTemplate().getContainerSpec().getArgs());
        assertNull(spec.getTaskTemplate().getContainerSpec().getCommand(), "the image's entrypoint stays");
        var nets = spec.getTaskTemplate().getNetworks();
        assertEquals("shop_back", nets.get(0).getTarget());
        assertEquals(List.of("web", "api"), nets.get(0).getAliases());
    }

    @Test
    void aOneShotNeverRestartsAndGlobalModeHasNoCount() {
        ServiceSpec spec = map("""
                services:
                  task:
                    image: busybox
                    deploy: {mode: global}
                    x-slipway: {oneshot: true}
                """, "task", Map.of());
        assertEquals(ServiceRestartCondition.NONE, spec.getTaskTemplate().getRestartPolicy().getCondition());
        assertTrue(spec.getMode().getGlobal() != null && spec.getMode().getReplicated() == null);
    }

    @Test
    void aVariableCarryingASecretIsReadFromItsFileByAPrologueThenTheImageRunsAsBefore() {
        ServiceSpec spec = map("""
                services:
                  app:
                    image: busybox
                """, "app", Map.of("PW", "/run/secrets/slipway-env-PW"));
        List<String> cmd = spec.getTaskTemplate().getContainerSpec().getCommand();
        assertEquals(List.of("/bin/sh", "-c"), cmd.subList(0, 2));
        assertTrue(cmd.get(2).contains("PW=\"$(cat '/run/secrets/slipway-env-PW')\" && export PW"), cmd.get(2));
        assertEquals(List.of("slipway-env", "/entry", "serve", "--now"), cmd.subList(3, cmd.size()));
        assertFalse(spec.getTaskTemplate().getContainerSpec().getEnv().stream().anyMatch(e -> e.startsWith("PW=")));
    }

    @Test
    void anUnknownDeployValueIsAnErrorNamingIt() {
        SpecException e = assertThrows(SpecException.class, () -> map("""
                services:
                  web:
                    image: busybox
                    deploy: {endpoint_mode: mesh}
                """, "web", Map.of()));
        assertEquals("services.web.deploy.endpoint_mode", e.path());
        SpecException u = assertThrows(SpecException.class, () -> map("""
                services:
                  web:
                    image: busybox
                    deploy: {update_config: {order: sideways}}
                """, "web", Map.of()));
        assertTrue(u.getMessage().contains("stop-first, start-first"), u.getMessage());
    }

    @Test
    void secretOwnersAndModesAreTheGrantsWithSwarmsDefaults() {
        ResolvedSpec r = LaunchSpec.parse("""
                secrets: {pw: {environment: pw}}
                configs: {conf: {content: x}}
                services:
                  app:
                    image: busybox
                    secrets: [pw, {source: pw, target: mine, uid: "1000", gid: "1001", mode: 0440}]
                    configs: [{source: conf, mode: "0600"}]
                """).resolve(Inputs.builder().secret("pw", "p4ss-word").build());
        var app = r.service("app");
        List<io.slipway.spec.SecretMount> grants = io.slipway.spec.SecretGrants.of(app);
        List<StackMapping.SecretRef> refs = grants.stream().map(m -> new StackMapping.SecretRef("id-" + m.target(),
                "shop_" + m.source(), m.target(), m.uid(), m.gid(), m.mode())).toList();
        var in = new StackMapping.Inputs("sha256:abc", List.of(), List.of(), Map.of("default", "shop_default"), refs,
                Map.of(), Map.of());
        var files = StackMapping.map("shop", r, app, in, Map.of()).getTaskTemplate().getContainerSpec().getSecrets()
                .stream().map(s -> s.getFile()).toList();
        assertEquals(List.of("/run/secrets/pw", "/run/secrets/mine", "/conf"), files.stream().map(f -> f.getName()).toList());
        assertEquals(List.of("0", "1000", "0"), files.stream().map(f -> f.getUid()).toList(), "uid as given, else 0");
        assertEquals(List.of("0", "1001", "0"), files.stream().map(f -> f.getGid()).toList(), "gid as given, else 0");
        assertEquals(List.of(0444L, 0440L, 0600L), files.stream().map(f -> f.getMode()).toList(),
                "YAML's 0440 and the string \"0600\" as the octal modes they are, else 0444");
    }

    @Test
    void secretNamesCarryAContentHashAndFitTheSwarmLimit() {
        String a = SwarmSecrets.name("shop", "db_password", "one".getBytes());
        String b = SwarmSecrets.name("shop", "db_password", "two".getBytes());
        assertTrue(a.matches("shop_db_password_[0-9a-f]{12}"), a);
        assertFalse(a.equals(b), "a new content is a new secret");
        assertTrue(SwarmSecrets.name("d".repeat(60), "x".repeat(30), "v".getBytes()).length() <= 64);
        String cut = SwarmSecrets.name("d".repeat(60), "x".repeat(30), "v".getBytes(), "m440");
        assertTrue(cut.length() <= 64, cut);
        assertFalse(cut.equals(SwarmSecrets.name("d".repeat(60), "x".repeat(30), "v".getBytes(), "m400")),
                "another owner or mode is another secret, even when the name is cut");
        assertEquals(SwarmSecrets.name("shop", "db_password", "one".getBytes(), null), a, "no variant: as before");
    }

    @Test
    void theMonitorOptionFillsInOnlyWhatTheSpecLeavesOpenForTheSwarmAndTheWaitAlike() {
        String yaml = """
                services:
                  given:
                    image: busybox
                    deploy:
                      update_config: {monitor: 3s}
                  open:
                    image: busybox
                """;
        ResolvedSpec r = LaunchSpec.parse(yaml).resolve(Inputs.empty());
        java.time.Duration oneSecond = java.time.Duration.ofSeconds(1);
        assertEquals(java.time.Duration.ofSeconds(3), StackMapping.monitor(r, r.service("given"), oneSecond));
        assertEquals(oneSecond, StackMapping.monitor(r, r.service("open"), oneSecond));
        assertEquals(StackMapping.DEFAULT_MONITOR, StackMapping.monitor(r, r.service("open"), null));

        assertEquals(3_000_000_000L, StackMapping.withDefaultMonitor(map(yaml, "given", Map.of()), oneSecond)
                .getUpdateConfig().getMonitor());
        assertEquals(1_000_000_000L, StackMapping.withDefaultMonitor(map(yaml, "open", Map.of()), oneSecond)
                .getUpdateConfig().getMonitor());
        var unset = StackMapping.withDefaultMonitor(map(yaml, "open", Map.of()), null).getUpdateConfig();
        assertTrue(unset == null || unset.getMonitor() == null, "no option: the swarm's own default, nothing sent");
    }
}
