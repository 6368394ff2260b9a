package io.slipway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's {@code pull_policy} on a real engine, the same on every backend. Nothing can be pulled here, which the
 * tests use: a pull that happens fails, so {@code always} on a present image fails naming it, and {@code missing} on a
 * present one succeeds because it did not pull.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PullPolicyContract {

    private ContainerLauncher launcher;
    private final List<String> deployments = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    @TempDir
    protected Path dir;

    /** The config string of the backend under test. */
    protected abstract String config();

    @BeforeAll
    void open() {
        TestImages.busybox();
        launcher = Launchers.open(config());
    }

    @AfterEach
    void cleanUp() {
        deployments.forEach(launcher::delete);
        deployments.forEach(TestEngine::removeDeploymentImages);
        tags.forEach(TestEngine::removeImage);
        deployments.clear();
        tags.clear();
    }

    @AfterAll
    void close() {
        launcher.close();
    }

    private LaunchResult apply(String deployment, String yaml) {
        deployments.add(deployment);
        return launcher.apply(deployment, LaunchSpec.parse(yaml, dir, "pull.yaml"), Inputs.empty());
    }

    private static String deployment() {
        return "pull-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String absent() {
        return "slipway-test/absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    }

    private static String task(String name, String image, String policy) {
        return "  " + name + ":\n    image: " + image + "\n    pull_policy: " + policy
                + "\n    command: [echo, ran]\n    x-slipway: {oneshot: true}\n";
    }

    @Test
    void neverWithAMissingImageFailsNamingTheImageAndThePolicy() {
        String image = absent();
        String d = deployment();
        LaunchResult r = apply(d, "services:\n" + task("app", image, "never"));
        assertEquals(Outcome.FAILED, r.service("app").outcome(), r.describe());
        String reason = r.service("app").reason();
        assertTrue(reason.contains("image '" + image + "' is not present locally and pull_policy is never"), reason);
        assertFalse(launcher.status(d).services().stream().anyMatch(s -> "app".equals(s.service())),
                "a container was created");
    }

    @Test
    void missingAndAlwaysFailAPullNamingTheImage() {
        String image = absent();
        LaunchResult missing = apply(deployment(), "services:\n" + task("app", image, "missing"));
        assertEquals(Outcome.FAILED, missing.service("app").outcome(), missing.describe());
        assertTrue(missing.service("app").reason().contains("cannot pull image '" + image + "'"),
                missing.service("app").reason());
        // always pulls a present image too: nothing can be pulled here, so that pull fails.
        LaunchResult always = apply(deployment(), "services:\n" + task("app", TestImages.BUSYBOX, "always"));
        assertEquals(Outcome.FAILED, always.service("app").outcome(), always.describe());
        assertTrue(always.service("app").reason().contains("cannot pull image '" + TestImages.BUSYBOX + "'"),
                always.service("app").reason());
    }

    @Test
    void missingAndNeverRunAPresentImageWithoutPulling() {
        LaunchResult r = apply(deployment(), "services:\n" + task("a", TestImages.BUSYBOX, "missing")
                + task("b", TestImages.BUSYBOX, "if_not_present") + task("c", TestImages.BUSYBOX, "never"));
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertTrue(r.service("c").logs().contains("ran"), r.service("c").logs());
    }

    @Test
    void buildBuildsEvenWhenTheImageIsUpToDate() throws IOException {
        // The base is a local tag: moved to another image after the first build, which changes nothing Slipway
        // hashes (the context), so only pull_policy: build builds again.
        String base = "slipway-test/pull-base-" + UUID.randomUUID().toString().substring(0, 8);
        tags.add(base + ":1");
        TestEngine.client().tagImageCmd(TestImages.BUSYBOX, base, "1").exec();
        Path ctx = Files.createDirectories(dir.resolve("app"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + ":1\nCOPY msg.txt /msg.txt\n"
                + "CMD [\"cat\", \"/msg.txt\"]\n");
        Files.writeString(ctx.resolve("msg.txt"), "built\n");
        String yaml = "services:\n  app:\n    build: ./app\n    pull_policy: build\n    x-slipway: {oneshot: true}\n";
        String d = deployment();
        LaunchResult first = apply(d, yaml);
        assertTrue(first.succeeded(), first.describe());
        String built = TestEngine.client().inspectImageCmd(d + "-app").exec().getId();
        TestEngine.client().tagImageCmd(built, base, "1").withForce(true).exec();

        LaunchResult again = apply(d, yaml);
        assertTrue(again.succeeded(), again.describe());
        assertTrue(again.service("app").logs().contains("built"), again.service("app").logs());
        assertNotEquals(built, TestEngine.client().inspectImageCmd(d + "-app").exec().getId(),
                "not built again: the image is the first build's");
    }

    @Test
    void dailyRunsARecentlyTaggedImageWithoutPulling() {
        // A tag is a pull as far as the engine's record goes: LastTagTime is now, so a day has not passed.
        String repo = "slipway-test/pull-fresh-" + UUID.randomUUID().toString().substring(0, 8);
        tags.add(repo + ":1");
        TestEngine.client().tagImageCmd(TestImages.BUSYBOX, repo, "1").exec();
        LaunchResult r = apply(deployment(), "services:\n" + task("a", repo + ":1", "daily")
                + task("b", repo + ":1", "every_1h30m"));
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertTrue(r.service("a").logs().contains("ran"), r.service("a").logs());
    }

    @Test
    void everyPeriodPullsAnImageLastPulledLongerAgoAndFailsNamingItAndThePolicy() throws Exception {
        // An image of its own (a build tags it, setting LastTagTime), so no other test's tag makes it recent.
        String image = "slipway-test/pull-stale-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        tags.add(image);
        Path ctx = Files.createDirectories(dir.resolve("stale"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nLABEL io.slipway.test-stale="
                + image + "\n");
        TestEngine.client().buildImageCmd(ctx.toFile()).withTags(Set.of(image)).withPull(false).withRemove(true)
                .exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
        Instant tagged = lastTagTime(image);
        // every_1s is due once the tag is a second old: wait for that (an engine without the record: due at once).
        long wait = tagged == null ? 0 : Duration.between(Instant.now(), tagged.plusMillis(1100)).toMillis();
        if (wait > 0) {
            Thread.sleep(Math.min(wait, 5000));
        }
        LaunchResult r = apply(deployment(), "services:\n" + task("app", image, "every_1s"));
        assertEquals(Outcome.FAILED, r.service("app").outcome(), r.describe());
        String reason = r.service("app").reason();
        assertTrue(reason.contains("cannot pull image '" + image + "'"), reason);
        assertTrue(reason.contains("pull_policy is every_1s"), reason);

        // A missing image is pulled whatever the period.
        String absent = absent();
        LaunchResult missing = apply(deployment(), "services:\n" + task("app", absent, "weekly"));
        assertEquals(Outcome.FAILED, missing.service("app").outcome(), missing.describe());
        assertTrue(missing.service("app").reason().contains("cannot pull image '" + absent + "'"),
                missing.service("app").reason());
    }

    /** The engine's record of the image's last pull or tag, or null when it keeps none. */
    private static Instant lastTagTime(String image) {
        Object metadata = TestEngine.client().inspectImageCmd(image).exec().getRawValues().get("Metadata");
        return metadata instanceof Map<?, ?> m && m.get("LastTagTime") instanceof String t ? Instant.parse(t) : null;
    }
}
