package io.slipway.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.SwarmMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pull_policy: daily | every_<duration>} on the swarm backend: the manager resolves the image by the engine's
 * record of its last pull or tag ({@code LastTagTime}); nothing can be pulled here, so a due pull fails.
 */
@ExtendWith(SwarmMode.class)
class SwarmPullPolicyIT {

    @Test
    void aFreshTagRunsWithoutPullingAndAStaleOneIsPulledAndFailsNamingImageAndPolicy(@TempDir Path dir)
            throws Exception {
        TestImages.busybox();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String fresh = "slipway-test/swarm-fresh-" + id + ":1";
        String stale = "slipway-test/swarm-stale-" + id + ":1";
        String d = "swpull-" + id;
        Path ctx = Files.createDirectories(dir.resolve("stale"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nLABEL io.slipway.test-stale="
                + id + "\n");
        try (ContainerLauncher launcher = Launchers.open("swarm")) {
            try {
                TestEngine.client().buildImageCmd(ctx.toFile()).withTags(Set.of(stale)).withPull(false)
                        .withRemove(true).exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
                Object metadata = TestEngine.client().inspectImageCmd(stale).exec().getRawValues().get("Metadata");
                if (metadata instanceof Map<?, ?> m && m.get("LastTagTime") instanceof String t) {
                    long wait = Duration.between(Instant.now(), Instant.parse(t).plusMillis(1100)).toMillis();
                    if (wait > 0) {
                        Thread.sleep(Math.min(wait, 5000));
                    }
                }
                TestEngine.client().tagImageCmd(TestImages.BUSYBOX, fresh.substring(0, fresh.lastIndexOf(':')), "1")
                        .exec();
                LaunchResult r = launcher.apply(d, LaunchSpec.parse("""
                        services:
                          fresh:
                            image: %s
                            pull_policy: daily
                            command: ["sh", "-c", "trap 'exit 0' TERM; echo up; sleep 300 & wait"]
                          stale:
                            image: %s
                            pull_policy: every_1s
                            command: ["sh", "-c", "sleep 300"]
                        """.formatted(fresh, stale)), Inputs.empty());
                assertEquals(Outcome.SUCCEEDED, r.service("fresh").outcome(), r.describe());
                assertEquals(Outcome.FAILED, r.service("stale").outcome(), r.describe());
                String reason = r.service("stale").reason();
                assertTrue(reason.contains("cannot pull image '" + stale + "'"), reason);
                assertTrue(reason.contains("pull_policy is every_1s"), reason);
                assertThrows(NotFoundException.class,
                        () -> TestEngine.client().inspectServiceCmd(d + "_stale").exec(), "a service was created");
            } finally {
                launcher.delete(d);
                TestEngine.removeImage(fresh);
                TestEngine.removeImage(stale);
            }
        }
    }
}
