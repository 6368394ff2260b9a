package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the engine's record of an image's last pull is read from an image inspect. */
class ImageResolverTest {

    private static Map<String, Object> inspect(Object metadata) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("Id", "sha256:1");
        if (metadata != null) {
            raw.put("Metadata", metadata);
        }
        return raw;
    }

    @Test
    void lastTagTimeIsTheLastPull() {
        assertEquals(Instant.parse("2026-12-06T10:52:02.963164111Z"),
                ImageResolver.lastPulled(inspect(Map.of("LastTagTime", "2026-12-06T10:52:02.963164111Z"))));
    }

    @Test
    void noRecordIsUnknown() {
        assertNull(ImageResolver.lastPulled(null));
        assertNull(ImageResolver.lastPulled(inspect(null)), "an engine before API 1.40 has no Metadata");
        assertNull(ImageResolver.lastPulled(inspect(Map.of())), "a built or imported image has no LastTagTime");
        assertNull(ImageResolver.lastPulled(inspect(Map.of("LastTagTime", "0001-01-01T00:00:00Z"))), "the zero time");
        assertNull(ImageResolver.lastPulled(inspect(Map.of("LastTagTime", ""))));
        assertNull(ImageResolver.lastPulled(inspect(Map.of("LastTagTime", "yesterday"))));
        assertNull(ImageResolver.lastPulled(inspect("not a map")));
    }
}
