package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply --env-file} and the {@code .env} beside the spec, on the echo backend (it echoes each environment). */
class ApplyEnvFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Tr0ub4dor-from-a-file";

    @TempDir
    Path dir;

    /** The command-line tests' spec, copied into {@link #dir} so that a .env can sit beside it. */
    private String spec() throws Exception {
        return Files.copy(Path.of(Cli.resource("specs/app.yaml")), dir.resolve("app.yaml")).toString();
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static String webLogs(Cli.Run r) throws Exception {
        for (JsonNode s : JSON.readTree(r.out()).get("services")) {
            if (s.get("name").asText().equals("web")) {
                return s.get("logs").asText();
            }
        }
        throw new AssertionError("no web service in " + r);
    }

    @Test
    void theDotEnvBesideTheSpecGivesInputsAndDashIWins() throws Exception {
        String spec = spec();
        file(".env", "greeting=from-dotenv\nhttp_port=9000\ndebug=true\ndb_password=" + SECRET + "\n");
        Cli.Run r = Cli.run("apply", "dotenv", "-f", spec, "-i", "http_port=9100", "--json");
        assertEquals(0, r.exit(), r::toString);
        String logs = webLogs(r);
        assertTrue(logs.contains("GREETING=from-dotenv\n"), logs);
        assertTrue(logs.contains("PORT=9100\n"), logs);
        assertTrue(logs.contains("DEBUG=true\n"), logs);
        // db_password is declared secret: masked though it came from a file.
        assertTrue(logs.contains("DB_URL=postgres://app:******@db/app\n"), logs);
        assertFalse(r.all().contains(SECRET), r::toString);
    }

    @Test
    void envFilesReplaceTheDotEnvALaterOneWinsAndDashIWinsOverAll() throws Exception {
        String spec = spec();
        file(".env", "greeting=from-dotenv\ndebug=true\n");
        String a = file("a.env", "greeting=from-a\nhttp_port=9001\ndb_password=pw-from-a\n");
        String b = file("b.env", "http_port=9002\ngreeting=from-b\n");
        Cli.Run r = Cli.run("apply", "envfiles", "-f", spec, "--env-file", a, "--env-file", b, "-i", "greeting=explicit",
                "--json");
        assertEquals(0, r.exit(), r::toString);
        String logs = webLogs(r);
        assertTrue(logs.contains("GREETING=explicit\n"), logs);
        assertTrue(logs.contains("PORT=9002\n"), logs);
        assertTrue(logs.contains("DEBUG=false\n"), "the .env is not read when --env-file is given: " + logs);
    }

    @Test
    void aMissingEnvFileExitsTwoNamingIt() throws Exception {
        String spec = spec();
        Cli.Run r = Cli.run("apply", "no-env-file", "-f", spec, "--env-file", "no/such/file.env", "-i", "greeting=hi",
                "-i", "db_password=x");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("cannot read env file no/such/file.env: no such file"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void aMalformedEnvFileExitsTwoNamingTheFileAndLine() throws Exception {
        String spec = spec();
        String bad = file("bad.env", "greeting=hi\ndb_password=\"" + SECRET + "\n");
        Cli.Run r = Cli.run("apply", "bad-env-file", "-f", spec, "--env-file", bad);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(bad + " line 2: unterminated double-quoted value"), r::toString);
        assertFalse(r.all().contains(SECRET), r::toString);
    }

    @Test
    void aPlainComposeFileWarnsAboutUnsetVariables() throws Exception {
        String spec = file("compose.yaml", """
                services:
                  web:
                    image: busybox
                    environment: {A: "${A}", B: "[${B_UNSET}]"}
                """);
        file(".env", "A=from-dotenv\n");
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        Cli.Run r;
        try {
            r = Cli.run("apply", "plain", "-f", spec, "--json");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, r.exit(), r::toString);
        String logs = webLogs(r);
        assertTrue(logs.contains("A=from-dotenv\n"), logs);
        assertTrue(logs.contains("B=[]\n"), logs);
        String warnings = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, warnings.lines().filter(l -> l.contains("each interpolated as a blank string: B_UNSET")).count(),
                warnings);
    }

    @Test
    void theHelpDocumentsEnvFile() {
        Cli.Run r = Cli.run("apply", "--help");
        assertTrue(r.out().contains("--env-file=FILE"), r::toString);
        assertTrue(r.out().contains(".env beside SPEC"), r::toString);
    }

    @Test
    void strictRefusesAVariableTheSpecDoesNotDeclare() throws Exception {
        String spec = file("typo.yaml", """
                x-slipway:
                  inputs:
                    greeting: {type: string, default: hi}
                services:
                  web: {image: busybox, environment: {G: "${greting}"}}
                """);
        assertEquals(0, Cli.run("apply", "typo-lax", "-f", spec).exit());
        Cli.Run strict = Cli.run("apply", "typo-strict", "-f", spec, "--strict");
        assertEquals(2, strict.exit(), strict::toString);
        assertTrue(strict.err().contains("variable 'greting' is not a declared input (strict)"), strict::toString);
    }
}
