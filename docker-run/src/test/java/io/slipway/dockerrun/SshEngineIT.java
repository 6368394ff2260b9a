package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.SlipwayException;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.DockerContexts;
import io.slipway.testsupport.Sshd;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine at {@code ssh://host} is reached as the docker CLI reaches it ({@code ssh ... docker system dial-stdio}),
 * through a real sshd on 127.0.0.1 that lets in a key made here, with host key checking on.
 */
class SshEngineIT {

    @TempDir
    static Path home;
    static Sshd sshd;

    @BeforeAll
    static void startSshd() {
        String why = Sshd.unavailable();
        Assumptions.assumeTrue(why == null, why);
        TestImages.busybox();
        sshd = Sshd.start(home.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void anApplyRunsOnTheEngineBehindSshAndTheBridgeIsGoneAfterClose() throws Exception {
        Map<String, String> env = DockerContexts.cleanEnv(home);
        env.put("SLIPWAY_SSH_CONFIG", sshd.clientConfig().toString());
        String deployment = "ssh-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.Set<Path> bridgesBefore = bridges();
        try (DockerRunLauncher launcher = open("docker-run:ssh://" + Sshd.ALIAS, env)) {
            assertTrue(launcher.describeTool().contains(" at ssh://" + Sshd.ALIAS + " (the config-string target)"),
                    launcher.describeTool());
            try {
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse("services:\n  task:\n    image: "
                        + TestImages.BUSYBOX + "\n    command: [sh, -c, 'echo over-ssh']\n    x-slipway: {oneshot: true}\n"),
                        Inputs.empty());
                assertTrue(r.succeeded(), r.describe());
                assertTrue(r.service("task").logs().contains("over-ssh"), r.describe());
                assertEquals(1, launcher.status(deployment).services().size());
            } finally {
                launcher.delete(deployment);
            }
            assertEquals(bridgesBefore.size() + 1, bridges().size(), "one private bridge socket while open");
        }
        assertEquals(bridgesBefore, bridges(), "the bridge's socket and directory are removed by close");
    }

    private static java.util.Set<Path> bridges() throws java.io.IOException {
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("slipway-ssh-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedAndSshSaysWhy() {
        Map<String, String> env = DockerContexts.cleanEnv(home);
        env.put("SLIPWAY_SSH_CONFIG", sshd.clientConfigWithUnknownHost().toString());
        SlipwayException e = assertThrows(SlipwayException.class, () -> open("docker-run:ssh://" + Sshd.ALIAS, env).close());
        assertTrue(e.getMessage().contains("ssh://" + Sshd.ALIAS), e.getMessage());
        assertTrue(e.getMessage().contains("Host key verification failed"), e.getMessage());
    }

    private static DockerRunLauncher open(String config, Map<String, String> env) {
        return new DockerRunLauncher(Launchers.configure(new DockerRunProvider(), config), env);
    }
}
