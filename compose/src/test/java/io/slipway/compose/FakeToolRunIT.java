package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ProjectNames;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.DockerContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 code paths and the watchdog, with the recording fake tool in place of Compose (no v2 exists here,
 * and a real tool cannot be made to hang on purpose): what argv and environment the tool gets, how the
 * project is named, and that a tool outliving its timeout is killed, children included, and reported.
 */
class FakeToolRunIT {

    private static final String SPEC = "x-slipway:\n  inputs:\n    greeting: {type: string, required: true}\n"
            + "    pw: {type: string, secret: true, required: true}\n"
            + "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n    environment: {G: '${greeting}', PW: '${pw}'}\n";

    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(ComposeOptions.BINARY_ENV);
        // Set in the launcher's environment, these would change what Compose does: they must not reach it.
        env.put("COMPOSE_FILE", "/elsewhere/compose.yaml");
        env.put("COMPOSE_PROJECT_NAME", "elsewhere");
        // DOCKER_CONTEXT is Slipway's to read (it finds the engine as the docker CLI does); the tool gets that engine
        // as DOCKER_HOST and never the context. The context names the test engine, in a store made here.
        Path config = dir.resolve("docker-config");
        DockerContexts.write(config, "elsewhere", DockerContexts.testEngineHost());
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_CONTEXT", "elsewhere");
        env.put("SOME_UNRELATED", "x");
        return env;
    }

    @Test
    void v2GetsTheArgvEnvironmentAndProjectNameItNeedsAndNoSecretOnArgv() throws Exception {
        FakeTool fake = FakeTool.install(dir, "fake-docker").version("Docker version 28.0.0, build fake")
                .composeVersion("Docker Compose version v2.29.1");
        Path work = Files.createDirectory(dir.resolve("work"));
        String deployment = "My.App-7";
        String project = ProjectNames.of(deployment);
        String greeting = "it's \"$HOME\" ${pw} $(id) `id` ; | & \\ *";
        String secret = "s3cret-" + System.nanoTime();
        Path base = Files.createDirectory(dir.resolve("spec"));
        try (ComposeLauncher launcher = ComposeEngineTestBase.open(
                "compose?binary=" + fake.binary + "&work-dir=" + work + "&pull=always&stop-timeout=0s", env())) {
            assertEquals(ComposeTool.Generation.V2, launcher.tool().generation());
            LaunchResult r = launcher.apply(deployment, LaunchSpec.parse(SPEC, base, "spec.yaml"),
                    Inputs.builder().put("greeting", greeting).secret("pw", secret).build());

            assertEquals(Outcome.FAILED, r.status(), "the fake creates no container");
            assertEquals("no container of service 'web' in Compose project '" + project + "' after fake-docker compose up",
                    r.service("web").reason());
            assertTrue(project.matches("[a-z0-9][a-z0-9_-]*") && project.startsWith("myapp-7-"), project);

            Path files = work.resolve(deployment);
            List<String> global = List.of("compose", "--ansi", "never", "-p", project, "--project-directory",
                    base.toString(), "-f", files.resolve("compose.json").toString(), "--env-file",
                    files.resolve("inputs.env").toString());
            int pull = fake.callOf("pull");
            int up = fake.callOf("up");
            assertEquals(3, pull, "detection, then pull=always before up");
            assertEquals(4, up);
            assertEquals(concat(global, "pull", "--quiet"), fake.argv(pull));
            assertEquals(concat(global, "up", "-d", "--remove-orphans", "--no-build", "-t", "0"), fake.argv(up));
            assertFalse(String.join(" ", fake.argv(up)).contains(secret));

            Map<String, String> toolEnv = fake.env(up);
            assertEquals(greeting, toolEnv.get("greeting"), "verbatim, through the environment");
            assertEquals(secret, toolEnv.get("pw"));
            assertEquals(DockerContexts.testEngineHost(), toolEnv.get("DOCKER_HOST"));
            for (String absent : List.of("COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "DOCKER_CONTEXT", "SOME_UNRELATED")) {
                assertFalse(toolEnv.containsKey(absent), absent + " reached the tool");
            }
            assertEquals(Map.of("greeting", greeting, "pw", secret),
                    EnvFileFormat.read(Files.readString(files.resolve("inputs.env"))));
            assertFalse(Files.readString(files.resolve("compose.json")).contains(secret));
            assertFalse(r.toJson().contains(secret));

            // delete runs `down` when the project owns something (here: a network made for the purpose)
            ComposeEngineTestBase.docker().createNetworkCmd().withName(project + "_default")
                    .withLabels(Map.of(ComposeProject.PROJECT, project)).exec();
            assertEquals(0, launcher.delete(deployment));
            int down = fake.callOf("down");
            assertEquals(concat(global, "down", "--remove-orphans", "-t", "0"), fake.argv(down));
            assertEquals(secret, fake.env(down).get("pw"), "down interpolates the file too: same variables");
            assertEquals(0, ComposeEngineTestBase.projectNetworks(deployment), "the fake's leftovers were swept");
            assertFalse(Files.exists(files), "work files removed");
        }
    }

    @Test
    void aToolThatOutlivesItsTimeoutIsKilledWithItsChildrenAndTheResultSaysSo() {
        FakeTool fake = FakeTool.install(dir, "docker-compose").version("docker-compose version 1.29.2, build fake").hang();
        try (ComposeLauncher launcher = ComposeEngineTestBase.open(
                "compose?binary=" + fake.binary + "&timeout=2s&work-dir=" + dir.resolve("work"), env())) {
            long start = System.nanoTime();
            LaunchResult r = launcher.apply("hang", LaunchSpec.parse(SPEC),
                    Inputs.builder().put("greeting", "hi").secret("pw", "x").build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(7)) < 0, "took " + took);
            ServiceResult web = r.service("web");
            assertEquals(Outcome.FAILED, web.outcome());
            assertEquals("not started: docker-compose up did not finish within 2s and was killed (option timeout)",
                    web.reason());
            assertTrue(r.toolErrors().contains("did not finish within 2s and was killed"), r.toolErrors());
            assertEquals(List.of("--ansi", "never"), fake.argv(fake.callOf("up")).subList(0, 2), "v1 1.29 flags");
            assertTrue(hangingChildren().isEmpty(), "left running: " + hangingChildren());
            launcher.delete("hang");
        }
    }

    /** The fake's `sleep 613`, should it have survived the watchdog. */
    private static List<Long> hangingChildren() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> a.length == 1 && a[0].equals("613")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
