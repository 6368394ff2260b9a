package io.slipway.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * The container's TCP {@code port} accepts connections (through its published host port when it is
 * published). Checked from outside: nothing runs inside the container, so images without a shell work.
 */
public record PortOpen(int port, Duration timeout) implements WaitCondition {

    /** How often to retry a refused connection; there is no engine event for "port open". */
    static final Duration RETRY = Duration.ofMillis(50);

    public PortOpen {
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535 but was: " + port);
        }
    }

    @Override
    public PortOpen withTimeout(Duration timeout) {
        return new PortOpen(port, timeout);
    }

    @Override
    public Check check(ContainerProbe probe, Duration elapsed) {
        ContainerState s = probe.state();
        if (s.status().isTerminal()) {
            return new Check.Failed("port " + port + " never opened; it " + s.describe());
        }
        if (s.status() != ContainerState.Status.RUNNING) {
            return Check.pendingOrTimedOut("not running yet: " + s.describe(), null, elapsed, timeout);
        }
        String error = probe.tcpProbe(port);
        if (error == null) {
            return new Check.Succeeded("port " + port + " open");
        }
        return Check.pendingOrTimedOut("port " + port + ": " + error, RETRY, elapsed, timeout);
    }

    @Override
    public String describe() {
        return "port " + port;
    }
}
