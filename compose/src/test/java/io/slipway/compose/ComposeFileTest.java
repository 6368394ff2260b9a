package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.spec.LaunchSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compose file Slipway writes: as written, minus Slipway's keys, plus its labels, fit for the generation. */
class ComposeFileTest {

    private static final String SPEC = """
            version: "3.9"
            name: ignored
            x-slipway:
              inputs:
                pw: {type: string, secret: true}
            services:
              db:
                image: busybox:1
                restart: no
                labels: {tier: back}
              web:
                image: busybox:1
                environment: {PW: "${pw}"}
                labels: ["tier=front", "io.slipway.service=forged"]
                depends_on:
                  db: {condition: service_healthy, restart: true, required: false}
                x-slipway: {wait: {port: 80}}
              task:
                image: busybox:1
                depends_on:
                  db: {}
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> render(ComposeTool.Generation g) throws Exception {
        String json = ComposeFile.render(LaunchSpec.parse(SPEC).composeDocument(), "shop", g, Set.of());
        return new ObjectMapper().readValue(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> doc, String name) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get(name);
    }

    @Test
    void slipwaysKeysAndTheProjectNameAreGoneAndInputsStayVariables() throws Exception {
        Map<String, Object> doc = render(ComposeTool.Generation.V1);
        assertEquals(List.of("services"), List.copyOf(doc.keySet()));
        assertFalse(service(doc, "web").containsKey("x-slipway"));
        assertEquals(Map.of("PW", "${pw}"), service(doc, "web").get("environment"));
        assertEquals("no", service(doc, "db").get("restart"), "a string, also for YAML 1.1 readers");
    }

    @Test
    void everyServiceCarriesTheOwnershipLabelsInItsOwnForm() throws Exception {
        Map<String, Object> doc = render(ComposeTool.Generation.V2);
        assertEquals(Map.of("tier", "back", "io.slipway.deployment", "shop", "io.slipway.service", "db",
                "io.slipway.backend", "compose"), service(doc, "db").get("labels"));
        assertEquals(List.of("tier=front", "io.slipway.deployment=shop", "io.slipway.service=web",
                "io.slipway.backend=compose"), service(doc, "web").get("labels"));
        assertEquals("task", ((Map<?, ?>) service(doc, "task").get("labels")).get("io.slipway.service"));
    }

    @Test
    void dependsOnGetsAConditionAndV1OnlyTheKeysItKnows() throws Exception {
        assertEquals(Map.of("db", Map.of("condition", "service_healthy")),
                service(render(ComposeTool.Generation.V1), "web").get("depends_on"));
        assertEquals(Map.of("db", Map.of("condition", "service_healthy", "restart", true, "required", false)),
                service(render(ComposeTool.Generation.V2), "web").get("depends_on"));
        assertEquals(Map.of("db", Map.of("condition", "service_started")),
                service(render(ComposeTool.Generation.V1), "task").get("depends_on"));
        assertTrue(ComposeFile.render(LaunchSpec.parse(SPEC).composeDocument(), "shop", ComposeTool.Generation.V1, Set.of())
                .endsWith("\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void forV1TheLongFormsItLacksBecomeTheKeysItHas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("there.env"), "A=1\n");
        LaunchSpec spec = LaunchSpec.parse("""
                services:
                  web:
                    image: busybox:1
                    env_file: [{path: ./there.env, required: false}, {path: ./missing.env, required: false}, base.env]
                    deploy: {resources: {limits: {memory: 64m, pids: 10}}}
                """, dir, "t.yaml");
        java.nio.file.Files.writeString(dir.resolve("base.env"), "B=2\n");
        Map<String, Object> doc = ComposeFile.withEnvFiles(spec.composeDocument(), spec.resolve(
                io.slipway.inputs.Inputs.empty()), name -> dir.resolve(name));
        Map<String, Object> web = service(new ObjectMapper().readValue(
                ComposeFile.render(doc, "shop", ComposeTool.Generation.V1, Set.of()), Map.class), "web");
        assertEquals(List.of("./there.env", "base.env"), web.get("env_file"), "an optional file that is missing is left out");
        assertEquals(10, web.get("pids_limit"));
        assertEquals(Map.of("memory", "64m"),
                ((Map<String, Object>) ((Map<String, Object>) web.get("deploy")).get("resources")).get("limits"));
    }

    @Test
    void forV1ADeviceWithOnlyPermissionsKeepsItsHostPathInTheContainer() throws Exception {
        String spec = "services:\n  web:\n    image: a\n    devices: [/dev/null, '/dev/zero:rw', '/dev/null:/dev/n:m']\n";
        String v1 = ComposeFile.render(LaunchSpec.parse(spec).composeDocument(), "shop", ComposeTool.Generation.V1, Set.of());
        assertEquals(List.of("/dev/null", "/dev/zero:/dev/zero:rw", "/dev/null:/dev/n:m"),
                service(new ObjectMapper().readValue(v1, Map.class), "web").get("devices"));
        String v2 = ComposeFile.render(LaunchSpec.parse(spec).composeDocument(), "shop", ComposeTool.Generation.V2, Set.of());
        assertEquals(List.of("/dev/null", "/dev/zero:rw", "/dev/null:/dev/n:m"),
                service(new ObjectMapper().readValue(v2, Map.class), "web").get("devices"), "v2 reads it as docker run does");
    }

    @Test
    void v1RefusesCgroupByNameAndV2TakesIt() {
        io.slipway.spec.ResolvedSpec r = LaunchSpec.parse("services:\n  web: {image: a, cgroup: host}\n")
                .resolve(io.slipway.inputs.Inputs.empty());
        io.slipway.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(io.slipway.spec.SpecException.class,
                () -> ComposeLauncher.support(ComposeTool.Generation.V1, Map.of()).check(r));
        assertEquals("services.web.cgroup: not supported by the compose backend: docker-compose v1 has no 'cgroup' "
                + "key; use Compose v2 (binary=docker), or drop it", e.getMessage());
        ComposeLauncher.support(ComposeTool.Generation.V2, Map.of()).check(r);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pullPolicyIsLeftOutForSlipwayHandlesIt() throws Exception {
        // docker-compose 1.29 refuses 'missing' and ignores every pull_policy in up: Slipway pulls and builds by it.
        String json = ComposeFile.render(LaunchSpec.parse("services:\n  web: {image: a, pull_policy: missing}\n")
                .composeDocument(), "shop", ComposeTool.Generation.V1, Set.of());
        Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) new ObjectMapper().readValue(json, Map.class)
                .get("services")).get("web");
        assertFalse(web.containsKey("pull_policy"), json);
    }
}
