package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.inputs.Inputs;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slipway's loggers run at DEBUG in this module's tests (see the surefire configuration): a secret handed to
 * label commands (as an option and through the environment) and to a default run must reach neither the logs
 * nor the result, its tool output included, while the deployment fails, is replaced and is deleted.
 */
class AtomicSecretLoggingIT extends AtomicEngineTestBase {

    private static final String SECRET = "Zq9-atomic-secret-value";

    @Test
    void aSecretNeverReachesDebugLogsOrTheResult() {
        assertTrue(org.slf4j.LoggerFactory.getLogger("io.slipway.atomic").isDebugEnabled(), "test needs DEBUG");
        String img = AgentImages.withLabels("slipway-test/atomic-secret:1", Map.of(
                "INSTALL", "docker run --rm IMAGE echo installing with $OPT1",
                "RUN", "docker run -d --name NAME -e PW IMAGE sh -c 'echo got it; env; exit $OPT2'"));
        String spec = "x-slipway:\n  inputs:\n    pw: {type: string, secret: true, required: true}\n"
                + "services:\n  labelled:\n    image: " + img + "\n    environment: {PW: '${pw}'}\n"
                + "    x-slipway: {oneshot: true, atomic: {opt1: '${pw}', opt2: '3'}}\n"
                + "  plain:\n    image: " + TestImages.BUSYBOX + "\n    command: [sh, -c, 'echo \"plain ${pw}\"']\n"
                + "    environment: {PW: '${pw}'}\n    x-slipway: {oneshot: true}\n";
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LaunchResult failed;
        LaunchResult replaced;
        try {
            String d = deployment();
            failed = apply(d, spec, Inputs.builder().secret("pw", SECRET).build());
            replaced = apply(d, spec.replace("opt2: '3'", "opt2: '0'"), Inputs.builder().secret("pw", SECRET).build());
            launcher.delete(d);
        } finally {
            System.setErr(original);
        }
        assertEquals(Outcome.FAILED, failed.status(), failed.describe());
        assertEquals(3, failed.service("labelled").exitCode());
        assertTrue(replaced.succeeded(), replaced.describe());
        for (LaunchResult r : new LaunchResult[] {failed, replaced}) {
            assertFalse(r.toJson().contains(SECRET), r.toJson());
            assertFalse(r.toolOutput().contains(SECRET) || r.toolErrors().contains(SECRET), r.toolOutput());
        }
        assertTrue(failed.toolOutput().contains("installing with ******"), failed.toolOutput());
        assertTrue(failed.service("labelled").logs().contains("PW=******"), failed.service("labelled").logs());
        assertTrue(failed.service("plain").logs().contains("plain ******"), failed.service("plain").logs());
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("DEBUG"), "no DEBUG output was captured: " + logs);
        assertFalse(logs.contains(SECRET), "secret in logs:\n" + logs);
    }
}
