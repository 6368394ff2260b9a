package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's pull_policy; the errors are in LaunchSpecErrorsTest. */
class PullPolicyTest {

    @Test
    void eachValueIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
        ResolvedSpec r = LaunchSpec.parse("""
                services:
                  a: {image: x, pull_policy: always}
                  b: {image: x, pull_policy: never}
                  c: {image: x, pull_policy: missing}
                  d: {image: x, pull_policy: if_not_present}
                  e: {image: x, pull_policy: "${POLICY:-build}", build: .}
                  f: {image: x}
                """, dir, "s").resolve(Inputs.empty());
        assertEquals(ImagePull.ALWAYS, r.service("a").pullPolicy());
        assertEquals(ImagePull.NEVER, r.service("b").pullPolicy());
        assertEquals(ImagePull.MISSING, r.service("c").pullPolicy());
        assertEquals(ImagePull.MISSING, r.service("d").pullPolicy());
        assertEquals(ImagePull.BUILD, r.service("e").pullPolicy());
        assertNull(r.service("f").pullPolicy(), "the backend's setting applies");
        assertEquals(true, r.service("a").keys().contains("pull_policy"));
        // The fixed policies are the constants themselves, so backends may compare them with ==.
        assertSame(ImagePull.MISSING, r.service("d").pullPolicy());
        assertSame(ImagePull.BUILD, r.service("e").pullPolicy());
    }

    @Test
    void refreshPoliciesCarryTheirPeriodAndSpelling(@TempDir Path dir) {
        ResolvedSpec r = LaunchSpec.parse("""
                services:
                  a: {image: x, pull_policy: daily}
                  b: {image: x, pull_policy: weekly}
                  c: {image: x, pull_policy: every_12h}
                  d: {image: x, pull_policy: every_1h30m}
                  e: {image: x, pull_policy: "every_${P:-30m}"}
                  f: {image: x, pull_policy: every_1s}
                """, dir, "s").resolve(Inputs.empty());
        assertRefresh(r.service("a").pullPolicy(), Duration.ofDays(1), "daily");
        assertRefresh(r.service("b").pullPolicy(), Duration.ofDays(7), "weekly");
        assertRefresh(r.service("c").pullPolicy(), Duration.ofHours(12), "every_12h");
        assertRefresh(r.service("d").pullPolicy(), Duration.ofMinutes(90), "every_1h30m");
        assertRefresh(r.service("e").pullPolicy(), Duration.ofMinutes(30), "every_30m");
        assertRefresh(r.service("f").pullPolicy(), Duration.ofSeconds(1), "every_1s");
        assertEquals(ImagePull.every(Duration.ofHours(12)), r.service("c").pullPolicy());
    }

    private static void assertRefresh(ImagePull p, Duration period, String spelled) {
        assertEquals(ImagePull.Kind.REFRESH, p.kind());
        assertTrue(p.refresh());
        assertEquals(period, p.period());
        assertEquals(spelled, p.composeValue());
    }

    @Test
    void aRefreshIsDueWhenTheLastPullIsAtLeastThePeriodOldOrUnknown() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        ImagePull daily = ImagePull.every(Duration.ofDays(1));
        assertFalse(daily.due(now.minus(Duration.ofHours(23)), now), "pulled 23 h ago");
        assertFalse(daily.due(now.minus(Duration.ofDays(1)).plusMillis(1), now), "1 ms short of a day");
        assertTrue(daily.due(now.minus(Duration.ofDays(1)), now), "exactly a day");
        assertTrue(daily.due(now.minus(Duration.ofDays(3)), now));
        assertTrue(daily.due(null, now), "no record of a pull");
        assertFalse(daily.due(now.plusSeconds(5), now), "a last pull in the future (clock skew) is recent");
        ImagePull everySecond = ImagePull.every(Duration.ofSeconds(1));
        assertFalse(everySecond.due(now.minusMillis(999), now));
        assertTrue(everySecond.due(now.minusMillis(1000), now));
        for (ImagePull fixed : new ImagePull[] {ImagePull.ALWAYS, ImagePull.NEVER, ImagePull.MISSING, ImagePull.BUILD}) {
            assertFalse(fixed.due(null, now), fixed + " has no period, so it is never due by age");
        }
    }

    @Test
    void aRefreshNeedsAPositivePeriod() {
        assertThrows(IllegalArgumentException.class, () -> ImagePull.every(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ImagePull.every(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ImagePull(ImagePull.Kind.MISSING, Duration.ofSeconds(1), "missing"));
    }
}
