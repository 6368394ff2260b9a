package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's atomic example, as written: examples/atomic/images.sh, then the spec on those images. */
class AtomicExampleIT {

    private static final Path DIR = Path.of("../examples/atomic");

    @Test
    void theExampleServesTheGreetingThroughTheAgent() throws Exception {
        Process p = new ProcessBuilder("bash", DIR.resolve("images.sh").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, out);

        String agent = "slipway-agent-example-" + UUID.randomUUID().toString().substring(0, 8);
        String deployment = "hello-atomic-test-" + ProcessHandle.current().pid();
        try (ContainerLauncher launcher = Launchers.open("atomic?agent-image=slipway-example/agent:1"
                + "&privileged-agent=true&remove-agent=true&agent-name=" + agent)) {
            try {
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse(DIR.resolve("hello-atomic.yaml")),
                        Inputs.builder().put("greeting", "Hi <&> $(id) 'quoted'").build());
                assertTrue(r.succeeded(), r.describe() + "\n" + r.toolOutput() + r.toolErrors());
                assertTrue(r.toolOutput().contains("[hello] installing " + deployment + "-hello from slipway-example/atomic-hello:1"),
                        r.toolOutput());
                HttpResponse<String> page = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:18081/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("Hi <&> $(id) 'quoted'\n", page.body());
            } finally {
                launcher.delete(deployment);
            }
        } finally {
            AtomicEngineTestBase.removeContainer(agent);
        }
    }
}
