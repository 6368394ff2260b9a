package io.slipway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LauncherConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigStringTest {

    private static LauncherConfigException fails(String text) {
        return assertThrows(LauncherConfigException.class, () -> ConfigString.parse(text));
    }

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "expected '" + f + "' in: " + message);
        }
    }

    @Test
    void nameOnly() {
        ConfigString cs = ConfigString.parse("docker-run");
        assertEquals("docker-run", cs.name());
        assertNull(cs.target());
        assertEquals(Map.of(), cs.options());
    }

    @Test
    void surroundingWhitespaceIsStripped() {
        ConfigString cs = ConfigString.parse("  compose?binary=docker-compose \n");
        assertEquals("compose", cs.name());
        assertEquals(Map.of("binary", "docker-compose"), cs.options());
    }

    @Test
    void targetKeepsItsColonsAndSlashes() {
        ConfigString cs = ConfigString.parse("docker-run:tcp://10.0.0.5:2376?tls-verify=true");
        assertEquals("docker-run", cs.name());
        assertEquals("tcp://10.0.0.5:2376", cs.target());
        assertEquals(Map.of("tls-verify", "true"), cs.options());
    }

    @Test
    void targetWithoutOptions() {
        ConfigString cs = ConfigString.parse("docker-run:unix:///var/run/docker.sock");
        assertEquals("unix:///var/run/docker.sock", cs.target());
        assertEquals(Map.of(), cs.options());
    }

    @Test
    void optionsKeepTheirWrittenOrder() {
        ConfigString cs = ConfigString.parse("atomic?z=1&agent-image=acme/agent:1&privileged-agent=true&a=2");
        assertEquals("atomic", cs.name());
        assertNull(cs.target());
        assertEquals(List.of("z", "agent-image", "privileged-agent", "a"), List.copyOf(cs.options().keySet()));
        assertEquals("acme/agent:1", cs.options().get("agent-image"));
        assertEquals("true", cs.options().get("privileged-agent"));
    }

    @Test
    void optionsAreUnmodifiable() {
        ConfigString cs = ConfigString.parse("x?a=1");
        assertThrows(UnsupportedOperationException.class, () -> cs.options().put("b", "2"));
    }

    @Test
    void emptyQueryMeansNoOptions() {
        ConfigString cs = ConfigString.parse("compose?");
        assertEquals("compose", cs.name());
        assertEquals(Map.of(), cs.options());
    }

    @Test
    void valueMayContainEqualsSignsAndColons() {
        ConfigString cs = ConfigString.parse("x?env=A=B&url=http://h:1/p");
        assertEquals("A=B", cs.options().get("env"));
        assertEquals("http://h:1/p", cs.options().get("url"));
    }

    @Test
    void emptyValueIsAllowed() {
        assertEquals(Map.of("a", ""), ConfigString.parse("x?a=").options());
    }

    @Test
    void valuesArePercentDecoded() {
        ConfigString cs = ConfigString.parse("compose?work-dir=%2Fsrv%2Fslipway%20dir&amp=a%26b&eq=%3d&euro=%E2%82%AC");
        assertEquals("/srv/slipway dir", cs.options().get("work-dir"));
        assertEquals("a&b", cs.options().get("amp"));
        assertEquals("=", cs.options().get("eq"));
        assertEquals("\u20ac", cs.options().get("euro"));
    }

    @Test
    void keysArePercentDecoded() {
        assertEquals(Map.of("my key", "v"), ConfigString.parse("x?my%20key=v").options());
    }

    @Test
    void plusStaysPlus() {
        ConfigString cs = ConfigString.parse("atomic?agent-image=acme/agent:1.0+build.5&p=%2B");
        assertEquals("acme/agent:1.0+build.5", cs.options().get("agent-image"));
        assertEquals("+", cs.options().get("p"));
    }

    @Test
    void targetIsNotDecoded() {
        assertEquals("a%20b", ConfigString.parse("x:a%20b").target());
    }

    @Test
    void nameMayUseDigitsDotsUnderscoresAndDashes() {
        assertEquals("my.back_end-2", ConfigString.parse("my.back_end-2").name());
        assertEquals("0x", ConfigString.parse("0x").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    @NullSource
    void emptyStringIsRejected(String text) {
        LauncherConfigException e = fails(text);
        assertContains(e.getMessage(), "empty launcher config string", "NAME[:TARGET]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Docker-Run", "-x", ".x", "docker run", "dock/er", "d\u00f6cker"})
    void badNameIsRejectedAndNamed(String name) {
        LauncherConfigException e = fails(name + "?a=1");
        assertContains(e.getMessage(), "bad backend name '" + name + "'", "lower-case letters");
    }

    @Test
    void missingNameBeforeTargetIsRejected() {
        LauncherConfigException e = fails(":tcp://h:1");
        assertContains(e.getMessage(), "bad backend name ''");
    }

    @Test
    void missingNameBeforeOptionsIsRejected() {
        assertContains(fails("?a=1").getMessage(), "bad backend name ''");
    }

    @Test
    void emptyTargetIsRejected() {
        LauncherConfigException e = fails("docker-run:?tls-verify=true");
        assertContains(e.getMessage(), "empty target after 'docker-run:'");
        assertContains(fails("docker-run:").getMessage(), "empty target after 'docker-run:'");
    }

    @Test
    void optionWithoutEqualsIsRejected() {
        LauncherConfigException e = fails("compose?a");
        assertContains(e.getMessage(), "bad option 1 of 1", "it has no '='", "key=value");
    }

    @Test
    void optionWithoutKeyIsRejected() {
        // The value after a missing key may be a secret: it is not echoed.
        LauncherConfigException e = fails("compose?=v4lue");
        assertContains(e.getMessage(), "bad option 1 of 1", "it has no key");
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("v4lue"), e.getMessage());
    }

    @Test
    void emptyOptionBetweenAmpersandsIsRejected() {
        assertContains(fails("compose?a=1&&b=2").getMessage(), "bad option 2 of 3", "it is empty");
        assertContains(fails("compose?a=1&").getMessage(), "bad option 2 of 2", "it is empty");
    }

    @Test
    void nameRunningIntoOptionsIsShownOnlyToItsFirstBadCharacter() {
        // Found by ConfigStringPropertyTest: with the '?' missing, the whole string, password included, was shown.
        LauncherConfigException e = fails("test-fullpassword=s3cret-value&tls-verify=true");
        assertContains(e.getMessage(), "bad backend name 'test-fullpassword...'", "character '=' at offset 17",
                "'?' before the options missing");
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("s3cret-value"), e.getMessage());
    }

    @Test
    void laterBadOptionIsNumberedNotShown() {
        assertContains(fails("compose?a=1&flag&b=2").getMessage(), "bad option 2 of 3", "it has no '='", "%26");
    }

    @Test
    void secretCutAtAnUnescapedAmpersandIsNotShown() {
        // Found by ConfigStringPropertyTest: the part after the '&' was echoed as a "bad option".
        LauncherConfigException e = fails("test-full?password=first-half&second-half-of-the-secret&tls-verify=true");
        assertContains(e.getMessage(), "bad option 2 of 3", "backend 'test-full'", "%26");
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("second-half"), e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "tcp://user:pa55word@10.0.0.5:2376, tcp://******@10.0.0.5:2376",
        "ssh://admin:pa55word@host/p@th, ssh://******@th",
        "tcp://user:pa5/5word@host, tcp://******@host",
        "https://pa55word@registry/x, https://******@registry/x",
        "tcp//user:pa55word@host, tcp//******@host",
        "https:/user:pa55@word@registry/x, ******@registry/x",
        "tcp://10.0.0.5:2376, tcp://10.0.0.5:2376",
        "unix:///var/run/docker.sock, unix:///var/run/docker.sock",
        "host/a@b, ******@b"})
    void targetsUserInfoIsMasked(String target, String shown) {
        assertEquals(shown, ConfigString.maskTarget(target));
    }

    @Test
    void duplicateKeyIsRejected() {
        LauncherConfigException e = fails("compose?binary=a&work-dir=/x&binary=b");
        assertContains(e.getMessage(), "option 'binary' is given twice");
    }

    @Test
    void duplicateKeyIsDetectedAfterDecoding() {
        assertContains(fails("x?a=1&%61=2").getMessage(), "option 'a' is given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab%zz", "ab%", "ab%4", "%g0", "%0g", "a%%20"})
    void badEscapeInValueIsRejectedAndNamed(String value) {
        LauncherConfigException e = fails("compose?k=" + value);
        assertContains(e.getMessage(), "bad percent-escape in the value of option 'k'", "two hex digits");
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains(value), "a value may be secret: " + e.getMessage());
    }

    @Test
    void badEscapeInKeyIsRejectedAndNamed() {
        assertContains(fails("compose?k%x=1").getMessage(), "bad percent-escape in option name 'k%x'");
    }

    @Test
    void escapeAtTheVeryEndIsAccepted() {
        assertEquals("a!", ConfigString.parse("x?k=a%21").options().get("k"));
    }
}
