package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.DockerContexts;
import io.slipway.tck.TestImages;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-run reaches the engine a docker CLI context names, chosen by the CLI's rules, and says which rule chose it. */
class EngineContextIT {

    @TempDir
    static Path home;

    @BeforeAll
    static void store() {
        TestImages.busybox();
        DockerContexts.write(home.resolve(".docker"), "here", DockerContexts.testEngineHost());
    }

    @Test
    void theCliCurrentContextIsUsedAndNamedAndAnApplyRunsThere() {
        DockerContexts.use(home.resolve(".docker"), "here");
        try (ContainerLauncher launcher = open("docker-run", DockerContexts.cleanEnv(home))) {
            assertTrue(launcher.describeTool().contains(" at " + DockerContexts.testEngineHost()
                    + " (context 'here' from config.json)"), launcher.describeTool());
            String deployment = "ctx-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse("services:\n  task:\n    image: "
                        + TestImages.BUSYBOX + "\n    command: [\"true\"]\n    x-slipway: {oneshot: true}\n"), Inputs.empty());
                assertTrue(r.succeeded(), r.describe());
            } finally {
                launcher.delete(deployment);
            }
        }
    }

    @Test
    void theContextOptionBeatsDockerHost() {
        Map<String, String> env = DockerContexts.cleanEnv(home);
        env.put("DOCKER_HOST", "tcp://127.0.0.1:1");
        try (ContainerLauncher launcher = open("docker-run?context=here", env)) {
            assertTrue(launcher.describeTool().contains("(context 'here' from the context option)"), launcher.describeTool());
            assertEquals(0, launcher.status("ctx-none").services().size());
        }
    }

    private static ContainerLauncher open(String config, Map<String, String> env) {
        return new DockerRunLauncher(Launchers.configure(new DockerRunProvider(), config), env);
    }
}
