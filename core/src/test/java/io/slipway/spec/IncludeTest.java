package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose's top-level include: short and long form, relocated paths, interpolation, conflicts, cycles. */
class IncludeTest {

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void shortFormJoinsEveryResourceAndKeepsTheIncludedFilesPaths(@TempDir Path dir) throws Exception {
        write(dir.resolve("db/compose.yaml"), """
                services:
                  db:
                    image: busybox
                    env_file: ./db.env
                    volumes: ["./data:/data", "dbdata:/var/db"]
                    networks: [back]
                    secrets: [pw]
                networks:
                  back: {}
                volumes:
                  dbdata: {}
                secrets:
                  pw: {file: ./pw.txt}
                """);
        write(dir.resolve("db/db.env"), "A=1\n");
        write(dir.resolve("db/pw.txt"), "secret\n");
        write(dir.resolve("stack.yaml"), """
                include:
                  - db/compose.yaml
                services:
                  web: {image: busybox, depends_on: [db], networks: [back]}
                """);
        LaunchSpec spec = LaunchSpec.parse(dir.resolve("stack.yaml"));
        assertEquals(List.of("web", "db"), spec.serviceNames());
        ResolvedSpec r = spec.resolve(Inputs.empty());
        ServiceSpec db = r.service("db");
        assertEquals(List.of(dir.resolve("db/db.env").toString()), db.envFiles());
        assertEquals(dir.resolve("db/data").toString(), db.volumes().get(0).source());
        assertEquals(Path.of(dir.resolve("db/pw.txt").toString()).toString(), r.secrets().get("pw").file().toString());
        assertEquals(List.of("default", "back"), List.copyOf(r.networks().keySet()));
        Map<String, Object> document = spec.composeDocument();
        assertFalse(document.containsKey("include"), "the Compose tool gets one resolved document");
        @SuppressWarnings("unchecked")
        Map<String, Object> dbNode = (Map<String, Object>) ((Map<String, Object>) document.get("services")).get("db");
        assertEquals(List.of("./db/db.env"), dbNode.get("env_file"));
        assertEquals(List.of("./db/data:/data", "dbdata:/var/db"), dbNode.get("volumes"));
        assertEquals(Map.of("pw", Map.of("file", "./db/pw.txt")), document.get("secrets"));
    }

    @Test
    void longFormTakesOverridesAProjectDirectoryAndAnEnvFile(@TempDir Path dir) throws Exception {
        write(dir.resolve("parts/cache.yaml"), """
                services:
                  cache:
                    image: busybox:${CACHE_TAG}
                    volumes: ["./conf:/conf"]
                    environment: {MODE: base}
                """);
        write(dir.resolve("parts/cache.override.yaml"), """
                services:
                  cache:
                    environment: {MODE: "${MODE}"}
                """);
        write(dir.resolve("cache.env"), "CACHE_TAG=1.36\nMODE=fast\n");
        write(dir.resolve("stack.yaml"), """
                include:
                  - path: [parts/cache.yaml, parts/cache.override.yaml]
                    project_directory: srv
                    env_file: cache.env
                services:
                  web: {image: busybox}
                """);
        ServiceSpec cache = LaunchSpec.parse(dir.resolve("stack.yaml")).resolve(Inputs.empty()).service("cache");
        assertEquals("busybox:1.36", cache.image());
        assertEquals(Map.of("MODE", "fast"), cache.environment(), "the override file wins");
        assertEquals(dir.resolve("srv/conf").toString(), cache.volumes().get(0).source(),
                "relative to project_directory, itself relative to the including file");
    }

    @Test
    void anIncludedFileIsInterpolatedWithItsOwnDotEnvBelowTheDeploymentsValues(@TempDir Path dir) throws Exception {
        write(dir.resolve("db/compose.yaml"), """
                services:
                  db: {image: "busybox:${DB_TAG}", environment: {USER_NAME: "${DB_USER}"}}
                """);
        write(dir.resolve("db/.env"), "DB_TAG=1\nDB_USER=included\n");
        write(dir.resolve(".env"), "DB_USER=main\n");
        write(dir.resolve("stack.yaml"), "include: [db/compose.yaml]\nservices:\n  web: {image: busybox}\n");
        LaunchSpec spec = LaunchSpec.parse(dir.resolve("stack.yaml"));
        ServiceSpec db = spec.resolve(Inputs.empty()).service("db");
        assertEquals("busybox:1", db.image());
        assertEquals(Map.of("USER_NAME", "main"), db.environment(), "the including project's values win, as in Compose");
        assertEquals("busybox:2", spec.resolve(Inputs.builder().put("DB_TAG", "2").build()).service("db").image());
    }

    @Test
    void anIncludedEnvFileFeedsASpecThatDeclaresItsInputs(@TempDir Path dir) throws Exception {
        write(dir.resolve("db/compose.yaml"), "services:\n  db: {image: \"busybox:${DB_TAG}\"}\n");
        write(dir.resolve("db/.env"), "DB_TAG=7\n");
        write(dir.resolve("stack.yaml"), """
                include: [db/compose.yaml]
                x-slipway:
                  inputs:
                    port: {type: number, default: 80}
                services:
                  web: {image: busybox}
                """);
        ServiceSpec db = LaunchSpec.parse(dir.resolve("stack.yaml"))
                .resolve(Inputs.builder().strict(true).build()).service("db");
        assertEquals("busybox:7", db.image());
    }

    @Test
    void nestedIncludesResolveInTheirOwnDirectory(@TempDir Path dir) throws Exception {
        write(dir.resolve("a/compose.yaml"), "include: [b/compose.yaml]\nservices:\n  a: {image: busybox}\n");
        write(dir.resolve("a/b/compose.yaml"), "services:\n  b: {image: busybox, volumes: ['./x:/x']}\n");
        write(dir.resolve("stack.yaml"), "include: [a/compose.yaml]\nservices:\n  web: {image: busybox}\n");
        ResolvedSpec r = LaunchSpec.parse(dir.resolve("stack.yaml")).resolve(Inputs.empty());
        assertEquals(dir.resolve("a/b/x").toString(), r.service("b").volumes().get(0).source());
        assertEquals(List.of("web", "a", "b"), r.services().stream().map(ServiceSpec::name).toList());
    }

    @Test
    void aNameDefinedTwiceIsAnErrorNamingBothFiles(@TempDir Path dir) throws Exception {
        write(dir.resolve("db.yaml"), "services:\n  web: {image: other}\n");
        write(dir.resolve("stack.yaml"), "include: [db.yaml]\nservices:\n  web: {image: busybox}\n");
        Path stack = dir.resolve("stack.yaml");
        assertEquals("services.web: defined in both " + stack + " and " + dir.resolve("db.yaml") + " (included); a name "
                + "may be defined once: rename one, or use extends to build on the other",
                assertThrows(SpecException.class, () -> LaunchSpec.parse(stack)).getMessage());
        write(dir.resolve("net.yaml"), "networks:\n  back: {driver: bridge}\n");
        write(dir.resolve("net2.yaml"), "networks:\n  back: {internal: true}\n");
        Path two = dir.resolve("two.yaml");
        write(two, "include: [net.yaml, net2.yaml]\nservices:\n  web: {image: busybox}\n");
        assertEquals("networks.back: defined in both " + dir.resolve("net.yaml") + " and " + dir.resolve("net2.yaml")
                + " (included); a name may be defined once: rename one, or use extends to build on the other",
                assertThrows(SpecException.class, () -> LaunchSpec.parse(two)).getMessage());
        write(two, "include: [net.yaml, net.yaml]\nservices:\n  web: {image: busybox}\n");
        assertEquals(List.of("default", "back"), List.copyOf(LaunchSpec.parse(two).resolve(Inputs.empty()).networks().keySet()),
                "the same definition twice is no conflict");
    }

    @Test
    void cyclesMissingFilesAndVariablesAreErrors(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        write(a, "include: [b.yaml]\nservices:\n  a: {image: busybox}\n");
        write(b, "include: [a.yaml]\nservices:\n  b: {image: busybox}\n");
        assertEquals("include[0]: include cycle: " + a + " -> " + b + " -> " + a,
                assertThrows(SpecException.class, () -> LaunchSpec.parse(a)).getMessage());
        assertEquals("include[0]: no file " + dir.resolve("nope.yaml") + "; a relative path is resolved against " + dir,
                assertThrows(SpecException.class, () -> LaunchSpec.parse(
                        "include: [nope.yaml]\nservices:\n  a: {image: busybox}\n", dir, "s")).getMessage());
        assertEquals("include[0].path: '${DIR}/x.yaml': variables are not interpolated in include (it is read when the "
                + "spec is parsed, before inputs are known); write the path", assertThrows(SpecException.class,
                        () -> LaunchSpec.parse("include: [{path: '${DIR}/x.yaml'}]\nservices:\n  a: {image: x}\n", dir,
                                "s")).getMessage());
        assertEquals("include[0].paht: unsupported key; supported: path, project_directory, env_file",
                assertThrows(SpecException.class, () -> LaunchSpec.parse("include: [{paht: x.yaml}]\n", dir, "s"))
                        .getMessage());
        assertEquals("include[0].env_file: no file " + dir.resolve("missing.env") + "; a relative path is resolved "
                + "against " + dir, assertThrows(SpecException.class, () -> LaunchSpec.parse(
                        "include: [{path: a.yaml, env_file: missing.env}]\n", dir, "s")).getMessage());
        write(dir.resolve("x.yaml"), "x-slipway: {inputs: {}}\nservices:\n  x: {image: busybox}\n");
        assertEquals(dir.resolve("x.yaml") + ": x-slipway: not read in an included file; declare inputs and outputs in "
                + "the including spec", assertThrows(SpecException.class, () -> LaunchSpec.parse(
                        "include: [x.yaml]\n", dir, "s")).getMessage());
    }

    @Test
    void twoIncludedEnvFilesGivingAVariableTwoValuesIsAnError(@TempDir Path dir) throws Exception {
        write(dir.resolve("a/compose.yaml"), "services:\n  a: {image: \"busybox:${TAG}\"}\n");
        write(dir.resolve("a/.env"), "TAG=1\n");
        write(dir.resolve("b/compose.yaml"), "services:\n  b: {image: \"busybox:${TAG}\"}\n");
        write(dir.resolve("b/.env"), "TAG=2\n");
        assertEquals("include[1]: variable 'TAG' has one value in " + dir.resolve("a/.env") + " and another in "
                + dir.resolve("b/.env") + "; Slipway gives a deployment one value per variable: give it as an input, "
                + "or use one value", assertThrows(SpecException.class, () -> LaunchSpec.parse(
                        "include: [a/compose.yaml, b/compose.yaml]\n", dir, "s")).getMessage());
    }

    @Test
    void aMainServiceMayExtendAnIncludedOne(@TempDir Path dir) throws Exception {
        write(dir.resolve("base/compose.yaml"), "services:\n  base: {image: busybox, volumes: ['./c:/c']}\n");
        ServiceSpec web = LaunchSpec.parse("include: [base/compose.yaml]\nservices:\n  web: {extends: base}\n", dir, "s")
                .resolve(Inputs.empty()).service("web");
        assertEquals(dir.resolve("base/c").toString(), web.volumes().get(0).source());
    }

    @Test
    void anErrorInAnIncludedFileNamesThatFile(@TempDir Path dir) throws Exception {
        write(dir.resolve("part.yaml"), """
                services:
                  part: {image: busybox, mem_limit: "${PART_MEM:-lots}"}
                networks:
                  side: {}
                """);
        write(dir.resolve("nested/inner.yaml"), "services:\n  inner: {image: busybox, cpus: many}\n");
        write(dir.resolve("nested/outer.yaml"), "include: [inner.yaml]\nservices:\n  outer: {image: busybox}\n");
        write(dir.resolve("stack.yaml"), """
                include: [part.yaml]
                services:
                  main: {image: busybox, mem_limit: 1g}
                """);
        SpecException bad = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(dir.resolve("stack.yaml")).resolve(Inputs.empty()));
        assertEquals("part.yaml: services.part.mem_limit: invalid size 'lots'; write bytes or a number with b, k, m or g, "
                + "e.g. 512m", bad.getMessage());
        assertEquals("services.part.mem_limit", bad.path(), "the path stays the one in the merged document");
        // The spec's own values are reported as before.
        write(dir.resolve("own.yaml"), "include: [part.yaml]\nservices:\n  main: {image: busybox, mem_limit: lots}\n");
        assertEquals("services.main.mem_limit: invalid size 'lots'; write bytes or a number with b, k, m or g, e.g. 512m",
                assertThrows(SpecException.class, () -> LaunchSpec.parse(dir.resolve("own.yaml"))
                        .resolve(Inputs.builder().put("PART_MEM", "1g").build())).getMessage());
        // A wrong key (read time), a nested include and an extends in an included file name the file that wrote it.
        write(dir.resolve("typo.yaml"), "services:\n  t: {image: busybox, mem_limt: 1g}\n");
        assertTrue(assertThrows(SpecException.class, () -> LaunchSpec.parse("include: [typo.yaml]\n", dir, "s"))
                .getMessage().startsWith("typo.yaml: services.t.mem_limt: unsupported key;"));
        assertTrue(assertThrows(SpecException.class, () -> LaunchSpec.parse("include: [nested/outer.yaml]\n", dir, "s")
                .resolve(Inputs.empty())).getMessage().startsWith("nested/inner.yaml: services.inner.cpus: "));
        write(dir.resolve("net.yaml"), "services:\n  n: {image: busybox}\nnetworks:\n  side: {drivr: bridge}\n");
        assertTrue(assertThrows(SpecException.class, () -> LaunchSpec.parse("include: [net.yaml]\n", dir, "s"))
                .getMessage().startsWith("net.yaml: networks.side.drivr: "));
        write(dir.resolve("ext.yaml"), "services:\n  e: {extends: nope}\n");
        assertEquals("ext.yaml: services.e.extends: unknown service 'nope'; services: e", assertThrows(SpecException.class,
                () -> LaunchSpec.parse("include: [ext.yaml]\n", dir, "s")).getMessage());
    }
}
