package io.slipway.wait;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Static factories for {@link WaitCondition}s, each with the default timeout ({@link WaitCondition#DEFAULT_TIMEOUT}). */
public final class Waits {

    private Waits() {
    }

    /** Running as soon as the engine says so. */
    public static Running running() {
        return new Running(Duration.ZERO, WaitCondition.DEFAULT_TIMEOUT);
    }

    /** Running without interruption for {@code stable}. */
    public static Running running(Duration stable) {
        return new Running(stable, WaitCondition.DEFAULT_TIMEOUT);
    }

    /** The healthcheck reports healthy. */
    public static Healthy healthy() {
        return new Healthy(WaitCondition.DEFAULT_TIMEOUT);
    }

    /** Exited with one of {@code codes}; none given means {@code 0}. */
    public static Exited exited(int... codes) {
        Set<Integer> set = new LinkedHashSet<>();
        Arrays.stream(codes.length == 0 ? new int[] {0} : codes).forEach(set::add);
        return new Exited(set, WaitCondition.DEFAULT_TIMEOUT);
    }

    /** A log line matches {@code regex}. */
    public static LogMatches log(String regex) {
        return new LogMatches(regex, WaitCondition.DEFAULT_TIMEOUT);
    }

    /** TCP {@code port} accepts connections. */
    public static PortOpen port(int port) {
        return new PortOpen(port, WaitCondition.DEFAULT_TIMEOUT);
    }

    /** {@code GET path} on {@code port} answers {@code status}. */
    public static HttpOk http(int port, String path, int status) {
        return new HttpOk(port, path, status, WaitCondition.DEFAULT_TIMEOUT);
    }

    /** Every condition holds. */
    public static AllOf all(WaitCondition... conditions) {
        return new AllOf(List.of(conditions), WaitCondition.DEFAULT_TIMEOUT);
    }

    /** At least one condition holds. */
    public static AnyOf any(WaitCondition... conditions) {
        return new AnyOf(List.of(conditions), WaitCondition.DEFAULT_TIMEOUT);
    }
}
