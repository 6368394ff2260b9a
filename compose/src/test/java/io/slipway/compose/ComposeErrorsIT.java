package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad specs and files: refused before anything runs where Slipway can tell, else failed with the tool's reason. */
class ComposeErrorsIT extends ComposeEngineTestBase {

    private static final String IMG = TestImages.BUSYBOX;

    @TempDir
    Path specDir;

    @Test
    void malformedYamlIsRefusedWithItsLineBeforeAnythingRuns() {
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse("services:\n  web:\n    image: [unclosed\n", specDir, "bad.yaml"));
        assertTrue(e.getMessage().startsWith("bad.yaml: line "), e.getMessage());
    }

    @Test
    void whatComposeRejectsFailsTheDeploymentWithComposesReason() {
        String d = deployment();
        // Slipway reads a numeric user; Compose's schema wants a string.
        LaunchResult r = apply(d, "services:\n  web:\n    image: " + IMG + "\n    command: [sleep, '300']\n    user: 1000\n");
        assertEquals(Outcome.FAILED, r.status());
        ServiceResult web = r.service("web");
        assertNull(web.containerId());
        assertTrue(web.reason().startsWith("not started: docker-compose up exited with code 1"), web.reason());
        assertTrue(web.reason().contains("services.web.user contains an invalid type, it should be a string"), web.reason());
        assertTrue(r.deployStderr().contains("is invalid because"), r.deployStderr());
        assertTrue(projectContainers(d).isEmpty());
    }

    @Test
    void aMissingEnvFileFailsTheDeploymentNamingTheFile() {
        String d = deployment();
        LaunchResult r = launcher.apply(d, LaunchSpec.parse("services:\n  web:\n    image: " + IMG
                + "\n    command: [sleep, '300']\n    env_file: missing.env\n", specDir, "spec.yaml"), Inputs.empty());
        assertEquals(Outcome.FAILED, r.status());
        assertTrue(r.service("web").reason().contains("Couldn't find env file: " + specDir.resolve("missing.env")),
                r.service("web").reason());
        assertEquals(1, r.deployStatusCode());
        assertTrue(projectContainers(d).isEmpty());
    }

    @Test
    void anEnvFileInputMissingIsRefusedBeforeAnythingRunsOrIsWritten() {
        String d = deployment();
        LaunchSpec spec = LaunchSpec.parse("x-slipway:\n  inputs:\n    app_env: {type: string, secret: true}\n"
                + "  env_files:\n    app.env: app_env\nservices:\n  web:\n    image: " + IMG
                + "\n    command: [sleep, '300']\n    env_file: app.env\n", specDir, "spec.yaml");
        InputException e = assertThrows(InputException.class, () -> launcher.apply(d, spec, Inputs.empty()));
        assertEquals("app_env", e.input());
        assertTrue(e.getMessage().contains("env_file 'app.env'"), e.getMessage());
        assertTrue(projectContainers(d).isEmpty());
        assertFalse(Files.exists(work.resolve(d)));
    }

    @Test
    void relativePathsResolveAgainstTheSpecsDirectory() throws Exception {
        Files.writeString(specDir.resolve("app.env"), "FROM_FILE=file value\n");
        Files.createDirectory(specDir.resolve("data"));
        Files.writeString(specDir.resolve("data/note.txt"), "mounted\n");
        String d = deployment();
        LaunchResult r = launcher.apply(d, LaunchSpec.parse("services:\n  show:\n    image: " + IMG + "\n"
                + "    command: [sh, -c, 'echo \"$$FROM_FILE\"; cat /data/note.txt']\n    env_file: app.env\n"
                + "    volumes: ['./data:/data:ro']\n    x-slipway: {oneshot: true}\n", specDir, "spec.yaml"), Inputs.empty());
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.service("show").logs().contains("file value\nmounted"), r.service("show").logs());
    }

    @Test
    void v1sOwnInterpolationLimitsAreRefusedBeforeAnythingRuns() {
        String d = deployment();
        SpecException e = assertThrows(SpecException.class, () -> apply(d, "services:\n  web:\n    image: " + IMG
                + "\n    command: [sh, -c, 'echo ${a:-${b:-c}}']\n"));
        assertEquals("services.web.command[2]", e.path());
        assertFalse(Files.exists(work.resolve(d)), "nothing written");
        assertTrue(projectContainers(d).isEmpty());
    }

    @Test
    void pullNeverWithAMissingImageStartsNothing() {
        String d = deployment();
        try (ComposeLauncher never = open("compose?pull=never&stop-timeout=0s&work-dir=" + work, System.getenv())) {
            LaunchResult r = never.apply(d, LaunchSpec.parse("services:\n"
                    + "  web:\n    image: slipway-test/absent:1\n"
                    + "  db:\n    image: " + IMG + "\n    command: [sleep, '300']\n"), Inputs.empty());
            assertEquals(Outcome.FAILED, r.status());
            assertEquals("image 'slipway-test/absent:1' is not present locally and pull=never", r.service("web").reason());
            assertEquals("not started: pull=never and images are missing: [slipway-test/absent:1]",
                    r.service("db").reason());
            assertTrue(projectContainers(d).isEmpty());
            assertEquals(0, projectNetworks(d));
        }
    }

    @Test
    void pullAlwaysPullsBeforeUpAndAPullFailureStartsNothing() {
        String d = deployment();
        try (ComposeLauncher always = open("compose?pull=always&stop-timeout=0s&work-dir=" + work, System.getenv())) {
            // The test image exists only here: no registry has it (and none is reachable from the tests).
            LaunchResult r = always.apply(d, LaunchSpec.parse("services:\n  web:\n    image: " + IMG
                    + "\n    command: [sleep, '300']\n"), Inputs.empty());
            assertEquals(Outcome.FAILED, r.status());
            assertTrue(r.service("web").reason().startsWith("not started: docker-compose pull exited with code 1: ERROR:"),
                    r.service("web").reason());
            assertTrue(projectContainers(d).isEmpty());
        }
    }
}
