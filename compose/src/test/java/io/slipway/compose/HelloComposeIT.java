package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example spec through the compose backend, as examples/hello's HelloSpecIT runs it on docker-run. */
class HelloComposeIT {

    private static final Path SPEC = Path.of("../examples/hello/hello.yaml");
    private static final String IMAGE = "slipway-example/busybox:1";

    /** scripts/docker-engine.sh makes the example image; where it has not run, the test image serves as well. */
    private static void exampleImage() {
        try {
            TestEngine.client().inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException absent) {
            TestEngine.client().tagImageCmd(TestImages.busybox(), "slipway-example/busybox", "1").exec();
        }
    }

    @Test
    void helloServesTheGreeting() throws Exception {
        exampleImage();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String deployment = "hello-compose-" + ProcessHandle.current().pid();
        try (ContainerLauncher launcher = Launchers.open("compose?stop-timeout=1s")) {
            try {
                LaunchResult r = launcher.apply(deployment, LaunchSpec.parse(SPEC),
                        Inputs.builder().put("greeting", "Hi <&> $(id) ${greeting}").put("http_port", port).build());
                assertTrue(r.succeeded(), r.describe());
                assertEquals("compose", r.backend());
                assertEquals(0, r.outputs().get("setup_exit"));
                assertEquals(r.service("web").containerName(), r.outputs().get("web_container"));
                HttpResponse<String> page = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("Hi <&> $(id) ${greeting}\n", page.body());
            } finally {
                launcher.delete(deployment);
            }
        }
    }
}
