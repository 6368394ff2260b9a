package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.DeploymentStatus;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.spec.SpecException;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x-slipway.atomic.run: false}: {@code atomic install} alone, judged by the INSTALL label's exit code. */
class AtomicInstallOnlyIT extends AtomicEngineTestBase {

    @Test
    void installOnlyRunsInstallOnceStartsNoContainerAndDeleteUninstalls(@TempDir Path out) throws Exception {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        String img = AgentImages.withLabels("slipway-test/atomic-install-only:1", Map.of(
                "INSTALL", "docker run --rm -v ${OPT1}:/out IMAGE sh -c 'echo installing $NAME && touch /out/installed-$NAME'",
                "RUN", "docker run -d --init --name NAME IMAGE sleep 300",
                "UNINSTALL", "docker run --rm -v ${OPT1}:/out IMAGE rm /out/installed-$NAME"));
        String d = deployment();
        String name = d + "-setup";
        // app waits for the install-only service: it has no container, so its INSTALL is what completes.
        String spec = "services:\n  setup:\n    image: " + img + "\n    x-slipway:\n      atomic: {run: false, opt1: '"
                + out + "'}\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: [echo, app ran]\n"
                + "    depends_on: {setup: {condition: service_completed_successfully}}\n    x-slipway: {oneshot: true}\n";
        LaunchResult r = apply(d, spec);
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
        ServiceResult setup = r.service("setup");
        assertNull(setup.containerId());
        assertNull(setup.containerName());
        assertEquals(0, setup.exitCode());
        assertTrue(setup.changed());
        assertTrue(setup.logs().contains("installing " + name), setup.logs());
        assertTrue(setup.reason().contains("install only"), setup.reason());
        assertTrue(Files.exists(out.resolve("installed-" + name)), "INSTALL ran");
        assertNull(container(name), "the service is not run: no RUN label, no default run");
        assertFalse(r.toolOutput().contains("# RUN label"), r.toolOutput());
        assertTrue(r.service("app").succeeded(), "a dependant of the install-only service ran: " + r.describe());
        DeploymentStatus.ServiceStatus installed = launcher.status(d).services().stream()
                .filter(st -> st.service().equals("setup")).findFirst().orElseThrow();
        assertEquals(DeploymentStatus.ServiceStatus.INSTALLED, installed.state(), "status shows the installation");
        assertNull(installed.containerId());

        Files.delete(out.resolve("installed-" + name));
        LaunchResult again = apply(d, spec);
        assertEquals(Outcome.SUCCEEDED, again.status(), again.describe());
        assertFalse(again.service("setup").changed());
        assertFalse(Files.exists(out.resolve("installed-" + name)), "INSTALL is not run again for the same command");
        assertEquals(r.service("app").containerId(), again.service("app").containerId());
        Files.writeString(out.resolve("installed-" + name), "");

        assertEquals(1, launcher.delete(d), "only app had a container");
        assertFalse(Files.exists(out.resolve("installed-" + name)), "UNINSTALL ran");
        assertTrue(leftovers(d).isEmpty(), leftovers(d).toString());
    }

    @Test
    void aFailingInstallFailsTheInstallOnlyServiceWithItsExitCodeAndOutput() {
        String img = AgentImages.withLabels("slipway-test/atomic-install-only-broken:1", Map.of(
                "INSTALL", "docker run --rm IMAGE sh -c 'echo checking; echo install broke >&2; exit 4'"));
        String d = deployment();
        LaunchResult r = apply(d, "services:\n  setup:\n    image: " + img + "\n    x-slipway: {atomic: {run: false}}\n");
        assertEquals(Outcome.FAILED, r.status());
        ServiceResult s = r.service("setup");
        assertEquals(4, s.exitCode());
        assertEquals(4, r.deployStatusCode());
        assertNull(s.containerId());
        assertTrue(s.reason().contains("the INSTALL label command exited with code 4: install broke"), s.reason());
        assertTrue(s.logs().contains("checking") && s.logs().contains("install broke"), s.logs());
        assertNull(container(d + "-setup"));
    }

    @Test
    void withoutInstallLabelThereIsNothingToDoAndARunningContainerIsRemoved() {
        String d = deployment();
        String service = "services:\n  web:\n    image: " + TestImages.BUSYBOX
                + "\n    command: [sh, -c, 'trap \"exit 0\" TERM; sleep 300 & wait']\n";
        LaunchResult ran = apply(d, service);
        assertTrue(ran.succeeded(), ran.describe());
        assertNotNull(container(d + "-web"));

        LaunchResult installOnly = apply(d, service + "    x-slipway: {atomic: {run: false}}\n");
        assertEquals(Outcome.SUCCEEDED, installOnly.status(), installOnly.describe());
        ServiceResult s = installOnly.service("web");
        assertTrue(s.reason().contains("has no INSTALL label: nothing to install"), s.reason());
        assertTrue(installOnly.toolOutput().contains("[web] image '" + TestImages.BUSYBOX + "' has no INSTALL label"),
                installOnly.toolOutput());
        assertTrue(s.changed(), "the container the earlier apply ran was removed");
        assertNull(container(d + "-web"), "the spec no longer runs the service");
        assertEquals(0, launcher.resume(d), "nothing to resume: the service runs no container");
    }

    @Test
    void waitingForAnInstallOnlyServiceToBeHealthyIsAnError() {
        String d = deployment();
        SpecException e = assertThrows(SpecException.class, () -> apply(d, "services:\n  setup:\n    image: "
                + TestImages.BUSYBOX + "\n    x-slipway: {atomic: {run: false}}\n  app:\n    image: " + TestImages.BUSYBOX
                + "\n    depends_on: {setup: {condition: service_healthy}}\n"));
        assertEquals("services.app.depends_on.setup", e.path());
        assertTrue(e.getMessage().contains("install only"), e.getMessage());
    }
}
