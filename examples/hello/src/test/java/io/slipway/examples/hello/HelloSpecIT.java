package io.slipway.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example spec, applied for real: the page must show the greeting. */
class HelloSpecIT {

    private static final Path SPEC = Path.of("hello.yaml");

    @Test
    void helloServesTheGreeting() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String deployment = "hello-test-" + ProcessHandle.current().pid();
        try (ContainerLauncher launcher = Launchers.open("docker-run")) {
            try {
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse(SPEC),
                        Inputs.builder().put("greeting", "Hi <&> $(id)").put("http_port", port).build());
                assertTrue(r.succeeded(), r.describe());
                assertEquals(0, r.outputs().get("setup_exit"));
                assertEquals(deployment + "-web", r.outputs().get("web_container"));
                HttpResponse<String> page = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("Hi <&> $(id)\n", page.body());
            } finally {
                launcher.delete(deployment);
            }
        }
    }

    @Test
    void theThirdPartyEchoBackendRunsTheSameSpec() {
        try (ContainerLauncher echo = Launchers.open("echo")) {
            LaunchResult r = echo.apply("hello", LaunchSpec.parse(SPEC), Inputs.builder().put("greeting", "hi").build());
            assertTrue(r.succeeded(), r.describe());
            assertEquals("echo", r.backend());
            assertEquals(2, r.services().size());
        }
    }
}
