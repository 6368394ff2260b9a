package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link EnvFile}: Compose's dotenv syntax, for env_file and for the interpolation sources (.env, --env-file). */
class EnvFileTest {

    private static String one(String line) {
        return EnvFile.parse(line, "test.env").get("V");
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "V=VAL                 | VAL",
        "V = VAL               | VAL",
        "`V=VAL  `             | VAL",
        "export V=VAL          | VAL",
        "`  export   V=VAL`    | VAL",
        "V=\"VAL\"             | VAL",
        "V='VAL'               | VAL",
        "V=VAL # comment       | VAL",
        "V=VAL# not a comment  | VAL# not a comment",
        "V=\"VAL # not\"       | VAL # not",
        "V=\"VAL\" # comment   | VAL",
        "V='VAL' # comment     | VAL",
        "V='$OTHER'            | $OTHER",
        "V='Let\\'s go!'       | Let's go!",
        "V=\"{\\\"a\\\": 1}\"  | {\"a\": 1}",
        "V='some\\tvalue'      | some\\tvalue",
        "V=some\\tvalue        | some\\tvalue",
        "V=\"back\\\\slash\"   | back\\slash",
        "V=\"keep \\q\"        | keep \\q",
        "V=a=b                 | a=b",
        "`V=`                  | ``",
        "V=\"\"                | ``",
        "V=it's                | it's",
    })
    void composeDotenvSyntax(String line, String expected) {
        assertEquals(expected == null ? "" : expected, one(line));
    }

    @Test
    void escapesInDoubleQuotesOnly() {
        assertEquals("a\tb\nc\rd", one("V=\"a\\tb\\nc\\rd\""));
    }

    @Test
    void commentsBlankLinesAndBareNamesAreSkippedInOrder() {
        Map<String, String> env = EnvFile.parse("# header\n\nA=1\n  # indented\nBARE\nB=2\r\nA=3\n", "t.env");
        assertEquals(List.of("A", "B"), List.copyOf(env.keySet()));
        assertEquals(Map.of("A", "3", "B", "2"), env);
    }

    @Test
    void quotedValuesMaySpanLines() {
        Map<String, String> env = EnvFile.parse("S='first\nsecond'\nD=\"one\n  two\" # c\nAFTER=x\n", "t.env");
        assertEquals("first\nsecond", env.get("S"));
        assertEquals("one\n  two", env.get("D"));
        assertEquals("x", env.get("AFTER"));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItOpensOn() {
        SpecException e = assertThrows(SpecException.class,
                () -> EnvFile.parse("A=1\nB=\"open\nC=3\n", "conf/app.env"));
        assertEquals("conf/app.env line 2: unterminated double-quoted value", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        SpecException e = assertThrows(SpecException.class, () -> EnvFile.parse("A='x'y\n", "t.env"));
        assertEquals("t.env line 1: only a # comment may follow a quoted value", e.getMessage());
    }

    @Test
    void aBadNameIsShownFromAFileButNotFromAnInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("web.env"), "OK=1\nBAD NAME=2\n");
        SpecException fromFile = assertThrows(SpecException.class, () -> EnvFile.read(file));
        assertEquals(file + " line 2: bad variable name 'BAD NAME' (a name is not empty and has no whitespace)",
                fromFile.getMessage());
        SpecException fromInput = assertThrows(SpecException.class, () -> EnvFile.parse("BAD NAME=2", "input"));
        assertFalse(fromInput.getMessage().contains("BAD"), fromInput.getMessage());
    }

    @Test
    void aServiceEnvFileIsNotInterpolated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("web.env"), "A=1\nB=${A}-$A\n");
        assertEquals("${A}-$A", EnvFile.read(file).get("B"));
    }

    @Test
    void interpolationSourcesUseEntriesAboveAndEarlierFiles(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("first.env"), "HOST=db\nPORT=5432\n");
        Path second = Files.writeString(dir.resolve("second.env"), String.join("\n",
                "PORT=6543",
                "URL=\"pg://${HOST}:$PORT/${NAME:-app}\"",
                "LITERAL='${HOST}'",
                "DOLLAR=a$$b",
                "UNSET=[${NOPE}]",
                "LATER=${AFTER:-not yet}",
                "AFTER=now"));
        Map<String, String> env = EnvFile.readInterpolationSources(List.of(first, second));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("HOST", "db");
        expected.put("PORT", "6543");
        expected.put("URL", "pg://db:6543/app");
        expected.put("LITERAL", "${HOST}");
        expected.put("DOLLAR", "a$b");
        expected.put("UNSET", "[]");
        expected.put("LATER", "not yet");
        expected.put("AFTER", "now");
        assertEquals(expected, env);
    }

    @Test
    void badInterpolationNamesTheLineButNotTheValue(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), "A=1\nTOKEN=s3cr3t-${oops\n");
        SpecException e = assertThrows(SpecException.class, () -> EnvFile.readInterpolationSources(List.of(file)));
        assertEquals(file + " line 2: the value of TOKEN is not valid interpolation (write $$ for a literal $)",
                e.getMessage());
        Path required = Files.writeString(dir.resolve("req.env"), "A=${MUST:?set MUST first}\n");
        SpecException r = assertThrows(SpecException.class, () -> EnvFile.readInterpolationSources(List.of(required)));
        assertEquals(required + " line 1: required variable MUST is missing a value: set MUST first", r.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.env");
        SpecException e = assertThrows(SpecException.class, () -> EnvFile.readInterpolationSources(List.of(missing)));
        assertEquals("cannot read env file " + missing + ": no such file", e.getMessage());
        assertTrue(EnvFile.readInterpolationSources(List.of()).isEmpty());
    }
}
