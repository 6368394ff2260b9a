package io.slipway.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.junit.Deployed;
import io.slipway.junit.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The hello example through the JUnit extension, as the README shows it: the deployment is applied once for the class
 * (with Slipway's own waits: the setup task's exit, then the web server's HTTP answer) and deleted after it.
 */
class HelloExtensionIT {

    @Deployed
    static Deployment hello = Deployment.of("hello.yaml")
            .inputs("greeting=Hello from a test")
            .input("http_port", freePort());

    @Test
    void servesTheGreeting() throws Exception {
        int port = hello.hostPort("web", 8080);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("Hello from a test\n", page.body());
    }

    @Test
    void theOneShotSetupSucceeded() {
        assertEquals(0, hello.output("setup_exit"));
        assertEquals(hello.name() + "-web", hello.containerName("web"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
