package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values from the {@code .env} beside a spec and from env files given with the inputs, and their precedence. */
class InterpolationSourcesTest {

    private static final String DECLARED = """
            x-slipway:
              inputs:
                greeting: {type: string, required: true}
                port:     {type: number, default: 8080}
                level:    {type: string, default: info}
                password: {type: string, secret: true}
            services:
              web:
                image: busybox
                environment:
                  GREETING: ${greeting}
                  PORT: ${port}
                  LEVEL: ${level}
                  PASSWORD: ${password}
            """;

    @TempDir
    Path dir;

    private Path spec(String text) throws Exception {
        return Files.writeString(dir.resolve("stack.yaml"), text);
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Map<String, String> env(ResolvedSpec r) {
        return r.service("web").environment();
    }

    @Test
    void explicitInputsWinOverTheDotEnvWhichWinsOverDefaults() throws Exception {
        file(".env", "greeting=from-dotenv\nport=9000\n");
        ResolvedSpec r = LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.builder().put("port", 9100).build());
        assertEquals(Map.of("GREETING", "from-dotenv", "PORT", "9100", "LEVEL", "info", "PASSWORD", ""), env(r));
    }

    @Test
    void aLaterEnvFileWinsAndExplicitInputsWinOverEveryFile() throws Exception {
        Path a = file("a.env", "greeting=from-a\nport=9001\nlevel=from-a\n");
        Path b = file("b.env", "port=9002\nlevel=from-b\n");
        ResolvedSpec r = LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.builder().envFile(a).envFile(b)
                .put("level", "explicit").build());
        assertEquals(Map.of("GREETING", "from-a", "PORT", "9002", "LEVEL", "explicit", "PASSWORD", ""), env(r));
    }

    @Test
    void theDotEnvIsNotReadWhenEnvFilesAreGiven() throws Exception {
        file(".env", "greeting=from-dotenv\nlevel=from-dotenv\n");
        Path given = file("given.env", "greeting=from-given\n");
        ResolvedSpec r = LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.builder().envFile(given).build());
        assertEquals("from-given", env(r).get("GREETING"));
        assertEquals("info", env(r).get("LEVEL"), "the default, not the .env's value");
    }

    @Test
    void aSpecReadFromTextReadsNoDotEnv() throws Exception {
        file(".env", "greeting=from-dotenv\n");
        LaunchSpec spec = LaunchSpec.parse(DECLARED, dir, "stack.yaml");
        InputException e = assertThrows(InputException.class, () -> spec.resolve(Inputs.empty()));
        assertEquals("greeting", e.input());
    }

    @Test
    void aRequiredInputMayComeFromTheDotEnvAndNoDotEnvIsFine() throws Exception {
        Path stack = spec(DECLARED);
        assertThrows(InputException.class, () -> LaunchSpec.parse(stack).resolve(Inputs.empty()));
        file(".env", "greeting=hi\n");
        assertEquals("hi", env(LaunchSpec.parse(stack).resolve(Inputs.empty())).get("GREETING"));
    }

    @Test
    void aMissingEnvFileIsAnErrorNamingIt() throws Exception {
        Path missing = dir.resolve("missing.env");
        SpecException e = assertThrows(SpecException.class, () -> LaunchSpec.parse(spec(DECLARED))
                .resolve(Inputs.builder().put("greeting", "hi").envFile(missing).build()));
        assertEquals("cannot read env file " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aMalformedDotEnvNamesTheFileAndLine() throws Exception {
        Path dotEnv = file(".env", "greeting=hi\n# fine\nport='9000\n");
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.empty()));
        assertEquals(dotEnv + " line 3: unterminated single-quoted value", e.getMessage());
    }

    @Test
    void aValueFromAFileIsTypedByItsDeclaration() throws Exception {
        file(".env", "greeting=hi\nport=eighty\n");
        InputException e = assertThrows(InputException.class,
                () -> LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.empty()));
        assertEquals("input 'port' must be a number but was: eighty (from an env file)", e.getMessage());
    }

    @Test
    void aValueFromAFileIsSecretOnlyWhenItsInputIs() throws Exception {
        file(".env", "greeting=plain-greeting\npassword=s3cret-pass\n");
        ResolvedSpec r = LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.empty());
        assertEquals("s3cret-pass", env(r).get("PASSWORD"));
        assertEquals("pw " + Secret.MASK + " says plain-greeting", r.variables().mask("pw s3cret-pass says plain-greeting"));
    }

    @Test
    void entriesTheSpecDoesNotDeclareAreIgnoredEvenWhenStrict() throws Exception {
        file(".env", "greeting=hi\nOTHER_TOOL_SETTING=1\n");
        ResolvedSpec r = LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.builder().strict(true).build());
        assertNull(r.variables().get("OTHER_TOOL_SETTING"));
        assertEquals("hi", r.variables().get("greeting"));
    }

    @Test
    void dotEnvValuesMayUseEarlierEntries() throws Exception {
        file(".env", "name=world\ngreeting=\"hello ${name}\"\n");
        assertEquals("hello world", env(LaunchSpec.parse(spec(DECLARED)).resolve(Inputs.empty())).get("GREETING"));
    }

    @Test
    void inputsShowTheirEnvFilesButNoValues() {
        Inputs inputs = Inputs.builder().secret("pw", "hidden-value").envFile(Path.of("a.env")).build();
        assertEquals("Inputs{pw=" + Secret.MASK + "} with env files [a.env]", inputs.toString());
        assertTrue(Inputs.empty().envFiles().isEmpty());
    }
}
