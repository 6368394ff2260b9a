package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets and configs through the real docker-compose: files beside the spec, inputs through 0600 work files. */
class ComposeSecretsIT extends ComposeEngineTestBase {

    private static final String SPEC = """
            x-slipway:
              inputs:
                pw: {type: string, secret: true, required: true}
            secrets:
              cert: {file: certs/tls.pem}
              pw: {environment: pw, name: db-password}
            configs:
              conf: {file: ./app.conf}
              inline: {content: "level=${pw}"}
            services:
              show:
                image: %s
                command: [sh, -c, 'echo "cert=$$(cat /run/secrets/cert) pw=$$(cat /run/secrets/db/password) conf=$$(cat /etc/app.conf)"']
                secrets: [cert, {source: pw, target: db/password}]
                configs: [{source: conf, target: /etc/app.conf}, inline]
                x-slipway: {oneshot: true}
            """.formatted(TestImages.BUSYBOX);

    @Test
    void filesAreMountedAsTheyAreInputsThroughPrivateWorkFiles(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("certs"));
        Files.writeString(tmp.resolve("certs/tls.pem"), "CERT-BODY-123\n");
        Files.writeString(tmp.resolve("app.conf"), "mode=test\n");
        String d = deployment();
        LaunchResult r = launcher.apply(d, LaunchSpec.parse(SPEC, tmp, "stack.yaml"),
                Inputs.builder().secret("pw", "very-secret-pw").build());
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.service("show").logs().contains("cert=****** pw=****** conf=mode=test"), r.service("show").logs());

        Path dir = work.resolve(d);
        Path pw = dir.resolve("secrets/pw");
        assertEquals("very-secret-pw", Files.readString(pw));
        assertEquals("level=very-secret-pw", Files.readString(dir.resolve("configs/inline")), "interpolated");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw.getParent())));
        String composeFile = Files.readString(dir.resolve(WorkDir.COMPOSE_FILE));
        assertFalse(composeFile.contains("very-secret-pw"), composeFile);
        assertTrue(composeFile.contains(ComposeSecrets.DIGEST_LABEL), composeFile);

        launcher.delete(d);
        assertFalse(Files.exists(pw), "delete removes the work files");
    }

    @Test
    void aBadModeIsAnErrorBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.txt"), "x\n");
        String d = deployment();
        SpecException e = assertThrows(SpecException.class, () -> launcher.apply(d, LaunchSpec.parse(
                "secrets: {s: {file: a.txt}}\nservices: {a: {image: x, secrets: [{source: s, mode: '0999'}]}}\n",
                tmp, "stack.yaml"), Inputs.empty()));
        assertEquals("services.a.secrets[0].mode", e.path());
        assertTrue(e.getMessage().contains("a file mode in octal from 0 to 0777"), e.getMessage());
        assertFalse(Files.exists(work.resolve(d).resolve(WorkDir.COMPOSE_FILE)));
    }
}
