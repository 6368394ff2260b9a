package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.HttpOk;
import io.slipway.wait.LogMatches;
import io.slipway.wait.PortOpen;
import io.slipway.wait.Running;
import io.slipway.wait.WaitCondition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every {@code x-slipway} wait form of DESIGN.md, with its timeouts. */
class WaitSpecTest {

    private static final Duration DEFAULT = WaitCondition.DEFAULT_TIMEOUT;

    /** The wait of service web with {@code x-slipway} {@code body} (one flow-style line). */
    static WaitCondition waitOf(String xSlipway) {
        return LaunchSpecTest.web("    x-slipway: " + xSlipway + "\n").waitCondition();
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("{wait: {running: true}}", new Running(Duration.ZERO, DEFAULT)),
                Arguments.of("{wait: {running: {stable: 2s}}}", new Running(Duration.ofSeconds(2), DEFAULT)),
                Arguments.of("{wait: {running: {}, timeout: 5m}}", new Running(Duration.ZERO, Duration.ofMinutes(5))),
                Arguments.of("{wait: {healthy: true}}", new Healthy(DEFAULT)),
                Arguments.of("{wait: {exited: [0, 2]}}", new Exited(Set.of(0, 2), DEFAULT)),
                Arguments.of("{wait: {exited: 0, timeout: 500ms}}", new Exited(Set.of(0), Duration.ofMillis(500))),
                Arguments.of("{wait: {log: 'ready to accept \\d+'}}", new LogMatches("ready to accept \\d+", DEFAULT)),
                Arguments.of("{wait: {port: 8080, timeout: 30s}}", new PortOpen(8080, Duration.ofSeconds(30))),
                Arguments.of("{wait: {http: {port: 8080, path: /health, status: 204}}}",
                        new HttpOk(8080, "/health", 204, DEFAULT)),
                Arguments.of("{wait: {http: {port: 8080}}}", new HttpOk(8080, "/", 200, DEFAULT)),
                // x-slipway.timeout is the default of the wait; the wait's own timeout wins.
                Arguments.of("{timeout: 10s, wait: {port: 80}}", new PortOpen(80, Duration.ofSeconds(10))),
                Arguments.of("{timeout: 10s, wait: {port: 80, timeout: 20s}}", new PortOpen(80, Duration.ofSeconds(20))),
                // no wait: running for a service, exited 0 for a one-shot, both with the service timeout
                Arguments.of("{}", new Running(Duration.ZERO, DEFAULT)),
                Arguments.of("{timeout: 3s}", new Running(Duration.ZERO, Duration.ofSeconds(3))),
                Arguments.of("{oneshot: true}", new Exited(Set.of(0), DEFAULT)),
                Arguments.of("{oneshot: true, timeout: 2m}", new Exited(Set.of(0), Duration.ofMinutes(2))),
                Arguments.of("{oneshot: true, wait: {exited: [0, 1], timeout: 60s}}",
                        new Exited(Set.of(0, 1), Duration.ofSeconds(60))));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void form(String xSlipway, WaitCondition expected) {
        assertEquals(expected, waitOf(xSlipway));
    }

    @Test
    void nestedAllAndAnyTakeTheOuterTimeoutUnlessTheyHaveTheirOwn() {
        WaitCondition wait = waitOf("""
                
                      wait:
                        all:
                          - {port: 8080}
                          - {log: started, timeout: 5s}
                          - any:
                              - {healthy: true}
                              - {http: {port: 9090}, timeout: 1s}
                        timeout: 45s
                """.stripTrailing());
        assertEquals(new AllOf(List.of(
                new PortOpen(8080, Duration.ofSeconds(45)),
                new LogMatches("started", Duration.ofSeconds(5)),
                new AnyOf(List.of(
                        new Healthy(Duration.ofSeconds(45)),
                        new HttpOk(9090, "/", 200, Duration.ofSeconds(1))), Duration.ofSeconds(45))),
                Duration.ofSeconds(45)), wait);
    }

    @Test
    void nestedConditionsUseTheServiceTimeoutWhenTheOuterHasNone() {
        WaitCondition wait = waitOf("{timeout: 7s, wait: {any: [{port: 1}, {exited: 0}]}}");
        assertEquals(new AnyOf(List.of(new PortOpen(1, Duration.ofSeconds(7)), new Exited(Set.of(0), Duration.ofSeconds(7))),
                Duration.ofSeconds(7)), wait);
    }

    @Test
    void oneshotFlagIsBound() {
        assertTrue(LaunchSpecTest.web("    x-slipway: {oneshot: true}\n").oneshot());
    }

    @Test
    void waitValuesAreInterpolated() {
        ServiceSpec web = LaunchSpecTest.resolve("""
                x-slipway:
                  inputs:
                    port: {type: number, default: 8080}
                    patience: {default: 90s}
                services:
                  web:
                    image: busybox
                    x-slipway:
                      wait: {http: {port: "${port}", path: "/${path:-ready}", status: "200"}, timeout: "${patience}"}
                      oneshot: "false"
                """, Inputs.empty()).service("web");
        assertEquals(new HttpOk(8080, "/ready", 200, Duration.ofSeconds(90)), web.waitCondition());
    }
}
