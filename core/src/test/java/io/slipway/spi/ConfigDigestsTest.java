package io.slipway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-setting digests: which settings changed, without any value in the label. */
class ConfigDigestsTest {

    private static final String SECRET = "digest-S3cret-value";

    private static Map<String, String> digests(String command, String token) {
        ResolvedSpec r = LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    token: {type: string, secret: true}
                services:
                  web:
                    image: example/web:1
                    command: ["sh", "-c", "%s"]
                    environment:
                      TOKEN: ${token}
                      PLAIN: same
                    x-slipway:
                      wait: {running: true, timeout: 5s}
                """.formatted(command)).resolve(Inputs.builder().secret("token", token).build());
        ServiceSpec web = r.service("web");
        Map<String, Object> settings = ConfigDigests.settings(web, r.environment(web));
        settings.put("imageId", "sha256:1");
        return ConfigDigests.of(settings);
    }

    @Test
    void eachSettingHasAShortDigestAndEachVariableItsOwn() {
        Map<String, String> d = digests("echo a", SECRET);
        assertTrue(d.containsKey("command") && d.containsKey("image") && d.containsKey("imageId"), d.toString());
        assertTrue(d.containsKey("environment.TOKEN") && d.containsKey("environment.PLAIN"), d.toString());
        assertFalse(d.containsKey("waitCondition") || d.containsKey("keys") || d.containsKey("replicas")
                || d.containsKey("environment"), "not settings of the container: " + d);
        d.values().forEach(v -> assertTrue(v.matches("[0-9a-f]{12}"), v));
    }

    @Test
    void changedNamesExactlyTheSettingsThatDifferNeverAValue() {
        Map<String, String> before = digests("echo a", SECRET);
        assertEquals(List.of(), ConfigDigests.changed(before, digests("echo a", SECRET)));
        assertEquals(List.of("command"), ConfigDigests.changed(before, digests("echo b", SECRET)));
        assertEquals(List.of("environment.TOKEN"), ConfigDigests.changed(before, digests("echo a", "other-value")));
        assertEquals(List.of("command", "environment.TOKEN"), ConfigDigests.changed(before,
                digests("echo b", "other-value")));
        assertFalse(ConfigDigests.encode(before).contains(SECRET));
    }

    @Test
    void aLabelRoundTripsAndNoLabelMeansUnknown() {
        Map<String, String> d = digests("echo a", SECRET);
        String label = ConfigDigests.encode(d);
        assertEquals(d, ConfigDigests.decode(label));
        assertTrue(label.matches("([A-Za-z.]+=[0-9a-f]{12},)*[A-Za-z.]+=[0-9a-f]{12}"), label);
        assertEquals(Map.of(), ConfigDigests.decode(null));
        assertEquals(List.of(), ConfigDigests.changed(ConfigDigests.decode(null), d),
                "a container made before digests were recorded: which settings changed is unknown");
        assertEquals(List.of("gone", "new"), ConfigDigests.changed(Map.of("gone", "1", "same", "2"),
                Map.of("new", "3", "same", "2")));
    }

    @Test
    void theNameIsPartOfTheDigest() {
        Map<String, String> d = ConfigDigests.of(Map.of("a", "x", "b", "x"));
        assertNotEquals(d.get("a"), d.get("b"), "two settings with one value do not share a digest");
    }
}
