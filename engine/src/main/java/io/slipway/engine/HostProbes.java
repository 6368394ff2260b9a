package io.slipway.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Port and HTTP probes from this host to an address a container answers on, shared by every probe that waits on
 * {@code port} and {@code http} conditions, so they time out and explain a failure the same way.
 */
public final class HostProbes {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** What an HTTP probe saw: the status code, or -1 and why there was none. */
    public record HttpAnswer(int status, String error) {
    }

    private HostProbes() {
    }

    /** Null when a TCP connection to {@code address} opens, else why it did not. */
    public static String tcp(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, (int) CONNECT_TIMEOUT.toMillis());
            return null;
        } catch (IOException e) {
            return "connect to " + address.getHostString() + ":" + address.getPort() + " failed: " + e.getMessage();
        }
    }

    /** The status of {@code GET path} on {@code address}, or -1 with the reason (the body is discarded). */
    public static HttpAnswer http(InetSocketAddress address, String path) {
        URI uri = URI.create("http://" + address.getHostString() + ":" + address.getPort() + path);
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return new HttpAnswer(r.statusCode(), null);
        } catch (IOException e) {
            return new HttpAnswer(-1, "GET " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HttpAnswer(-1, "interrupted");
        }
    }
}
