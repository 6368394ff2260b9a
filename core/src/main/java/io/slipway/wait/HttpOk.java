package io.slipway.wait;

import java.time.Duration;
import java.util.Objects;

/** {@code GET path} on the container's {@code port} answers with {@code status}. */
public record HttpOk(int port, String path, int status, Duration timeout) implements WaitCondition {

    public HttpOk {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(path, "path");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535 but was: " + port);
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599 but was: " + status);
        }
    }

    @Override
    public HttpOk withTimeout(Duration timeout) {
        return new HttpOk(port, path, status, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        ContainerState s = probe.state();
        if (s.status().isTerminal()) {
            return new Check.Failed("http :" + port + path + " never answered " + status + "; it " + s.describe());
        }
        if (s.status() != ContainerState.Status.RUNNING) {
            return Check.pendingOrTimedOut("not running yet: " + s.describe(), null, elapsed, timeout);
        }
        int got = probe.httpProbe(port, path);
        if (got == status) {
            return new Check.Succeeded("http :" + port + path + " answered " + got);
        }
        String seen = got < 0 ? "no answer (" + probe.lastProbeError() + ")" : "answered " + got;
        return Check.pendingOrTimedOut("http :" + port + path + " " + seen + ", expected " + status,
                PortOpen.RETRY.multipliedBy(2), elapsed, timeout);
    }

    @Override
    public String describe() {
        return "http :" + port + path + " -> " + status;
    }
}
