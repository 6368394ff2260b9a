package io.slipway.wait;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** A mutable, thread-safe {@link ContainerProbe} for tests. */
final class FakeProbe implements ContainerProbe {

    volatile ContainerState state = state(ContainerState.Status.CREATED);
    final List<String> logs = new CopyOnWriteArrayList<>();
    /** What tcpProbe returns: null means the port is open. */
    volatile String tcpError = "connection refused";
    /** What httpProbe returns. */
    volatile int httpStatus = -1;
    volatile String probeError = "connection refused";
    final AtomicInteger stateCalls = new AtomicInteger();
    final AtomicInteger tcpCalls = new AtomicInteger();
    volatile int lastTcpPort;
    volatile String lastHttpPath;

    static ContainerState state(ContainerState.Status status) {
        return new ContainerState(status, null, ContainerState.Health.NONE, null, null, null);
    }

    FakeProbe status(ContainerState.Status status) {
        state = new ContainerState(status, state.exitCode(), state.health(), state.startedAt(), state.healthLog(),
                state.error());
        return this;
    }

    FakeProbe running() {
        state = new ContainerState(ContainerState.Status.RUNNING, null, state.health(), Instant.now(), state.healthLog(),
                null);
        return this;
    }

    FakeProbe runningSince(Instant startedAt) {
        state = new ContainerState(ContainerState.Status.RUNNING, null, state.health(), startedAt, state.healthLog(), null);
        return this;
    }

    FakeProbe exited(int code) {
        state = new ContainerState(ContainerState.Status.EXITED, code, state.health(), state.startedAt(), state.healthLog(),
                state.error());
        return this;
    }

    FakeProbe health(ContainerState.Health health, String healthLog) {
        state = new ContainerState(state.status(), state.exitCode(), health, state.startedAt(), healthLog, state.error());
        return this;
    }

    @Override
    public ContainerState state() {
        stateCalls.incrementAndGet();
        return state;
    }

    @Override
    public boolean logMatches(Pattern pattern) {
        return logs.stream().anyMatch(l -> pattern.matcher(l).find());
    }

    @Override
    public String tcpProbe(int port) {
        tcpCalls.incrementAndGet();
        lastTcpPort = port;
        return tcpError;
    }

    @Override
    public int httpProbe(int port, String path) {
        lastTcpPort = port;
        lastHttpPath = path;
        return httpStatus;
    }

    @Override
    public String lastProbeError() {
        return probeError;
    }
}
