package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.slipway.inputs.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
