package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose's extends, same file and another file, by the Compose Specification's merge rules. */
class ExtendsTest {

    @Test
    void aServiceExtendsAnotherOfTheSameFile() {
        ServiceSpec web = LaunchSpec.parse("""
                services:
                  base:
                    image: a
                    command: [sleep, "1"]
                    environment: [A=1, B=2]
                    ports: ["8080:80"]
                    volumes: ["/data:/data", "/logs:/logs"]
                    healthcheck: {test: [CMD, base], interval: 5s}
                    dns: [10.0.0.1]
                  web:
                    extends: base
                    command: [sleep, "2"]
                    environment: {B: "3", C: "4"}
                    volumes: ["/other:/data"]
                    healthcheck: {test: [CMD, web]}
                    dns: [10.0.0.2]
                """).resolve(Inputs.empty()).service("web");
        assertEquals("a", web.image());
        assertEquals(List.of("sleep", "2"), web.command(), "command is replaced, not appended");
        assertEquals(Map.of("A", "1", "B", "3", "C", "4"), web.environment());
        assertEquals(List.of(new VolumeMount("bind", "/logs", "/logs", false), new VolumeMount("bind", "/other", "/data",
                false)), web.volumes(), "a mount with the same target is replaced");
        assertEquals(List.of("CMD", "web"), web.healthcheck().test());
        assertEquals(java.time.Duration.ofSeconds(5), web.healthcheck().interval());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), web.networking().dns(), "sequences are appended");
        assertEquals(1, web.networking().ports().size());
    }

    @Test
    void aServiceOfAnotherFileKeepsItsPathsAndMayExtendInTurn(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("common/conf"));
        Files.writeString(dir.resolve("common/base.yaml"), """
                services:
                  root: {image: a, labels: {tier: root}}
                  app:
                    extends: {service: root}
                    env_file: ./app.env
                    volumes: ["./conf:/conf:ro"]
                """);
        Files.writeString(dir.resolve("common/app.env"), "X=1\n");
        Files.writeString(dir.resolve("stack.yaml"), """
                services:
                  web:
                    extends: {service: app, file: common/base.yaml}
                    labels: {role: web}
                """);
        ServiceSpec web = LaunchSpec.parse(dir.resolve("stack.yaml")).resolve(Inputs.empty()).service("web");
        assertEquals(Map.of("tier", "root", "role", "web"), web.labels());
        assertEquals(List.of(dir.resolve("common/app.env").toString()), web.envFiles());
        assertEquals(dir.resolve("common/conf").toString(), web.volumes().get(0).source());
    }

    @Test
    void unknownBasesAndCyclesAreErrors() {
        assertEquals("services.web.extends: unknown service 'bsae'; services: base, web", assertThrows(SpecException.class,
                () -> LaunchSpec.parse("services:\n  base: {image: a}\n  web: {extends: bsae}\n")).getMessage());
        assertEquals("services.a.extends: extends cycle: a -> b -> a", assertThrows(SpecException.class,
                () -> LaunchSpec.parse("services:\n  a: {extends: b, image: x}\n  b: {extends: a}\n")).getMessage());
        assertEquals("services.web.extends.servce: unsupported key; supported: service, file", assertThrows(
                SpecException.class, () -> LaunchSpec.parse("services:\n  web: {extends: {servce: a}}\n")).getMessage());
    }

    @Test
    void anErrorInAValueOfABaseInAnotherFileNamesThatFileAndService(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/base.yaml"), """
                services:
                  root: {image: a, deploy: {resources: {limits: {pids: lots}}}}
                  app:
                    extends: root
                    mem_limit: lots
                    environment: {A: "1"}
                """);
        Files.writeString(dir.resolve("stack.yaml"), """
                services:
                  web:
                    extends: {service: app, file: common/base.yaml}
                    environment: {B: "2"}
                """);
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(dir.resolve("stack.yaml")).resolve(Inputs.empty()));
        assertEquals("common/base.yaml: services.app.mem_limit: invalid size 'lots'; write bytes or a number with b, k, m "
                + "or g, e.g. 512m (in services.web, which extends it)", e.getMessage());
        assertEquals("services.web.mem_limit", e.path());

        // What the extending service writes is its own; a base of the base is named through the chain.
        Files.writeString(dir.resolve("fixed.yaml"), """
                services:
                  fixed:
                    extends: {service: app, file: common/base.yaml}
                    mem_limit: 1g
                    cpus: many
                """);
        assertTrue(assertThrows(SpecException.class, () -> LaunchSpec.parse(dir.resolve("fixed.yaml"))
                .resolve(Inputs.empty())).getMessage().startsWith("services.fixed.cpus: "));
        Files.writeString(dir.resolve("deep.yaml"), """
                services:
                  deep:
                    extends: {service: app, file: common/base.yaml}
                    mem_limit: 1g
                """);
        assertTrue(assertThrows(SpecException.class, () -> LaunchSpec.parse(dir.resolve("deep.yaml"))
                .resolve(Inputs.empty())).getMessage().startsWith(
                        "common/base.yaml: services.root.deploy.resources.limits.pids: "));
        // Same file: the base's own path, and the service that extends it.
        assertTrue(assertThrows(SpecException.class, () -> LaunchSpec.parse("""
                services:
                  child: {extends: base}
                  base: {image: a, cpus: many}
                """).resolve(Inputs.empty())).getMessage().matches(
                        "services\\.base\\.cpus: .* \\(in services\\.child, which extends it\\)"));
    }
}
