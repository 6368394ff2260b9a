package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.InputType;
import io.slipway.inputs.Inputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and binding of every supported Compose key, inputs, outputs and interpolation. */
class LaunchSpecTest {

    static final Path BASE = Path.of("/specs/shop").toAbsolutePath();

    static ResolvedSpec resolve(String yaml) {
        return resolve(yaml, Inputs.empty());
    }

    static ResolvedSpec resolve(String yaml, Inputs inputs) {
        return LaunchSpec.parse(yaml, BASE, "stack.yaml").resolve(inputs);
    }

    static ServiceSpec web(String serviceBody) {
        return resolve("services:\n  web:\n    image: busybox:1\n" + serviceBody).service("web");
    }

    static String abs(String relative) {
        return BASE.resolve(relative).normalize().toString();
    }

    @Test
    void everyShortFormKeyIsBound() {
        ServiceSpec web = web("""
                    command: ["httpd", "-f", 8080, true]
                    entrypoint: /bin/sh -c
                    environment: ["A=1", "B=x=y", "C=", "UNSET_NAME"]
                    env_file: ./web.env
                    ports: ["8080"]
                    volumes: ["./data:/data"]
                    network_mode: host
                    pid: host
                    privileged: true
                    user: 1000
                    restart: no
                    labels: ["tier=front", "flag"]
                    healthcheck:
                      test: curl -f http://localhost/
                    depends_on: [db]
                    working_dir: /app
                    cap_add: [NET_ADMIN]
                    cap_drop: [ALL, MKNOD]
                    hostname: web1
                    extra_hosts: ["db.local:10.0.0.5", "cache=10.0.0.6", "v6=::1"]
                    stop_signal: SIGINT
                    stop_grace_period: 1m30s
                    x-other: ignored
                  db:
                    image: postgres:16
                """);
        assertEquals("web", web.name());
        assertEquals("busybox:1", web.image());
        assertEquals(List.of("httpd", "-f", "8080", "true"), web.command());
        assertEquals(List.of("/bin/sh", "-c"), web.entrypoint());
        assertOrdered(orderedMap("A", "1", "B", "x=y", "C", ""), web.environment());
        assertEquals(List.of(abs("web.env")), web.envFiles());
        assertEquals(List.of(new PortMapping(null, null, 8080, "tcp")), web.networking().ports());
        assertEquals(List.of(new VolumeMount("bind", abs("data"), "/data", false)), web.volumes());
        assertEquals("host", web.networking().networkMode());
        assertEquals("host", web.security().pid());
        assertTrue(web.security().privileged());
        assertEquals("1000", web.process().user());
        assertEquals("no", web.restart());
        assertOrdered(orderedMap("tier", "front", "flag", ""), web.labels());
        assertEquals(new Healthcheck(List.of("CMD-SHELL", "curl -f http://localhost/"), null, null, null, null, false),
                web.healthcheck());
        assertEquals(Map.of("db", DependencyCondition.SERVICE_STARTED), web.dependsOn());
        assertEquals("/app", web.process().workingDir());
        assertEquals(List.of("NET_ADMIN"), web.security().capAdd());
        assertEquals(List.of("ALL", "MKNOD"), web.security().capDrop());
        assertEquals("web1", web.networking().hostname());
        assertEquals(List.of("db.local:10.0.0.5", "cache:10.0.0.6", "v6:::1"), web.networking().extraHosts());
        assertEquals("SIGINT", web.process().stopSignal());
        assertEquals(Duration.ofSeconds(90), web.process().stopGracePeriod());
        assertFalse(web.oneshot());
    }

    @Test
    void absentKeysAreNullOrEmpty() {
        ServiceSpec web = web("");
        assertNull(web.command());
        assertNull(web.entrypoint());
        assertEquals(Map.of(), web.environment());
        assertEquals(List.of(), web.envFiles());
        assertEquals(List.of(), web.networking().ports());
        assertEquals(List.of(), web.volumes());
        assertNull(web.networking().networkMode());
        assertFalse(web.security().privileged());
        assertNull(web.restart());
        assertEquals(Map.of(), web.labels());
        assertNull(web.healthcheck());
        assertEquals(Map.of(), web.dependsOn());
        assertEquals(List.of(), web.security().capAdd());
        assertEquals(List.of(), web.networking().extraHosts());
        assertNull(web.process().stopGracePeriod());
    }

    @Test
    void everyLongFormKeyIsBound() {
        ServiceSpec web = web("""
                    command: ["sh", "-c", "echo 'a  b'"]
                    environment:
                      PORT: 8080
                      DEBUG: true
                      RATIO: 1.50
                      EMPTY: ""
                      NOT_GIVEN:
                    env_file: [a.env, /etc/b.env, ../c.env]
                    ports:
                      - target: 80
                        published: 8080
                        host_ip: 127.0.0.1
                        protocol: udp
                        mode: host
                      - {target: "443", published: ""}
                    volumes:
                      - {type: bind, source: ./conf, target: /etc/conf, read_only: true}
                      - {type: volume, source: data, target: /data}
                      - {type: volume, target: /cache}
                      - {type: tmpfs, target: /tmp}
                    labels:
                      com.example.tier: front
                      com.example.n: 3
                    healthcheck:
                      test: ["CMD", "pg_isready", "-U", "app"]
                      interval: 5s
                      timeout: 500ms
                      retries: 3
                      start_period: 1m
                      disable: false
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                      migrate: {condition: service_completed_successfully, required: false}
                      cache: {}
                    extra_hosts:
                      db.local: 10.0.0.5
                  db: {image: postgres}
                  migrate: {image: busybox}
                  cache: {image: redis}
                volumes:
                  data:
                """);
        assertEquals(List.of("sh", "-c", "echo 'a  b'"), web.command());
        assertOrdered(orderedMap("PORT", "8080", "DEBUG", "true", "RATIO", "1.5", "EMPTY", ""), web.environment());
        assertEquals(List.of(abs("a.env"), "/etc/b.env", BASE.getParent().resolve("c.env").toString()), web.envFiles());
        assertEquals(List.of(new PortMapping("127.0.0.1", 8080, 80, "udp"), new PortMapping(null, null, 443, "tcp")),
                web.networking().ports());
        assertEquals(List.of(new VolumeMount("bind", abs("conf"), "/etc/conf", true),
                new VolumeMount("volume", "data", "/data", false), new VolumeMount("volume", null, "/cache", false),
                new VolumeMount("tmpfs", null, "/tmp", false)), web.volumes());
        assertOrdered(orderedMap("com.example.tier", "front", "com.example.n", "3"), web.labels());
        assertEquals(new Healthcheck(List.of("CMD", "pg_isready", "-U", "app"), Duration.ofSeconds(5),
                Duration.ofMillis(500), 3, Duration.ofMinutes(1), false), web.healthcheck());
        assertEquals(List.of("db", "migrate", "cache"), List.copyOf(web.dependsOn().keySet()));
        assertEquals(DependencyCondition.SERVICE_HEALTHY, web.dependsOn().get("db"));
        assertEquals(DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY, web.dependsOn().get("migrate"));
        assertEquals(DependencyCondition.SERVICE_STARTED, web.dependsOn().get("cache"));
        assertEquals(List.of("db.local:10.0.0.5"), web.networking().extraHosts());
    }

    @Test
    void healthcheckNoneAndDisable() {
        assertEquals(new Healthcheck(List.of("NONE"), null, null, null, null, false),
                web("    healthcheck: {test: [NONE]}\n").healthcheck());
        assertEquals(new Healthcheck(null, null, null, null, null, true),
                web("    healthcheck: {disable: true}\n").healthcheck());
    }

    @Test
    void shortPortSyntaxes() {
        ServiceSpec web = web("""
                    ports:
                      - "8080"
                      - "8080:80"
                      - "127.0.0.1:8080:80"
                      - "127.0.0.1::80"
                      - "80/udp"
                      - 81
                      - "[::1]:9090:90/tcp"
                      - ":82"
                """);
        assertEquals(List.of(
                new PortMapping(null, null, 8080, "tcp"),
                new PortMapping(null, 8080, 80, "tcp"),
                new PortMapping("127.0.0.1", 8080, 80, "tcp"),
                new PortMapping("127.0.0.1", null, 80, "tcp"),
                new PortMapping(null, null, 80, "udp"),
                new PortMapping(null, null, 81, "tcp"),
                new PortMapping("::1", 9090, 90, "tcp"),
                new PortMapping(null, null, 82, "tcp")), web.networking().ports());
    }

    @Test
    void shortVolumeSyntaxes() {
        ServiceSpec web = resolve("""
                services:
                  web:
                    image: busybox
                    volumes:
                      - /srv/www:/www
                      - ./rel/../conf:/conf:ro
                      - data:/data:rw
                      - /anonymous
                      - .:/src:ro
                volumes:
                  data: {}
                """).service("web");
        assertEquals(List.of(
                new VolumeMount("bind", "/srv/www", "/www", false),
                new VolumeMount("bind", abs("conf"), "/conf", true),
                new VolumeMount("volume", "data", "/data", false),
                new VolumeMount("volume", null, "/anonymous", false),
                new VolumeMount("bind", BASE.toString(), "/src", true)), web.volumes());
    }

    @Test
    void commandStringIsSplitLikeAShellWithoutRunningOne() {
        ServiceSpec web = web("""
                    command: sh -c 'echo "$$HOME" > /tmp/x' a\\ b "q \\"x\\"" ''
                """);
        assertEquals(List.of("sh", "-c", "echo \"$HOME\" > /tmp/x", "a b", "q \"x\"", ""), web.command());
    }

    @Test
    void serviceNamesKeepTheSpecsOrder() {
        LaunchSpec spec = LaunchSpec.parse("services:\n  zeta: {image: a}\n  alpha: {image: b}\n  mid: {image: c}\n");
        assertEquals(List.of("zeta", "alpha", "mid"), spec.serviceNames());
        assertEquals(List.of("zeta", "alpha", "mid"),
                spec.resolve(Inputs.empty()).services().stream().map(ServiceSpec::name).toList());
    }

    @Test
    void inputDeclarationsInOrder() {
        LaunchSpec spec = LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    http_port:   {type: number, default: 8080}
                    greeting:    {type: string, required: true, description: "shown on the page"}
                    db_password: {type: string, secret: true, required: true}
                    tags:        {type: list, default: [a, b]}
                    plain:
                    flag:        {type: boolean, default: "false"}
                services:
                  web: {image: busybox}
                """);
        assertEquals(List.of(
                new InputDeclaration("http_port", InputType.NUMBER, 8080, false, false, null),
                new InputDeclaration("greeting", InputType.STRING, null, true, false, "shown on the page"),
                new InputDeclaration("db_password", InputType.STRING, null, true, true, null),
                new InputDeclaration("tags", InputType.LIST, List.of("a", "b"), false, false, null),
                new InputDeclaration("plain", InputType.STRING, null, false, false, null),
                new InputDeclaration("flag", InputType.BOOLEAN, "false", false, false, null)), List.copyOf(spec.inputs()));
    }

    @Test
    void outputsAreBound() {
        ResolvedSpec resolved = resolve("""
                x-slipway:
                  outputs:
                    task_exit: {service: migrate, value: exitCode}
                    web_id:    {service: web, value: containerId}
                    web_name:  {service: web, value: containerName}
                    web_state: {service: web, value: status}
                    web_logs:  {service: web, value: logs}
                services:
                  web: {image: busybox}
                  migrate: {image: busybox}
                """);
        assertEquals(List.of("task_exit", "web_id", "web_name", "web_state", "web_logs"),
                List.copyOf(resolved.outputs().keySet()));
        assertEquals(new OutputDeclaration("task_exit", "migrate", OutputDeclaration.Value.EXIT_CODE),
                resolved.outputs().get("task_exit"));
        assertEquals(OutputDeclaration.Value.CONTAINER_ID, resolved.outputs().get("web_id").value());
        assertEquals(OutputDeclaration.Value.CONTAINER_NAME, resolved.outputs().get("web_name").value());
        assertEquals(OutputDeclaration.Value.STATUS, resolved.outputs().get("web_state").value());
        assertEquals(OutputDeclaration.Value.LOGS, resolved.outputs().get("web_logs").value());
    }

    @Test
    void interpolationUsesInputsDefaultsAndComposeRules() {
        ResolvedSpec resolved = resolve("""
                x-slipway:
                  inputs:
                    http_port: {type: number, default: 8080}
                    greeting:  {type: string, required: true}
                    literal:   {default: "a$$b ${greeting}"}
                services:
                  web:
                    image: busybox:${TAG:-1.36}
                    command: ["echo", "$$HOME", "${greeting}"]
                    environment:
                      GREETING: ${greeting}
                      LITERAL: ${literal}
                      greeting:
                      MISSING: "[${NOPE}]"
                    ports: ["127.0.0.1:${http_port}:80", "${admin_port:-9090}:90"]
                    labels: {port: "${http_port}"}
                """, Inputs.builder().put("greeting", "hello world").build());
        ServiceSpec web = resolved.service("web");
        assertEquals("busybox:1.36", web.image());
        assertEquals(List.of("echo", "$HOME", "hello world"), web.command());
        // x-slipway.inputs is not interpolated: the default reaches the variable as written.
        assertOrdered(orderedMap("GREETING", "hello world", "LITERAL", "a$$b ${greeting}", "greeting", "hello world",
                "MISSING", "[]"), web.environment());
        assertEquals(List.of(new PortMapping("127.0.0.1", 8080, 80, "tcp"), new PortMapping(null, 9090, 90, "tcp")),
                web.networking().ports());
        assertEquals(Map.of("port", "8080"), web.labels());
        assertEquals("8080", resolved.variables().get("http_port"));
    }

    @Test
    void givenInputsOverrideDefaults() {
        ServiceSpec web = resolve("""
                x-slipway:
                  inputs:
                    http_port: {type: number, default: 8080}
                    debug:     {type: boolean, default: false}
                services:
                  web:
                    image: busybox
                    ports: ["${http_port}:80"]
                    privileged: ${debug}
                """, Inputs.builder().put("http_port", "18080").put("debug", true).build()).service("web");
        assertEquals(List.of(new PortMapping(null, 18080, 80, "tcp")), web.networking().ports());
        assertTrue(web.security().privileged());
    }

    @Test
    void documentIsInterpolatedWithoutSlipwayKeys() {
        ResolvedSpec resolved = resolve("""
                version: "3.9"
                name: shop
                x-slipway:
                  inputs:
                    tag: {default: "1.36"}
                x-common: &common
                  restart: always
                services:
                  web:
                    image: busybox:${tag}
                    environment: {A: "$$x", B: null}
                    x-slipway: {oneshot: true}
                    x-note: kept
                volumes:
                  data:
                """);
        Map<String, Object> expectedWeb = new LinkedHashMap<>();
        expectedWeb.put("image", "busybox:1.36");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("A", "$x");
        env.put("B", null);
        expectedWeb.put("environment", env);
        expectedWeb.put("x-note", "kept");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("version", "3.9");
        expected.put("name", "shop");
        expected.put("x-common", Map.of("restart", "always"));
        expected.put("services", Map.of("web", expectedWeb));
        expected.put("volumes", nullValued("data"));
        assertEquals(expected, resolved.document());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(resolved.document().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> resolved.document().put("x", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) resolved.document().get("services");
        assertThrows(UnsupportedOperationException.class, () -> services.remove("web"));
        assertEquals(BASE, resolved.baseDir());
    }

    @Test
    void boundCollectionsAreUnmodifiable() {
        ServiceSpec web = web("""
                    command: [a]
                    environment: {A: "1"}
                    ports: ["80"]
                    labels: {a: b}
                """);
        assertThrows(UnsupportedOperationException.class, () -> web.command().add("b"));
        assertThrows(UnsupportedOperationException.class, () -> web.environment().put("B", "2"));
        assertThrows(UnsupportedOperationException.class, () -> web.networking().ports().clear());
        assertThrows(UnsupportedOperationException.class, () -> web.labels().clear());
        assertThrows(UnsupportedOperationException.class, () -> web.dependsOn().clear());
    }

    @Test
    void jsonSpecParses() {
        String json = "{\n\t\"x-slipway\": {\"inputs\": {\"port\": {\"type\": \"number\", \"default\": 80}}},\n"
                + "\t\"services\": {\n\t\t\"web\": {\n\t\t\t\"image\": \"busybox\",\n"
                + "\t\t\t\"ports\": [\"${port}:8080\"],\n"
                + "\t\t\t\"x-slipway\": {\"wait\": {\"port\": 8080, \"timeout\": \"5s\"}}\n\t\t}\n\t}\n}\n";
        ResolvedSpec resolved = LaunchSpec.parse(json).resolve(Inputs.empty());
        ServiceSpec web = resolved.service("web");
        assertEquals(List.of(new PortMapping(null, 80, 8080, "tcp")), web.networking().ports());
        assertEquals(new io.slipway.wait.PortOpen(8080, Duration.ofSeconds(5)), web.waitCondition());
    }

    @Test
    void compactJsonWithoutTabsParsesToo() {
        ResolvedSpec resolved = LaunchSpec.parse("{\"services\": {\"web\": {\"image\": \"busybox\", \"privileged\": true}}}")
                .resolve(Inputs.empty());
        assertTrue(resolved.service("web").security().privileged());
    }

    @Test
    void yamlOneOneBooleanWordsStayStrings() {
        ServiceSpec web = web("""
                    restart: "no"
                    environment: {A: yes, B: off, C: on}
                """);
        assertOrdered(orderedMap("A", "yes", "B", "off", "C", "on"), web.environment());
    }

    @Test
    void specFileIsReadWithItsDirectoryAsBase(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.yaml");
        java.nio.file.Files.writeString(file, "services:\n  web:\n    image: busybox\n    env_file: web.env\n");
        LaunchSpec spec = LaunchSpec.parse(file);
        assertEquals(file.toString(), spec.source());
        ServiceSpec web = spec.resolve(Inputs.empty()).service("web");
        assertEquals(List.of(dir.toAbsolutePath().normalize().resolve("web.env").toString()), web.envFiles());
    }

    /** Equal entries in equal order. */
    static void assertOrdered(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual.entrySet()));
    }

    /** A map with the given keys and values in this order. */
    static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, null);
        return out;
    }
}
