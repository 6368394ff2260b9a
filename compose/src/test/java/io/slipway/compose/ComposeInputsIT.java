package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.tck.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Inputs reach Compose as variables, exactly; a secret reaches only the 0600 env file and the tool's
 * environment. Slipway's loggers run at DEBUG in this module's tests (see the pom), so the logs are checked too.
 */
class ComposeInputsIT extends ComposeEngineTestBase {

    private static final String ECHO = "x-slipway:\n  inputs:\n    value: {type: string, required: true}\n"
            + "services:\n  show:\n    image: " + TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, 'printf \"<%s>\\n\" \"$$V\"']\n    environment: {V: '${value}'}\n"
            + "    x-slipway: {oneshot: true}\n";

    @Test
    void shellMetacharactersArriveVerbatim() {
        for (String value : new String[] {"it's \"quoted\" $HOME ${value} $$ $(id) `id` ; | & > < * ? ~ # \\ \\' end",
                "two\nlines", "  padded  ", "${value:-x} ${UNSET?boom}"}) {
            String d = deployment();
            LaunchResult r = apply(d, ECHO, Inputs.builder().put("value", value).build());
            assertTrue(r.succeeded(), r.describe());
            assertTrue(r.service("show").logs().contains("<" + value + ">"), value + " became " + r.service("show").logs());
        }
    }

    @Test
    void aSecretNeverReachesTheResultTheLogsOrAnException() throws Exception {
        assertTrue(org.slf4j.LoggerFactory.getLogger("io.slipway.compose").isDebugEnabled(), "test needs DEBUG");
        String secret = "Zq9-compose-secret-" + System.nanoTime();
        String spec = "x-slipway:\n  inputs:\n    pw: {type: string, secret: true, required: true}\n"
                + "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo \"using $$PW\"; exit 1']\n    environment: {PW: '${pw}'}\n"
                + "    x-slipway: {oneshot: true}\n";
        // The engine names the unknown user when it refuses to start the container; Compose prints that.
        String refused = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '300']\n"
                + "    user: '${pw}'\n";
        Inputs inputs = Inputs.builder().secret("pw", secret).build();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LaunchResult failed;
        LaunchResult notStarted;
        InputException reserved;
        String d = deployment();
        try {
            failed = apply(d, spec, inputs);
            notStarted = apply(deployment(), refused, inputs);
            reserved = assertThrows(InputException.class, () -> apply(deployment(), spec,
                    Inputs.builder().secret("pw", secret).secret("DOCKER_HOST", secret).build()));
            launcher.status(d);
            assertTrue(Files.readString(work.resolve(d).resolve("inputs.env")).contains(secret), "in the 0600 file");
            launcher.delete(d);
        } finally {
            System.setErr(original);
        }
        assertEquals(Outcome.FAILED, failed.status());
        assertTrue(failed.toJson().contains("using ******"), failed.toJson());
        assertEquals(Outcome.FAILED, notStarted.status());
        assertTrue(notStarted.service("app").reason().contains("******"), notStarted.service("app").reason());
        assertTrue(notStarted.toolErrors().contains("******"), notStarted.toolErrors());
        for (String shown : new String[] {failed.toJson(), failed.describe(), notStarted.toJson(), notStarted.describe(),
                notStarted.toolErrors(), reserved.getMessage(), launcher.toString()}) {
            assertFalse(shown.contains(secret), shown);
        }
        assertEquals("input 'DOCKER_HOST' cannot be given to docker-compose: a variable of that name also configures "
                + "the tool (reserved: PATH, HOME, USER, LOGNAME, LANG, LC_ALL, LC_CTYPE, TZ, TMPDIR, XDG_RUNTIME_DIR, "
                + "XDG_CONFIG_HOME, SSL_CERT_FILE, SSL_CERT_DIR, HTTP_PROXY, HTTPS_PROXY, NO_PROXY, http_proxy, "
                + "https_proxy, no_proxy, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CONFIG, DOCKER_API_VERSION, "
                + "COMPOSE_HTTP_TIMEOUT, COMPOSE_PARALLEL_LIMIT, DOCKER_BUILDKIT, COMPOSE_DOCKER_CLI_BUILD, DOCKER_*, "
                + "COMPOSE_*); rename the input", reserved.getMessage());
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("DEBUG io.slipway.compose"), "no DEBUG output was captured: " + logs);
        assertTrue(logs.contains("******"), "the tool's output is logged, masked: " + logs);
        assertFalse(logs.contains(secret), "secret in logs:\n" + logs);
    }
}
