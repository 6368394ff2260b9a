package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files an apply leaves in the work directory: private, whole, and the only place a secret is written. */
class ComposeFilesIT extends ComposeEngineTestBase {

    private static final String SPEC = "x-slipway:\n  inputs:\n    greeting: {type: string, required: true}\n"
            + "    pw: {type: string, secret: true, required: true}\n"
            + "services:\n  show:\n    image: " + TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, 'echo \"$$G\"']\n    environment: {G: '${greeting}', PW: '${pw}'}\n"
            + "    x-slipway: {oneshot: true}\n";

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void filesArePrivateAndRewrittenWholeOnEveryApply() throws Exception {
        String d = deployment();
        Path dir = work.resolve(d);
        // Leftovers of some earlier, longer and careless write.
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("compose.json"), "{" + " ".repeat(20_000) + "}");
        Files.writeString(dir.resolve("inputs.env"), "stale='" + "x".repeat(20_000) + "'\n");
        Files.setPosixFilePermissions(dir.resolve("inputs.env"), PosixFilePermissions.fromString("rw-r--r--"));

        LaunchSpec spec = LaunchSpec.parse(SPEC);
        for (String greeting : List.of("a rather long greeting, longer than the next", "short")) {
            String secret = "pw-" + greeting.length();
            Inputs inputs = Inputs.builder().put("greeting", greeting).secret("pw", secret).build();
            LaunchResult r = launcher.apply(d, spec, inputs);
            assertTrue(r.succeeded(), r.describe());
            assertTrue(r.service("show").logs().contains(greeting), r.service("show").logs());

            assertEquals("rwx------", mode(dir));
            assertEquals("rw-------", mode(dir.resolve("compose.json")));
            assertEquals("rw-------", mode(dir.resolve("inputs.env")));
            assertEquals(ComposeFile.render(spec.composeDocument(), d, ComposeTool.Generation.V1, Set.of("show"),
                    ComposeDigests.labels(spec.resolve(inputs))),
                    Files.readString(dir.resolve("compose.json")));
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("greeting", greeting);
            variables.put("pw", secret);
            assertEquals(EnvFileFormat.write(d, Path.of("").toAbsolutePath(), variables, List.of("pw")),
                    Files.readString(dir.resolve("inputs.env")));
            assertFalse(Files.readString(dir.resolve("compose.json")).contains(secret), "the compose file has no input");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of("compose.json", "inputs.env"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
        launcher.delete(d);
        assertFalse(Files.exists(dir));
    }

    @Test
    void anEnvFileAnInputSuppliesIsWrittenBesideTheComposeFilePrivateAndWhole() throws Exception {
        String d = deployment();
        Path dir = work.resolve(d);
        String spec = "x-slipway:\n  inputs:\n    app_env: {type: string, secret: true, required: true}\n"
                + "  env_files:\n    conf/app.env: app_env\n"
                + "services:\n  show:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo \"<$$A>\"']\n    env_file: conf/app.env\n    x-slipway: {oneshot: true}\n";
        Path file = dir.resolve("env_files").resolve("conf").resolve("app.env");
        for (String a : List.of("a long value, longer than the next one", "short")) {
            LaunchResult r = launcher.apply(d, LaunchSpec.parse(spec), Inputs.builder().secret("app_env", "A=" + a + "\n").build());
            assertTrue(r.succeeded(), r.describe());
            assertTrue(r.service("show").logs().contains("<******>"), r.service("show").logs());
            assertEquals("A=" + a + "\n", Files.readString(file));
            assertEquals("rw-------", mode(file));
            assertEquals("rwx------", mode(file.getParent()));
            assertEquals("rwx------", mode(dir.resolve("env_files")));
            String compose = Files.readString(dir.resolve("compose.json"));
            assertTrue(compose.contains("\"env_file\" : [ \"" + file + "\" ]"), compose);
            assertFalse(compose.contains(a), "the compose file has no input");
        }
        // Not supplied any more: the file is gone, the service reads the one beside the spec (none: the tool fails).
        LaunchResult r = launcher.apply(d, LaunchSpec.parse(spec.replace("  env_files:\n    conf/app.env: app_env\n", "")),
                Inputs.builder().secret("app_env", "A=x\n").build());
        assertFalse(r.succeeded());
        assertFalse(Files.exists(dir.resolve("env_files")));
        launcher.delete(d);
        assertFalse(Files.exists(dir));
    }
}
