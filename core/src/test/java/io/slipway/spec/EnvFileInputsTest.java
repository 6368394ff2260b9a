package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x-slipway.env_files}: env files whose content an input supplies. */
class EnvFileInputsTest {

    private static final String SPEC = """
            x-slipway:
              inputs:
                app_env: {type: string, secret: true, required: true}
                plain:   {type: string}
              env_files:
                conf/./app.env: app_env
            services:
              web:
                image: busybox
                env_file: [base.env, conf/app.env]
                environment: {MODE: override}
            """;

    @Test
    void theInputIsTheFileAndOtherFilesAreReadFromDisk(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.env"), "FROM_DISK=yes\nTOKEN=disk\nMODE=disk\n");
        ResolvedSpec r = LaunchSpec.parse(SPEC, dir, "stack.yaml")
                .resolve(Inputs.builder().secret("app_env", "# supplied\nTOKEN=tok-123456\nexport MODE=file\n").build());
        assertEquals(Map.of("conf/app.env", "app_env"), r.envFileInputs());
        ServiceSpec web = r.service("web");
        assertEquals(Optional.empty(), r.suppliedEnvFile(web.envFiles().get(0)));
        assertTrue(r.suppliedEnvFile(web.envFiles().get(1)).orElseThrow().contains("TOKEN=tok-123456"));
        // Later files win, environment wins over all: docker run's and Compose's order.
        assertEquals(Map.of("FROM_DISK", "yes", "TOKEN", "tok-123456", "MODE", "override"), r.environment(web));
        assertEquals(List.of("FROM_DISK", "TOKEN", "MODE"), List.copyOf(r.environment(web).keySet()));
    }

    @Test
    void eachValueOfASecretEnvFileIsMaskedButTinyOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.env"), "");
        ResolvedSpec r = LaunchSpec.parse(SPEC, dir, "stack.yaml")
                .resolve(Inputs.builder().secret("app_env", "TOKEN=tok-123456\nN=42\n").build());
        assertEquals("token " + Secret.MASK + ", n 42", r.variables().mask("token tok-123456, n 42"));
    }

    @Test
    void aPlainInputMasksNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.env"), "");
        String spec = SPEC.replace("conf/./app.env: app_env", "conf/app.env: plain");
        ResolvedSpec r = LaunchSpec.parse(spec, dir, "stack.yaml")
                .resolve(Inputs.builder().secret("app_env", "x").put("plain", "TOKEN=visible\n").build());
        assertEquals("token visible", r.variables().mask("token visible"));
        assertEquals("visible", r.environment(r.service("web")).get("TOKEN"));
    }

    @Test
    void aMissingInputIsAnInputErrorNamingTheFile() {
        String spec = SPEC.replace("conf/./app.env: app_env", "conf/app.env: plain");
        InputException e = assertThrows(InputException.class, () -> LaunchSpec.parse(spec, Path.of("/specs"), "s.yaml")
                .resolve(Inputs.builder().secret("app_env", "x").build()));
        assertEquals("plain", e.input());
        assertEquals("input 'plain' is missing: it is the content of env_file 'conf/app.env' (x-slipway.env_files); "
                + "give it, or declare a default", e.getMessage());
    }

    @Test
    void aFileNoServiceNamesIsAnError() {
        String spec = SPEC.replace("env_file: [base.env, conf/app.env]", "env_file: [base.env]");
        SpecException e = LaunchSpecErrorsTest.resolveError(spec, Inputs.builder().secret("app_env", "A=b").build());
        assertEquals("x-slipway.env_files.conf/./app.env", e.path());
        assertTrue(e.getMessage().endsWith("no service's env_file names 'conf/app.env'"), e.getMessage());
    }

    @Test
    void namesAndInputsAreChecked() {
        for (String bad : List.of("/etc/app.env", "../app.env", "conf/../../app.env", "''", ".")) {
            SpecException e = LaunchSpecErrorsTest.parseError(SPEC.replace("conf/./app.env: app_env", bad + ": app_env"));
            assertTrue(e.getMessage().contains("a relative path inside the spec's directory"), bad + ": " + e.getMessage());
        }
        SpecException e = LaunchSpecErrorsTest.parseError(SPEC.replace("conf/./app.env: app_env", "conf/app.env: nope"));
        assertEquals("x-slipway.env_files.conf/app.env", e.path());
        assertTrue(e.getMessage().endsWith("input 'nope' is not declared; declared inputs: app_env, plain"), e.getMessage());
        e = LaunchSpecErrorsTest.parseError(SPEC.replace("conf/./app.env: app_env", "conf/app.env: app_env\n    conf/./app.env: plain"));
        assertTrue(e.getMessage().endsWith("names the same file as another entry ('conf/app.env')"), e.getMessage());
        e = LaunchSpecErrorsTest.parseError(SPEC.replace("conf/./app.env: app_env", "conf/app.env: [app_env]"));
        assertEquals("x-slipway.env_files.conf/app.env", e.path());
    }

    @Test
    void aMalformedSuppliedFileNamesTheLineButNoPartOfIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.env"), "");
        ResolvedSpec r = LaunchSpec.parse(SPEC, dir, "stack.yaml")
                .resolve(Inputs.builder().secret("app_env", "OK=1\nhunter2 hunter3=x\n").build());
        SpecException e = assertThrows(SpecException.class, () -> r.environment(r.service("web")));
        assertEquals("services.web.env_file", e.path());
        assertTrue(e.getMessage().contains("env_file conf/app.env (from input 'app_env') line 2: bad variable name"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter"), e.getMessage());
    }
}
