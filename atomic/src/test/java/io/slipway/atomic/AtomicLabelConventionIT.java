package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import io.slipway.testsupport.AgentImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images with atomic labels (built with Dockerfile LABEL lines), run through the agent. */
class AtomicLabelConventionIT extends AtomicEngineTestBase {

    private static String image(String tag, String... keyValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return AgentImages.withLabels(tag, labels);
    }

    /** The lines {@code service}'s INSTALL label command printed on stdout. */
    private static List<String> printed(LaunchResult r, String service) {
        String prefix = "[" + service + "] ";
        List<String> out = new java.util.ArrayList<>();
        boolean in = false;
        for (String line : r.toolOutput().lines().toList()) {
            if (line.startsWith(prefix + "+ ")) {
                in = line.contains("# INSTALL label");
            } else if (in && line.startsWith(prefix)) {
                out.add(line.substring(prefix.length()));
            }
        }
        return out;
    }

    @Test
    void bareAndBracedVariablesAreSubstitutedAsAtomicDoes() {
        String img = image("slipway-test/atomic-args:1",
                "INSTALL", "docker run --rm IMAGE printf '<%s>\\n' NAME IMAGE IMAGE=IMAGE NAME=NAME $NAME ${IMAGE} "
                        + "$OPT1 ${OPT2} x$UNSET/y ${UNSET} $(id) ${SUDO_GID} $PWD $CONFDIR",
                "run", "docker run -d --init --name ${NAME} IMAGE sleep 300");
        String d = deployment();
        String spec = "services:\n  app:\n    image: " + img + "\n    x-slipway:\n"
                + "      atomic: {opt1: 'one word with blanks', opt2: [-p, '8080:80']}\n";
        LaunchResult r = launcher.apply(d, LaunchSpec.parse(spec, Path.of("/srv/specs"), "s.yaml"), Inputs.empty());
        assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput());
        String name = d + "-app";
        assertEquals(List.of("<" + name + ">", "<" + img + ">", "<IMAGE=" + img + ">", "<NAME=" + name + ">",
                "<" + name + ">", "<" + img + ">", "<one word with blanks>", "<-p>", "<8080:80>", "<x>",
                "<" + HostIdentity.of(System.getenv()).sudoGid() + ">", "</srv/specs>"), printed(r, "app"));
        InspectContainerResponse c = container(name);
        assertTrue(c.getState().getRunning(), "the lower-case run label started container NAME");
        assertEquals(r.service("app").containerId(), c.getId());

        try (ContainerLauncher compat = Launchers.open(config("&compat-2015=true"))) {
            String d2 = deployment();
            LaunchResult r2 = compat.apply(d2, LaunchSpec.parse(spec), Inputs.empty());
            assertTrue(r2.succeeded(), r2.describe());
            assertEquals("</etc/" + d2 + "-app>", printed(r2, "app").get(printed(r2, "app").size() - 1),
                    "compat-2015 substitutes $CONFDIR=/etc/NAME");
            compat.delete(d2);
        }
    }

    @Test
    void aHostileInputCannotChangeALabelCommand() {
        String img = image("slipway-test/atomic-hostile:1",
                "INSTALL", "docker run --rm IMAGE printf '[%s]\\n' $OPT1 NAME",
                "RUN", "docker run -d --name NAME -e GREETING IMAGE env");
        String hostile = "it's \"quoted\"; echo pwned; $(touch /tmp/pwned) ${NAME} `id` & | > x\nsecond line";
        String spec = "x-slipway:\n  inputs:\n    greeting: {type: string, required: true}\n"
                + "services:\n  show:\n    image: " + img + "\n    environment:\n      GREETING: ${greeting}\n"
                + "    x-slipway:\n      oneshot: true\n      atomic: {opt1: '${greeting}'}\n";
        String d = deployment();
        LaunchResult r = apply(d, spec, Inputs.builder().put("greeting", hostile).build());
        assertTrue(r.succeeded(), r.describe());
        assertEquals(List.of("[it's \"quoted\"; echo pwned; $(touch /tmp/pwned) ${NAME} `id` & | > x", "second line]",
                "[" + d + "-show]"), printed(r, "show"), "the value arrived as one argument, then NAME as the next");
        assertTrue(r.service("show").logs().contains("GREETING=" + hostile + "\n"),
                "the value arrived as one environment variable: " + r.service("show").logs());
        String runLine = r.toolOutput().lines().filter(l -> l.contains("# RUN label")).findFirst().orElseThrow();
        assertFalse(runLine.contains("pwned"), "environment values are not in argv: " + runLine);
        assertTrue(runLine.contains("-e GREETING " + img + " env"), runLine);
    }

    @Test
    void installRunStopAndUninstallLeaveNothingBehind(@TempDir Path out) throws Exception {
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String img = image("slipway-test/atomic-lifecycle:1",
                "Install", "/usr/bin/docker run --rm -v ${OPT1}:/out IMAGE touch /out/installed-$NAME",
                "RUN", "docker run -d --init --name NAME -v $OPT1:/out IMAGE sh -c 'touch /out/running; exec sleep 300'",
                "stop", "docker run --rm -v ${OPT1}:/out IMAGE touch /out/stopped-$NAME",
                "UNINSTALL", "docker run --rm -v ${OPT1}:/out IMAGE rm /out/installed-$NAME");
        String d = deployment();
        String name = d + "-app";
        String spec = "services:\n  app:\n    image: " + img + "\n    x-slipway:\n      atomic: {opt1: '" + out + "'}\n";
        LaunchResult r = apply(d, spec);
        assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
        assertTrue(Files.exists(out.resolve("installed-" + name)), "INSTALL ran");
        assertTrue(Files.exists(out.resolve("running")), "RUN ran");
        assertTrue(volumeExists("slipway-atomic." + d + "-app"), "the service is recorded");
        assertEquals("running", launcher.status(d).services().get(0).state());

        Files.delete(out.resolve("installed-" + name));
        LaunchResult again = apply(d, spec);
        assertTrue(again.succeeded(), again.describe());
        assertFalse(again.service("app").changed());
        assertEquals(r.service("app").containerId(), again.service("app").containerId(), "the container was kept");
        assertFalse(Files.exists(out.resolve("installed-" + name)), "INSTALL is not run again for the same command");
        Files.writeString(out.resolve("installed-" + name), "");

        assertEquals(1, launcher.delete(d));
        assertTrue(Files.exists(out.resolve("stopped-" + name)), "STOP ran");
        assertFalse(Files.exists(out.resolve("installed-" + name)), "UNINSTALL ran");
        assertNull(container(name));
        assertTrue(leftovers(d).isEmpty(), leftovers(d).toString());
        assertFalse(launcher.status(d).exists());
    }

    @Test
    void aChangedServiceIsStoppedReinstalledAndReplacedAndARemovedOneUninstalled(@TempDir Path out) throws Exception {
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String img = image("slipway-test/atomic-replace:1",
                "INSTALL", "docker run --rm -v ${OPT1}:/out IMAGE sh -c 'echo x >> /out/installs-$NAME'",
                "RUN", "docker run -d --init --name NAME -e V IMAGE sleep 300",
                "STOP", "docker run --rm -v ${OPT1}:/out IMAGE touch /out/stopped-$NAME",
                "UNINSTALL", "docker run --rm -v ${OPT1}:/out IMAGE touch /out/uninstalled-$NAME");
        String d = deployment();
        String service = "  %s:\n    image: " + img + "\n    environment: {V: '%s'}\n    x-slipway:\n      atomic: {opt1: '"
                + out + "'}\n";
        LaunchResult first = apply(d, "services:\n" + service.formatted("a", "1") + service.formatted("b", "1"));
        assertTrue(first.succeeded(), first.describe());
        LaunchResult changed = apply(d, "services:\n" + service.formatted("a", "2") + service.formatted("b", "1"));
        assertTrue(changed.succeeded(), changed.describe());
        assertNotEquals(first.service("a").containerId(), changed.service("a").containerId());
        assertEquals(first.service("b").containerId(), changed.service("b").containerId());
        assertTrue(Files.exists(out.resolve("stopped-" + d + "-a")), "the changed service's STOP label ran");
        assertEquals(2, Files.readAllLines(out.resolve("installs-" + d + "-a")).size(), "INSTALL ran again for a");
        assertEquals(1, Files.readAllLines(out.resolve("installs-" + d + "-b")).size());

        LaunchResult shrunk = apply(d, "services:\n" + service.formatted("a", "2"));
        assertTrue(shrunk.succeeded(), shrunk.describe());
        assertTrue(Files.exists(out.resolve("uninstalled-" + d + "-b")), "the removed service was uninstalled");
        assertNull(container(d + "-b"));
        assertEquals(List.of("a"), launcher.status(d).services().stream().map(s -> s.service()).toList());
    }

    private static void assertNotEquals(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
    }

    @Test
    void runOptsFileBecomesRunOpts(@TempDir Path dir) throws Exception {
        Path opts = dir.resolve("opts");
        Files.writeString(opts, "-e FROM_OPTS='yes it is' --label from=opts\n");
        String img = image("slipway-test/atomic-runopts:1", "RUN_OPTS_FILE", dir + "/opts",
                "RUN", "docker run -d --name NAME $RUN_OPTS IMAGE env");
        String d = deployment();
        LaunchResult r = apply(d, "services:\n  app:\n    image: " + img + "\n    x-slipway: {oneshot: true}\n");
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.service("app").logs().contains("FROM_OPTS=yes it is\n"), r.service("app").logs());
        assertEquals("opts", container(d + "-app").getConfig().getLabels().get("from"));
    }

    @Test
    void hostDirsAreInTheAgentAtTheirOwnPathsForFilesTheCliReads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app.env"), "FROM_ENV_FILE=read by the agent's CLI\n");
        String img = image("slipway-test/atomic-envfile:1", "RUN", "docker run -d --name NAME --env-file $OPT1 IMAGE env");
        String agent = "slipway-agent-it-dirs-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String spec = "services:\n  app:\n    image: " + img + "\n    x-slipway: {oneshot: true, atomic: {opt1: '"
                + dir.resolve("app.env") + "'}}\n";
        try (ContainerLauncher l = Launchers.open("atomic?privileged-agent=true&agent-image=" + AgentImages.AGENT
                + "&agent-name=" + agent + "&host-dirs=" + dir)) {
            String d = deployment();
            try {
                LaunchResult r = l.apply(d, LaunchSpec.parse(spec), Inputs.empty());
                assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
                assertTrue(r.service("app").logs().contains("FROM_ENV_FILE=read by the agent's CLI"), r.service("app").logs());
            } finally {
                l.delete(d);
            }
        } finally {
            removeContainer(agent);
        }
    }

    @Test
    void aForegroundRunLabelWhoseContainerIsGoneIsJudgedByItsExitCode() {
        String img = image("slipway-test/atomic-foreground:1",
                "RUN", "docker run --rm --name NAME IMAGE sh -c 'echo done; exit 3'");
        LaunchResult r = apply(deployment(), "services:\n  task:\n    image: " + img
                + "\n    x-slipway: {oneshot: true, wait: {exited: [3], timeout: 30s}}\n");
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(3, r.service("task").exitCode());
        assertTrue(r.toolOutput().contains("[task] done") || r.service("task").logs().contains("done"), r.toolOutput());
    }

    @Test
    void aFailingInstallFailsTheServiceWithTheCommandsError() {
        String img = image("slipway-test/atomic-badinstall:1",
                "INSTALL", "docker run --rm IMAGE sh -c 'echo install broke >&2; exit 4'",
                "RUN", "docker run -d --name NAME IMAGE sleep 300");
        String d = deployment();
        LaunchResult r = apply(d, "services:\n  app:\n    image: " + img + "\n");
        assertEquals(Outcome.FAILED, r.status());
        assertTrue(r.service("app").reason().contains("the INSTALL label command exited with code 4: install broke"),
                r.service("app").reason());
        assertTrue(r.toolErrors().contains("[app] install broke"), r.toolErrors());
        assertTrue(r.deployStderr().contains("install broke"));
        assertNull(container(d + "-app"), "RUN did not run");
    }

    @Test
    void composeKeysARunLabelCannotHonourAreErrors() {
        String img = image("slipway-test/atomic-runonly:1", "RUN", "docker run -d --name NAME IMAGE sleep 300");
        String d = deployment();
        SpecException e = assertThrows(SpecException.class,
                () -> apply(d, "services:\n  app:\n    image: " + img + "\n    ports: ['8080:80']\n"));
        assertEquals("services.app.ports", e.path());
        assertTrue(e.getMessage().contains("has a RUN label"), e.getMessage());
        assertNull(container(d + "-app"), "nothing was started");
        assertNotNull(img);
    }
}
