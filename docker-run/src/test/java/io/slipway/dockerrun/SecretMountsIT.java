package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.engine.SecretFiles;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets and configs on docker-run: files beside the spec, private copies of inputs, errors before anything starts. */
class SecretMountsIT extends EngineTestBase {

    private static final String SPEC = """
            x-slipway:
              inputs:
                pw: {type: string, secret: true, required: true}
            secrets:
              cert: {file: certs/tls.pem}
              pw: {environment: pw}
            configs:
              conf: {file: ./app.conf}
            services:
              show:
                image: %s
                command: [sh, -c, 'echo "cert=$(cat /run/secrets/cert) conf=$(cat /etc/app.conf)"; sleep 300']
                secrets: [cert, {source: pw, target: db/password}]
                configs: [{source: conf, target: /etc/app.conf}]
                x-slipway: {wait: {log: "cert="}}
            """.formatted(TestImages.BUSYBOX);

    private static Path files(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/tls.pem"), "CERT-BODY-123\n");
        Files.writeString(dir.resolve("app.conf"), "mode=test\n");
        return dir;
    }

    @Test
    void filesAreMountedAsTheyAreAndAnInputThroughAPrivateCopyRemovedByDelete(@TempDir Path tmp) throws Exception {
        Path dir = files(tmp);
        String d = deployment();
        LaunchResult r = launcher.apply(d, LaunchSpec.parse(SPEC, dir, "stack.yaml"),
                Inputs.builder().secret("pw", "very-secret-pw").build());
        assertTrue(r.succeeded(), r.describe());
        // A secret read from a file is masked too.
        assertTrue(r.service("show").logs().contains("cert=****** conf=mode=test"), r.service("show").logs());

        Path copy = SecretFiles.defaultRoot(DockerRunProvider.NAME, System.getenv()).resolve(d).resolve("show/secrets/pw");
        assertEquals("very-secret-pw", Files.readString(copy));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())));
        var inspect = docker().inspectContainerCmd(r.service("show").containerId()).exec();
        assertFalse(String.valueOf(inspect.getConfig().getLabels()).contains("very-secret-pw"));
        assertFalse(String.join(" ", inspect.getConfig().getEnv()).contains("very-secret-pw"));

        LaunchResult same = launcher.apply(d, LaunchSpec.parse(SPEC, dir, "stack.yaml"),
                Inputs.builder().secret("pw", "very-secret-pw").build());
        assertEquals(r.service("show").containerId(), same.service("show").containerId(), "unchanged: kept");
        Files.writeString(dir.resolve("app.conf"), "mode=changed\n");
        LaunchResult changed = launcher.apply(d, LaunchSpec.parse(SPEC, dir, "stack.yaml"),
                Inputs.builder().secret("pw", "very-secret-pw").build());
        assertTrue(changed.service("show").changed(), "a changed file replaces the container");
        assertTrue(changed.service("show").logs().contains("conf=mode=changed"), changed.service("show").logs());

        launcher.delete(d);
        assertFalse(Files.exists(copy.getParent().getParent().getParent()), "delete removes the private copies");
    }

    @Test
    void errorsComeBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
        Path dir = files(tmp);
        String d = deployment();
        Files.delete(dir.resolve("app.conf"));
        SpecException missing = assertThrows(SpecException.class, () -> launcher.apply(d,
                LaunchSpec.parse(SPEC, dir, "stack.yaml"), Inputs.builder().secret("pw", "x").build()));
        assertEquals("configs.conf.file", missing.path());
        SpecException uid = assertThrows(SpecException.class, () -> launcher.apply(d, LaunchSpec.parse(
                "secrets: {s: {file: certs/tls.pem}}\nservices: {a: {image: x, secrets: [{source: s, uid: www}]}}\n",
                dir, "stack.yaml"), Inputs.empty()));
        assertEquals("services.a.secrets[0].uid", uid.path());
        assertTrue(uid.getMessage().contains("a numeric id"), uid.getMessage());
        assertFalse(launcher.status(d).exists());
    }
}
