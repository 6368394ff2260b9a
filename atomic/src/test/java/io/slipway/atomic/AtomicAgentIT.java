package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.LauncherConfigException;
import io.slipway.Launchers;
import io.slipway.SlipwayException;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestImages;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The privileged agent: explicit permission, bootstrap, reuse, restart, replacement, readiness, removal. */
class AtomicAgentIT extends AtomicEngineTestBase {

    private static final String ONE_TASK = "services:\n  task:\n    image: " + TestImages.BUSYBOX
            + "\n    command: ['true']\n    x-slipway: {oneshot: true}\n";

    @Test
    void refusedWithoutPrivilegedAgentTrue() {
        for (String config : new String[] {"atomic?agent-image=acme/agent:1", "atomic?agent-image=acme/agent:1&privileged-agent=false"}) {
            LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> Launchers.open(config));
            assertTrue(e.getMessage().contains("add privileged-agent=true to the config string"), e.getMessage());
            assertTrue(e.getMessage().contains("privileged agent container"), e.getMessage());
        }
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> Launchers.open("atomic?privileged-agent=maybe"));
        assertTrue(e.getMessage().contains("'privileged-agent'") && e.getMessage().contains("true, false"), e.getMessage());
    }

    @Test
    void configErrorsNameTheOptionAndWhatIsValid() {
        String agentImageEnv = System.getenv(AtomicOptions.AGENT_IMAGE_ENV);
        if (agentImageEnv == null) {
            LauncherConfigException e = assertThrows(LauncherConfigException.class,
                    () -> Launchers.open("atomic?privileged-agent=true"));
            assertTrue(e.getMessage().contains("option 'agent-image' is required"), e.getMessage());
        }
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> Launchers.open(config("&host-dirs=/srv,relative/dir")));
        assertTrue(e.getMessage().contains("'relative/dir'") && e.getMessage().contains("host-dirs"), e.getMessage());
        e = assertThrows(LauncherConfigException.class, () -> Launchers.open(config("&agent-name=bad name")));
        assertTrue(e.getMessage().contains("'agent-name'"), e.getMessage());
        e = assertThrows(LauncherConfigException.class, () -> Launchers.open(config("&agent=x")));
        assertTrue(e.getMessage().contains("agent-image, agent-name, privileged-agent"), e.getMessage());
    }

    @Test
    void bootstrapsFromNothingReusesRestartsAndReplacesTheAgent() {
        String name = "slipway-agent-it-" + UUID.randomUUID().toString().substring(0, 8);
        String d = deployment();
        assertNull(container(name));
        String base = "atomic?privileged-agent=true&agent-name=" + name + "&agent-image=";
        String firstId;
        try (ContainerLauncher l = Launchers.open(base + AgentImages.agent())) {
            assertNull(container(name), "opening the launcher does not start the agent");
            LaunchResult r = l.apply(d, LaunchSpec.parse(ONE_TASK), Inputs.empty());
            assertTrue(r.succeeded(), r.describe());
            InspectContainerResponse a = container(name);
            assertNotNull(a, "apply bootstrapped the agent");
            assertTrue(a.getState().getRunning());
            assertTrue(a.getHostConfig().getPrivileged());
            assertEquals("host", a.getHostConfig().getNetworkMode());
            assertEquals("host", a.getHostConfig().getPidMode());
            assertEquals("always", a.getHostConfig().getRestartPolicy().getName());
            List<String> binds = Arrays.stream(a.getHostConfig().getBinds()).map(Object::toString).toList();
            assertTrue(binds.stream().anyMatch(b -> b.startsWith("/var/run/docker.sock:/var/run/docker.sock")), binds.toString());
            assertTrue(binds.stream().anyMatch(b -> b.startsWith("/:/host")), binds.toString());
            assertEquals("true", a.getConfig().getLabels().get("io.slipway.agent"));
            assertNotNull(a.getConfig().getLabels().get("io.slipway.agent.config-hash"));

            assertTrue(l.apply(d, LaunchSpec.parse(ONE_TASK), Inputs.empty()).succeeded());
            InspectContainerResponse again = container(name);
            assertEquals(a.getId(), again.getId(), "re-apply reuses the agent");
            assertEquals(a.getState().getStartedAt(), again.getState().getStartedAt(), "and leaves it running");

            docker().stopContainerCmd(a.getId()).withTimeout(1).exec();
            assertTrue(l.apply(d, LaunchSpec.parse(ONE_TASK), Inputs.empty()).succeeded());
            InspectContainerResponse restarted = container(name);
            assertEquals(a.getId(), restarted.getId(), "a stopped agent is started, not replaced");
            assertTrue(restarted.getState().getRunning());
            firstId = a.getId();
        }
        try (ContainerLauncher l = Launchers.open(base + AgentImages.agent2() + "&remove-agent=true")) {
            LaunchResult r = l.apply(d, LaunchSpec.parse(ONE_TASK), Inputs.empty());
            assertTrue(r.succeeded(), r.describe());
            InspectContainerResponse replaced = container(name);
            assertNotEquals(firstId, replaced.getId());
            assertEquals(docker().inspectImageCmd(AgentImages.AGENT_2).exec().getId(), replaced.getImageId(),
                    "a changed agent image replaces the agent");
            assertEquals(1, l.delete(d));
            assertNull(container(name), "remove-agent=true: delete removed the agent");
            assertTrue(leftovers(d).isEmpty(), leftovers(d).toString());
        } finally {
            removeContainer(name);
        }
    }

    @Test
    void anAgentImageWithADynamicallyLinkedCliWorksToo() throws Exception {
        java.nio.file.Path cli = java.nio.file.Path.of("/usr/bin/docker");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(cli) && AgentImages.dynamic(cli),
                "no dynamically linked docker CLI at " + cli);
        String tag = "slipway-test/agent-dynamic:1";
        String image = AgentImages.exists(tag) ? tag : AgentImages.agentFrom(cli, tag, "dynamic");
        String name = "slipway-agent-it-dyn-" + UUID.randomUUID().toString().substring(0, 6);
        try (ContainerLauncher l = Launchers.open("atomic?privileged-agent=true&agent-image=" + image + "&agent-name=" + name)) {
            String d = deployment();
            LaunchResult r = l.apply(d, LaunchSpec.parse(ONE_TASK), Inputs.empty());
            assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
            assertEquals(1, l.delete(d));
        } finally {
            removeContainer(name);
        }
    }

    @Test
    void aContainerThatIsNotAnAgentIsNeverTouched() {
        String name = "slipway-agent-it-foreign-" + UUID.randomUUID().toString().substring(0, 6);
        String id = docker().createContainerCmd(TestImages.BUSYBOX).withName(name).withCmd("true").exec().getId();
        try (ContainerLauncher l = Launchers.open("atomic?privileged-agent=true&agent-image=" + AgentImages.AGENT
                + "&agent-name=" + name)) {
            SlipwayException e = assertThrows(SlipwayException.class,
                    () -> l.apply(deployment(), LaunchSpec.parse(ONE_TASK), Inputs.empty()));
            assertTrue(e.getMessage().contains("'" + name + "' exists but is not a Slipway agent"), e.getMessage());
            assertEquals(id, container(name).getId());
        } finally {
            removeContainer(name);
        }
    }

    @Test
    void anAgentImageWithoutADockerCliIsAClearError() {
        String name = "slipway-agent-it-nocli-" + UUID.randomUUID().toString().substring(0, 6);
        try (ContainerLauncher l = Launchers.open("atomic?privileged-agent=true&agent-image=" + TestImages.BUSYBOX
                + "&agent-name=" + name)) {
            SlipwayException e = assertThrows(SlipwayException.class,
                    () -> l.apply(deployment(), LaunchSpec.parse(ONE_TASK), Inputs.empty()));
            assertTrue(e.getMessage().contains("cannot start the agent '" + name + "' from image '" + TestImages.BUSYBOX),
                    e.getMessage());
            assertTrue(e.getMessage().contains("an agent image needs a docker CLI on PATH"), e.getMessage());
            assertNull(container(name), "the agent that could not start was removed");
        } finally {
            removeContainer(name);
        }
    }

    @Test
    void readinessHasATimeoutAndSaysWhatTheAgentAnswered() {
        String name = "slipway-agent-it-fake-" + UUID.randomUUID().toString().substring(0, 6);
        String image = AgentImages.fakeDockerAgent("slipway-test/agent-fake:1");
        try (ContainerLauncher l = Launchers.open("atomic?privileged-agent=true&agent-timeout=2s&agent-image=" + image
                + "&agent-name=" + name)) {
            long t0 = System.nanoTime();
            SlipwayException e = assertThrows(SlipwayException.class,
                    () -> l.apply(deployment(), LaunchSpec.parse(ONE_TASK), Inputs.empty()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("agent '" + name + "' (image " + image + ") did not become ready within 2 s"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("fake docker: cannot reach the engine"), e.getMessage());
            assertTrue(ms < 20_000, "took " + ms + " ms");
        } finally {
            removeContainer(name);
        }
    }
}
