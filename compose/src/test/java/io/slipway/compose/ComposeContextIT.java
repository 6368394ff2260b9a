package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.DockerContexts;
import io.slipway.testsupport.Sshd;
import io.slipway.tck.TestImages;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine a docker context names, or one behind ssh, is Slipway's and the Compose tool's: the tool gets it as
 * DOCKER_HOST (for ssh, the private socket Slipway bridges to it).
 */
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

    @Test
    void anSshEngineIsBridgedForTheToolToo() {
        String why = Sshd.unavailable();
        Assumptions.assumeTrue(why == null, why);
        TestImages.busybox();
        try (Sshd sshd = Sshd.start(home.resolve("sshd"))) {
            Map<String, String> env = DockerContexts.cleanEnv(home);
            env.put("SLIPWAY_SSH_CONFIG", sshd.clientConfig().toString());
            ComposeLauncher launcher = ComposeEngineTestBase.open("compose:ssh://" + Sshd.ALIAS + "?stop-timeout=0s&work-dir="
                    + home.resolve("work"), env);
            String deployment = "cssh-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                assertTrue(launcher.describeTool().contains(" at ssh://" + Sshd.ALIAS), launcher.describeTool());
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse("services:\n  task:\n    image: "
                        + TestImages.BUSYBOX + "\n    command: [\"true\"]\n    x-slipway: {oneshot: true}\n"), Inputs.empty());
                assertTrue(r.succeeded(), r.describe());
            } finally {
                launcher.delete(deployment);
                launcher.close();
            }
        }
    }
}
