package io.slipway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.internal.ConfigString;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import io.slipway.testproviders.BareProvider;
import io.slipway.testproviders.FullOptionsProvider;
import io.slipway.testproviders.FullOptionsProvider.Pull;
import io.slipway.testproviders.RecordingLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchersTest {

    private static final String SECRET = "s3cr3t-Pa55";

    private static LauncherConfig open(String config) {
        try (ContainerLauncher l = Launchers.open(config)) {
            return assertInstanceOf(RecordingLauncher.class, l).config();
        }
    }

    private static LauncherConfigException fails(String config) {
        return assertThrows(LauncherConfigException.class, () -> Launchers.open(config));
    }

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "expected '" + f + "' in: " + message);
        }
    }

    @Test
    void availableListsTheTestProvidersFromTheServicesFile() {
        assertEquals(List.of(BareProvider.NAME, FullOptionsProvider.NAME),
                Launchers.available().stream().map(LauncherProvider::name).sorted().collect(Collectors.toList()));
        assertEquals(List.of(), Launchers.problems());
    }

    @Test
    void opensByName() {
        try (ContainerLauncher l = Launchers.open("test-full")) {
            assertEquals(FullOptionsProvider.NAME, l.backend());
            LauncherConfig c = ((RecordingLauncher) l).config();
            assertEquals("test-full", c.name());
            assertEquals(Optional.empty(), c.target());
        }
        try (ContainerLauncher l = Launchers.open("test-bare")) {
            assertEquals(BareProvider.NAME, l.backend());
        }
    }

    @Test
    void opensByAliasAndKeepsTheNameAsWritten() {
        try (ContainerLauncher l = Launchers.open("tfull")) {
            assertEquals(FullOptionsProvider.NAME, l.backend());
            assertEquals("tfull", ((RecordingLauncher) l).config().name());
        }
    }

    @Test
    void targetIsPassed() {
        LauncherConfig c = open("test-full:tcp://10.0.0.5:2376?tls-verify=true");
        assertEquals(Optional.of("tcp://10.0.0.5:2376"), c.target());
        assertTrue(c.get(FullOptionsProvider.TLS));
    }

    @Test
    void typedOptionValuesReachTheConfig() {
        LauncherConfig c = open("tfull?label=hello%20world&tls-verify=TRUE&retries=%207&timeout=30s&pull=never"
                + "&password=" + SECRET);
        assertEquals("hello world", c.get(FullOptionsProvider.LABEL));
        assertEquals(Boolean.TRUE, c.get(FullOptionsProvider.TLS));
        assertEquals(Integer.valueOf(7), c.get(FullOptionsProvider.RETRIES));
        assertEquals(Duration.ofSeconds(30), c.get(FullOptionsProvider.TIMEOUT));
        assertEquals(Pull.NEVER, c.get(FullOptionsProvider.PULL));
        assertEquals(SECRET, c.get(FullOptionsProvider.PASSWORD));
        for (LauncherOption<?> o : new FullOptionsProvider().options()) {
            assertTrue(c.isSet(o), o.key());
        }
    }

    @Test
    void enumSpellingUsesDashes() {
        assertEquals(Pull.IF_NOT_PRESENT, open("test-full?pull=if-not-present").get(FullOptionsProvider.PULL));
        assertEquals(Pull.ALWAYS, open("test-full?pull=always").get(FullOptionsProvider.PULL));
        assertEquals(Duration.ofMinutes(1).plusSeconds(30), open("test-full?timeout=1m30s").get(FullOptionsProvider.TIMEOUT));
        assertEquals(Duration.ofMillis(500), open("test-full?timeout=500ms").get(FullOptionsProvider.TIMEOUT));
        assertEquals(Boolean.FALSE, open("test-full?tls-verify=false").get(FullOptionsProvider.TLS));
        assertEquals(Integer.valueOf(-2), open("test-full?retries=-2").get(FullOptionsProvider.RETRIES));
    }

    @Test
    void defaultsApplyWhenAbsent() {
        LauncherConfig c = open("test-full?retries=9");
        assertEquals("plain", c.get(FullOptionsProvider.LABEL));
        assertEquals(Boolean.FALSE, c.get(FullOptionsProvider.TLS));
        assertEquals(Integer.valueOf(9), c.get(FullOptionsProvider.RETRIES));
        assertEquals(Duration.ofSeconds(10), c.get(FullOptionsProvider.TIMEOUT));
        assertEquals(Pull.IF_NOT_PRESENT, c.get(FullOptionsProvider.PULL));
        assertEquals(null, c.get(FullOptionsProvider.PASSWORD));
        assertTrue(c.isSet(FullOptionsProvider.RETRIES));
        assertFalse(c.isSet(FullOptionsProvider.TLS));
        assertFalse(c.isSet(FullOptionsProvider.PASSWORD));
        assertEquals("test-full?retries=9", c.toString());
    }

    @Test
    void configToStringShowsGivenOptionsInOrderWithEnumSpelling() {
        LauncherConfig c = open("tfull:unix:///run/d.sock?pull=if-not-present&timeout=30s&label=x");
        String shown = c.toString();
        assertTrue(shown.startsWith("tfull:unix:///run/d.sock?pull=if-not-present&timeout="), shown);
        assertTrue(shown.endsWith("&label=x"), shown);
    }

    @Test
    void unknownOptionNamesItAndListsTheValidOnes() {
        LauncherConfigException e = fails("test-full?tls=true");
        assertContains(e.getMessage(), "unknown option 'tls'", "backend 'test-full'",
                "valid options: label, password, tls-verify, retries, timeout, pull");
    }

    @Test
    void unknownOptionForABackendWithoutOptionsSaysNone() {
        LauncherConfigException e = fails("test-bare?x=1");
        assertContains(e.getMessage(), "unknown option 'x'", "backend 'test-bare'", "valid options: none");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "retries=many|'many'|option 'retries'|must be an integer",
        "retries=1.5|'1.5'|option 'retries'|must be an integer",
        "tls-verify=yes|'yes'|option 'tls-verify'|valid values: true, false",
        "pull=sometimes|'sometimes'|option 'pull'|valid values: always, if-not-present, never",
        "pull=IF_NOT_PRESENT|'IF_NOT_PRESENT'|option 'pull'|valid values: always, if-not-present, never",
        "timeout=30|'30'|option 'timeout'|write e.g. 500ms, 30s, 5m",
        "timeout=soon|'soon'|option 'timeout'|write e.g. 500ms, 30s, 5m",
    })
    void badValueNamesOptionValueAndWhatIsValid(String option, String value, String name, String valid) {
        LauncherConfigException e = fails("test-full?" + option);
        assertContains(e.getMessage(), "bad value " + value, name, valid);
    }

    @Test
    void secretOptionIsMaskedInConfigToString() {
        LauncherConfig c = open("test-full?password=" + SECRET + "&label=visible");
        assertEquals("test-full?password=******&label=visible", c.toString());
        assertFalse(c.toString().contains(SECRET));
    }

    @Test
    void secretOptionValueNeverAppearsInAnExceptionAboutAnotherOption() {
        LauncherConfigException e = fails("test-full?password=" + SECRET + "&retries=x");
        assertContains(e.getMessage(), "option 'retries'");
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        LauncherConfigException unknown = fails("test-full?password=" + SECRET + "&nope=1");
        assertFalse(unknown.getMessage().contains(SECRET), unknown.getMessage());
        LauncherConfigException target = fails("test-bare:somewhere?password=" + SECRET);
        assertFalse(target.getMessage().contains(SECRET), target.getMessage());
    }

    @Test
    void secretOptionValueIsMaskedWhenItsOwnParseFails() {
        LauncherOption<Integer> pin = new LauncherOption<>("pin", Integer.class, null, "a secret number", List.of(), true,
                s -> Integer.valueOf(s));
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> pin.parse("12ab"));
        assertContains(e.getMessage(), "bad value ******", "option 'pin'");
        assertFalse(e.getMessage().contains("'12ab'"), e.getMessage());
    }

    @Test
    void secretOptionValueNeverAppearsInSyntaxErrors() {
        for (String config : List.of("test-full?password=" + SECRET + "%zz",
                "test-full?password=" + SECRET + "&password=" + SECRET,
                "test-full?password=" + SECRET + "&flag")) {
            LauncherConfigException e = fails(config);
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }

    @Test
    void targetForABackendThatTakesNoneIsAnError() {
        LauncherConfigException e = fails("test-bare:tcp://h:1");
        assertContains(e.getMessage(), "backend 'test-bare' takes no target", "'tcp://h:1'");
    }

    @Test
    void unknownBackendNamesItAndListsAvailableNames() {
        LauncherConfigException e = fails("kubernetes?x=1");
        assertContains(e.getMessage(), "no launcher backend named 'kubernetes'", "available: test-bare, test-full, tfull");
    }

    @Test
    void syntaxErrorsSurfaceFromOpen() {
        assertContains(fails("").getMessage(), "empty launcher config string");
        assertContains(fails("Test-Full").getMessage(), "bad backend name 'Test-Full'");
    }

    @Test
    void configureCanBeCalledDirectly() {
        LauncherConfig c = Launchers.configure(new FullOptionsProvider(),
                new ConfigString("x", "t", Map.of("retries", "4")));
        assertEquals("x", c.name());
        assertEquals(Optional.of("t"), c.target());
        assertEquals(Integer.valueOf(4), c.get(FullOptionsProvider.RETRIES));
    }

    @Test
    void defaultConfigPrefersTheEnvironment() {
        Properties props = new Properties();
        props.setProperty(Launchers.PROPERTY, "test-bare");
        assertEquals("test-full?retries=1", Launchers.defaultConfig(Map.of("SLIPWAY_LAUNCHER", "test-full?retries=1"), props));
    }

    @Test
    void defaultConfigFallsBackToTheSystemProperty() {
        Properties props = new Properties();
        props.setProperty("slipway.launcher", "test-bare");
        assertEquals("test-bare", Launchers.defaultConfig(Map.of(), props));
        assertEquals("test-bare", Launchers.defaultConfig(Map.of("SLIPWAY_LAUNCHER", "  "), props));
        assertEquals("test-bare", Launchers.defaultConfig(Map.of("OTHER", "test-full"), props));
    }

    @Test
    void chooseConfigIsOneRuleExplicitThenEnvironmentThenProperty() {
        Properties props = new Properties();
        props.setProperty(Launchers.PROPERTY, " from-prop ");
        Map<String, String> env = Map.of(Launchers.ENV, "from-env");
        assertEquals(Optional.of("first"), Launchers.chooseConfig(env, props, null, " ", "first", "second"));
        assertEquals(Optional.of("from-env"), Launchers.chooseConfig(env, props, (String) null));
        assertEquals(Optional.of("from-prop"), Launchers.chooseConfig(Map.of(Launchers.ENV, " "), props));
        assertEquals(Optional.empty(), Launchers.chooseConfig(Map.of(), new Properties(), "", null));
        assertEquals("docker-run", Launchers.DEFAULT_BACKEND);
    }

    @Test
    void defaultConfigWithNeitherSetIsAnErrorListingBackends() {
        Properties blank = new Properties();
        blank.setProperty("slipway.launcher", "");
        for (Properties props : List.of(new Properties(), blank)) {
            LauncherConfigException e = assertThrows(LauncherConfigException.class,
                    () -> Launchers.defaultConfig(Map.of(), props));
            assertContains(e.getMessage(), "no launcher selected", "SLIPWAY_LAUNCHER", "-Dslipway.launcher", "available: ");
            assertContains(e.getMessage(), "test-full", "test-bare");
        }
    }

    @Test
    void constantsAreTheDocumentedNames() {
        assertEquals("SLIPWAY_LAUNCHER", Launchers.ENV);
        assertEquals("slipway.launcher", Launchers.PROPERTY);
    }

    @Test
    void targetsPasswordIsNotShown() {
        // Found by ConfigStringPropertyTest: a password in the target's user info was shown by toString() and errors.
        try (ContainerLauncher l = Launchers.open("test-full:tcp://user:pa55word-x@10.0.0.5:2376?password=pa55word-x")) {
            String shown = ((RecordingLauncher) l).config().toString();
            assertEquals("test-full:tcp://******@10.0.0.5:2376?password=******", shown);
        }
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> Launchers.open("test-bare:tcp://u:pa55word-x@h"));
        assertTrue(e.getMessage().contains("tcp://******@h"), e.getMessage());
        assertFalse(e.getMessage().contains("pa55word-x"), e.getMessage());
    }

    @Test
    void unknownOptionAfterASecretIsNotShown() {
        // Found by ConfigStringPropertyTest: the rest of a password cut at an unescaped '&' was shown as the option name.
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> Launchers.open("test-full?password=first&second-part-x=1&retries=2"));
        assertTrue(e.getMessage().startsWith("unknown option 2 (after the secret option 'password'"), e.getMessage());
        assertFalse(e.getMessage().contains("second-part-x"), e.getMessage());
    }

    @Test
    void targetAfterAMisplacedQuestionMarkIsMaskedAsAnOptionName() {
        // Found by ConfigStringPropertyTest: the whole key, user info and password included, was shown.
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> Launchers.open("test-full?:tcp://user:pa55word-x@10.0.0.5:2376?password=x"));
        assertTrue(e.getMessage().startsWith("unknown option a name that is no option name, not shown for backend "
                + "'test-full'"), e.getMessage());
        assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
    }

    @Test
    void aTargetMadeIntoAnOptionNameIsNotShownWhenItsValueIsBad() {
        // Found by ConfigStringPropertyTest: the '?' moved into the backend name, the target became an option name
        // without '@' (that was in the value), and the percent-escape error showed it, password and all.
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> Launchers.open("t?est-full:tcp://user:pa55word-x=%@10.0.0.5:2376?password=x"));
        assertEquals("bad percent-escape in the value of option 1 of 1 (a name that is no option name, not shown) of "
                + "the config string: '%' must be followed by two hex digits", e.getMessage());
    }
}
