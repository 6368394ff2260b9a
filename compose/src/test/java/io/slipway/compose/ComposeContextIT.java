package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.DockerContexts;
import io.slipway.testsupport.TestImages;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine a docker context names is Slipway's and the Compose tool's: the tool gets it as DOCKER_HOST. */
class ComposeContextIT {

    @TempDir
    Path home;

    @Test
    void dockerContextChoosesTheEngineForSlipwayAndTheTool() {
        TestImages.busybox();
        DockerContexts.write(home.resolve(".docker"), "here", DockerContexts.testEngineHost());
        Map<String, String> env = DockerContexts.cleanEnv(home);
        env.put("DOCKER_CONTEXT", "here");
        ComposeLauncher launcher = ComposeEngineTestBase.open("compose?stop-timeout=0s&work-dir=" + home.resolve("work"), env);
        String deployment = "cctx-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertTrue(launcher.describeTool().contains("(context 'here' from DOCKER_CONTEXT)"), launcher.describeTool());
            LaunchResult r = launcher.apply(deployment, LaunchSpec.parse("services:\n  task:\n    image: "
                    + TestImages.BUSYBOX + "\n    command: [\"true\"]\n    x-slipway: {oneshot: true}\n"), Inputs.empty());
            assertTrue(r.succeeded(), r.describe());
        } finally {
            launcher.delete(deployment);
            launcher.close();
        }
    }
}
