package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.engine.EngineRuntimes;
import io.slipway.engine.Labels;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runtime the engine lacks fails its service, named, before its image is built. */
class EngineRuntimesIT extends EngineTestBase {

    private static final Set<String> RUNC = Set.of("runc", "io.containerd.runc.v2");

    @Test
    void aListedRuntimeOrNoneIsFine() {
        assertNull(EngineRuntimes.missing(null, RUNC, "20.10.24"));
        assertNull(EngineRuntimes.missing("runc", RUNC, "20.10.24"));
        assertNull(EngineRuntimes.missing("kata", Set.of(), "20.10.24"), "unknown runtimes: the engine decides");
    }

    @Test
    void anUnlistedRuntimeIsNamedWithWhatTheEngineHas() {
        String why = EngineRuntimes.missing("kata", RUNC, "20.10.24+dfsg1");
        assertTrue(why.startsWith("runtime 'kata' is not available on this engine (Docker Engine 20.10.24+dfsg1 has "
                + "io.containerd.runc.v2, runc)"), why);
        assertTrue(why.contains("daemon.json"), why);
    }

    @Test
    void aContainerdShimNameIsLeftToEnginesThatResolveThem() {
        assertNull(EngineRuntimes.missing("io.containerd.wasmedge.v1", RUNC, "24.0.7"));
        assertTrue(EngineRuntimes.missing("io.containerd.wasmedge.v1", RUNC, "20.10.24").contains("wasmedge"));
        assertTrue(EngineRuntimes.missing("my-shim", RUNC, "24.0.7").contains("my-shim"), "not a shim name");
    }

    @Test
    void theServiceFailsBeforeItsImageIsBuilt(@TempDir Path dir) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("app"));
        // Building this image would take a minute: a failure that waits for it shows the build ran first.
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nRUN sleep 60\n");
        String d = deployment();
        long start = System.nanoTime();
        LaunchResult r = launcher.apply(d, io.slipway.spec.LaunchSpec.parse("services:\n  app:\n    build: ./app\n"
                + "    runtime: slipway-no-such-runtime\n    command: [sleep, '30']\n", dir, "spec.yaml"),
                io.slipway.inputs.Inputs.empty());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(Outcome.FAILED, r.status(), r.describe());
        String reason = r.service("app").reason();
        assertTrue(reason.contains("runtime 'slipway-no-such-runtime' is not available"), reason);
        assertTrue(seconds < 30, "failed after " + seconds + " s: the image was built first");
        assertFalse(docker().listImagesCmd().withLabelFilter(java.util.Map.of(Labels.DEPLOYMENT, d)).exec().stream()
                .findAny().isPresent(), "no image was built");
        assertEquals(List.of(), launcher.status(d).services(), "no container was created");
    }
}
