package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.SpecException;
import io.slipway.tck.TestImages;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images without atomic labels: atomic's default run, by the agent, with the Compose definition. */
class AtomicDefaultRunIT extends AtomicEngineTestBase {

    private static final String IMG = TestImages.BUSYBOX;

    @Test
    void anImageWithoutLabelsRunsWithItsComposeDefinitionAndSlipwaysLabels() {
        String secret = "s3cr3t-" + java.util.UUID.randomUUID();
        String spec = "x-slipway:\n  inputs:\n    pw: {type: string, secret: true, required: true}\n"
                + "services:\n  web:\n    image: " + IMG + "\n    command: [httpd, -f, -p, '8080', -h, /www]\n"
                + "    environment: {PW: '${pw}', GREETING: 'hello world'}\n    ports: ['127.0.0.1::8080']\n"
                + "    labels: {team: core}\n    stop_grace_period: 1s\n    x-slipway: {wait: {http: {port: 8080, path: /}}}\n";
        String d = deployment();
        LaunchResult r = apply(d, spec, Inputs.builder().secret("pw", secret).build());
        assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
        InspectContainerResponse c = container(d + "-web");
        assertEquals(r.service("web").containerId(), c.getId());
        assertTrue(c.getConfig().getStdinOpen(), "atomic's RUN_ARGS: -i");
        assertEquals("core", c.getConfig().getLabels().get("team"));
        assertEquals(d, c.getConfig().getLabels().get("io.slipway.deployment"));
        assertEquals("web", c.getConfig().getLabels().get("io.slipway.service"));
        assertEquals("atomic", c.getConfig().getLabels().get("io.slipway.backend"));
        List<String> env = Arrays.asList(c.getConfig().getEnv());
        assertTrue(env.contains("PW=" + secret) && env.contains("GREETING=hello world"), env.toString());
        assertEquals(List.of("httpd", "-f", "-p", "8080", "-h", "/www"), Arrays.asList(c.getConfig().getCmd()));
        assertTrue(r.toolOutput().contains("-e PW -e GREETING"), r.toolOutput());
        assertFalse(r.toJson().contains(secret), "no secret in the result, its tool output included");
        assertFalse(r.toolOutput().contains("hello world"), "environment values are not in the agent's argv");

        LaunchResult again = apply(d, spec, Inputs.builder().secret("pw", secret).build());
        assertTrue(again.succeeded(), again.describe());
        assertFalse(again.service("web").changed(), "unchanged: left running");
        assertEquals(c.getId(), again.service("web").containerId());
        DeploymentStatus st = launcher.status(d);
        assertEquals(1, st.services().size());
        assertEquals("running", st.services().get(0).state());
        assertEquals(c.getConfig().getLabels().get("io.slipway.config-hash"), st.services().get(0).configHash());
    }

    @Test
    void spcRunsWithAtomicsSuperPrivilegedOptions() {
        String d = deployment();
        LaunchResult r = apply(d, "services:\n  tools:\n    image: " + IMG + "\n    command: [sh, -c, 'echo HOST=$$HOST; ls /host/etc/hostname']\n"
                + "    x-slipway: {oneshot: true, atomic: {spc: true}}\n");
        assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
        assertTrue(r.service("tools").logs().contains("HOST=/host\n/host/etc/hostname"), r.service("tools").logs());
        InspectContainerResponse c = container(d + "-tools");
        assertTrue(c.getHostConfig().getPrivileged());
        assertEquals("host", c.getHostConfig().getNetworkMode());
        assertEquals("host", c.getHostConfig().getPidMode());
        assertEquals("host", c.getHostConfig().getIpcMode());
        List<String> binds = Arrays.stream(c.getHostConfig().getBinds()).map(Object::toString).toList();
        assertTrue(binds.containsAll(List.of("/:/host:rw", "/run:/run:rw", "/etc/localtime:/etc/localtime:rw")), binds.toString());
        List<String> env = Arrays.asList(c.getConfig().getEnv());
        assertTrue(env.containsAll(List.of("HOST=/host", "NAME=" + d + "-tools", "IMAGE=" + IMG, "SYSTEMD_IGNORE_CHROOT=1")),
                env.toString());
        assertTrue(r.toolOutput().contains("--privileged: the container runs without separation"), r.toolOutput());
    }

    @Test
    void aChangeReplacesOnlyThatServiceAndARemovedServiceIsRemoved() {
        String d = deployment();
        String two = "services:\n  a:\n    image: " + IMG + "\n    command: [sleep, '%s']\n    stop_grace_period: 1s\n"
                + "  b:\n    image: " + IMG + "\n    command: [sleep, '300']\n    stop_grace_period: 1s\n";
        LaunchResult first = apply(d, two.formatted("301"));
        assertTrue(first.succeeded(), first.describe());
        LaunchResult changed = apply(d, two.formatted("302"));
        assertTrue(changed.succeeded(), changed.describe());
        assertNotEquals(first.service("a").containerId(), changed.service("a").containerId());
        assertEquals(first.service("b").containerId(), changed.service("b").containerId());

        LaunchResult shrunk = apply(d, "services:\n  b:\n    image: " + IMG + "\n    command: [sleep, '300']\n"
                + "    stop_grace_period: 1s\n");
        assertTrue(shrunk.succeeded(), shrunk.describe());
        assertEquals(List.of("b"), launcher.status(d).services().stream().map(DeploymentStatus.ServiceStatus::service).toList());
        assertEquals(1, launcher.delete(d));
        assertTrue(leftovers(d).isEmpty(), leftovers(d).toString());
    }

    @Test
    void variablesThatWouldSteerTheAgentAreRefusedBeforeAnythingStarts() {
        String d = deployment();
        SpecException e = assertThrows(SpecException.class, () -> apply(d, "services:\n  a:\n    image: " + IMG
                + "\n    environment: {DOCKER_HOST: 'tcp://elsewhere:2375'}\n"));
        assertEquals("services.a.environment.DOCKER_HOST", e.path());
        assertTrue(leftovers(d).isEmpty());
    }
}
