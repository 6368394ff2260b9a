package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.inputs.Inputs;
import io.slipway.spec.SpecException;
import io.slipway.tck.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Slipway's own loggers run at DEBUG in this module's tests (see the surefire configuration): a secret
 * must not reach them, nor an exception, while a deployment that uses it succeeds, fails and is replaced.
 */
class SecretLoggingIT extends EngineTestBase {

    private static final String SECRET = "Zq9-very-secret-value";

    @Test
    void aSecretNeverReachesDebugLogsOrExceptions() {
        assertTrue(org.slf4j.LoggerFactory.getLogger("io.slipway.dockerrun").isDebugEnabled(), "test needs DEBUG");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String d = deployment();
            String spec = "x-slipway:\n  inputs:\n    pw: {type: string, secret: true, required: true}\n"
                    + "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n"
                    + "    command: [sh, -c, 'echo \"using ${pw}\"; exit 1']\n    environment: {PW: '${pw}'}\n"
                    + "    x-slipway: {oneshot: true}\n";
            LaunchResult failed = apply(d, spec, Inputs.builder().secret("pw", SECRET).build());
            assertEquals(Outcome.FAILED, failed.status());
            LaunchResult replaced = apply(d, spec.replace("exit 1", "exit 0"), Inputs.builder().secret("pw", SECRET).build());
            assertTrue(replaced.succeeded(), replaced.describe());
            SpecException bad = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                    () -> apply(d, spec.replace("oneshot: true", "oneshot: true, timeout: '${pw}'"),
                            Inputs.builder().secret("pw", SECRET).build()));
            assertFalse(bad.getMessage().contains(SECRET), bad.getMessage());
            assertTrue(failed.toJson().contains("using ******"), failed.toJson());
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("DEBUG"), "no DEBUG output was captured: " + logs);
        assertFalse(logs.contains(SECRET), "secret in logs:\n" + logs);
    }
}
