package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply} shows each line of a build on its progress output (stderr), under the service, as it shows waits. */
class BuildProgressCliIT {

    @Test
    void theBuildsLinesAreOnStderrUnderTheService(@TempDir Path dir) throws Exception {
        String marker = "cli-build-step-" + UUID.randomUUID().toString().substring(0, 8);
        String d = "cli-build-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM " + TestImages.busybox() + "\nRUN echo " + marker
                + "\nCMD [\"true\"]\n");
        Path spec = Files.writeString(dir.resolve("compose.yaml"),
                "services:\n  app:\n    build: ./app\n    x-slipway: {oneshot: true}\n");
        Map<String, String> env = Map.of("SLIPWAY_LAUNCHER", "docker-run");
        try {
            Cli.Run r = Cli.run(env, "apply", d, "-f", spec.toString());
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.err().contains("  app: build | " + marker + "\n"), r::toString);
            assertTrue(r.err().contains("  app: build | Step 2/") && r.err().contains(" : RUN echo " + marker + "\n"),
                    r::toString);
            assertFalse(r.out().contains(marker), "progress is not the result: " + r.out());
        } finally {
            Cli.run(env, "delete", d);
            try {
                TestEngine.client().removeImageCmd(d + "-app").withForce(true).exec();
            } catch (NotFoundException e) {
                // delete removed it
            }
        }
    }
}
