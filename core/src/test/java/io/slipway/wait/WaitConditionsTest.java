package io.slipway.wait;

import static io.slipway.wait.ContainerState.Health.HEALTHY;
import static io.slipway.wait.ContainerState.Health.NONE;
import static io.slipway.wait.ContainerState.Health.STARTING;
import static io.slipway.wait.ContainerState.Health.UNHEALTHY;
import static io.slipway.wait.ContainerState.Status.CREATED;
import static io.slipway.wait.ContainerState.Status.DEAD;
import static io.slipway.wait.ContainerState.Status.EXITED;
import static io.slipway.wait.ContainerState.Status.MISSING;
import static io.slipway.wait.ContainerState.Status.PAUSED;
import static io.slipway.wait.ContainerState.Status.RESTARTING;
import static io.slipway.wait.ContainerState.Status.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaitConditionsTest {

    private static final Duration T0 = Duration.ZERO;
    private static final Duration LATE = Duration.ofSeconds(61);

    static Check.Pending pending(Check c, String detail) {
        Check.Pending p = assertInstanceOf(Check.Pending.class, c);
        assertEquals(detail, p.detail());
        return p;
    }

    static void succeeded(Check c, String detail) {
        assertEquals(detail, assertInstanceOf(Check.Succeeded.class, c).detail());
    }

    static void failed(Check c, String reason) {
        assertEquals(reason, assertInstanceOf(Check.Failed.class, c).reason());
    }

    static void timedOut(Check c, String lastObserved) {
        assertEquals(lastObserved, assertInstanceOf(Check.TimedOut.class, c).lastObserved());
    }

    @Nested
    class RunningTest {

        @Test
        void pendingWhileCreatedThenTimedOut() {
            FakeProbe p = new FakeProbe();
            Check.Pending c = pending(Waits.running().check(p, T0), "not running yet: created");
            assertNull(c.recheckIn());
            pending(Waits.running().check(p, Duration.ofSeconds(59)), "not running yet: created");
            timedOut(Waits.running().check(p, Duration.ofSeconds(60)), "not running yet: created");
            pending(Waits.running().check(p.status(RESTARTING), T0), "not running yet: restarting");
            pending(Waits.running().check(p.status(PAUSED), T0), "not running yet: paused");
        }

        @Test
        void succeedsWhenRunning() {
            succeeded(Waits.running().check(new FakeProbe().running(), T0), "running");
        }

        @Test
        void stableDurationPendingThenSuccess() {
            Running r = Waits.running(Duration.ofSeconds(2));
            FakeProbe p = new FakeProbe().runningSince(Instant.now().minusMillis(500));
            Check.Pending c = assertInstanceOf(Check.Pending.class, r.check(p, T0));
            assertTrue(c.detail().startsWith("running for ") && c.detail().endsWith(" ms of 2000 ms"), c.detail());
            // about 1.5 s are left: the condition asks to be rechecked then, not on the fallback interval
            assertTrue(c.recheckIn().compareTo(Duration.ofMillis(1000)) > 0
                    && c.recheckIn().compareTo(Duration.ofMillis(1500)) <= 0, c.recheckIn().toString());
            Check.TimedOut t = assertInstanceOf(Check.TimedOut.class,
                    r.withTimeout(Duration.ofSeconds(1)).check(p, Duration.ofSeconds(1)));
            assertTrue(t.lastObserved().startsWith("running for ") && t.lastObserved().endsWith(" ms of 2000 ms"),
                    t.lastObserved());

            p.runningSince(Instant.now().minusSeconds(3));
            Check.Succeeded s = assertInstanceOf(Check.Succeeded.class, r.check(p, T0));
            assertTrue(s.detail().matches("running for 3\\d\\d\\d ms"), s.detail());
        }

        @Test
        void stableWithoutStartTimeCountsFromNow() {
            Running r = Waits.running(Duration.ofSeconds(2));
            FakeProbe p = new FakeProbe().runningSince(null);
            Check.Pending c = assertInstanceOf(Check.Pending.class, r.check(p, T0));
            assertTrue(c.detail().endsWith(" ms of 2000 ms"), c.detail());
        }

        @Test
        void stablePendingTimesOut() {
            Running r = new Running(Duration.ofSeconds(10), Duration.ofSeconds(1));
            FakeProbe p = new FakeProbe().runningSince(Instant.now());
            Check.TimedOut t = assertInstanceOf(Check.TimedOut.class, r.check(p, Duration.ofSeconds(1)));
            assertTrue(t.lastObserved().endsWith(" ms of 10000 ms"), t.lastObserved());
        }

        @Test
        void failsWhenExitedWithTheCodeInTheReason() {
            failed(Waits.running().check(new FakeProbe().running().exited(3), T0),
                    "expected to keep running, but it is exited (code 3)");
            // a failure is final even before the stable time and after the timeout
            failed(Waits.running(Duration.ofSeconds(5)).check(new FakeProbe().exited(0), LATE),
                    "expected to keep running, but it is exited (code 0)");
        }

        @Test
        void failsWhenDeadOrMissing() {
            FakeProbe p = new FakeProbe();
            p.state = new ContainerState(DEAD, 137, NONE, null, null, " OCI runtime error \n");
            failed(Waits.running().check(p, T0), "expected to keep running, but it is dead (code 137), error: OCI runtime error");
            p.state = ContainerState.missing();
            failed(Waits.running().check(p, T0), "expected to keep running, but it is missing");
        }

        @Test
        void describe() {
            assertEquals("running", Waits.running().describe());
            assertEquals("running, stable 2000 ms", Waits.running(Duration.ofSeconds(2)).describe());
        }

        @Test
        void rejectsNulls() {
            assertThrows(NullPointerException.class, () -> new Running(null, Duration.ZERO));
            assertThrows(NullPointerException.class, () -> new Running(Duration.ZERO, null));
        }
    }

    @Nested
    class HealthyTest {

        @Test
        void succeedsWhenRunningAndHealthy() {
            succeeded(Waits.healthy().check(new FakeProbe().running().health(HEALTHY, "ok"), T0), "healthy");
        }

        @Test
        void unhealthyFailsWithTheLastProbeOutput() {
            FakeProbe p = new FakeProbe().running().health(UNHEALTHY, "  curl: (7) Failed to connect\n");
            failed(Waits.healthy().check(p, T0), "unhealthy; last probe: curl: (7) Failed to connect");
            failed(Waits.healthy().check(p.health(UNHEALTHY, null), T0), "unhealthy");
            failed(Waits.healthy().check(p.health(UNHEALTHY, "  "), T0), "unhealthy");
        }

        @Test
        void noHealthcheckFails() {
            failed(Waits.healthy().check(new FakeProbe().running(), T0),
                    "wait is 'healthy' but the container has no healthcheck");
        }

        @Test
        void exitFails() {
            failed(Waits.healthy().check(new FakeProbe().health(STARTING, null).exited(1), T0),
                    "expected to turn healthy, but it is exited (code 1), health starting");
            failed(Waits.healthy().check(new FakeProbe().health(HEALTHY, null).exited(0), T0),
                    "expected to turn healthy, but it is exited (code 0), health healthy");
        }

        @Test
        void startingIsPendingThenTimedOut() {
            FakeProbe p = new FakeProbe().running().health(STARTING, "not yet");
            Check.Pending c = pending(Waits.healthy().check(p, T0), "not healthy yet: running, health starting; last probe: not yet");
            assertNull(c.recheckIn());
            timedOut(Waits.healthy().withTimeout(Duration.ofSeconds(5)).check(p, Duration.ofSeconds(5)),
                    "not healthy yet: running, health starting; last probe: not yet");
            pending(Waits.healthy().check(new FakeProbe(), T0), "not healthy yet: created");
        }

        @Test
        void describe() {
            assertEquals("healthy", Waits.healthy().describe());
        }
    }

    @Nested
    class ExitedTest {

        @Test
        void acceptedCodesSucceed() {
            Exited e = Waits.exited(0, 2);
            succeeded(e.check(new FakeProbe().exited(0), T0), "exited with code 0");
            succeeded(e.check(new FakeProbe().exited(2), T0), "exited with code 2");
            // final even after the timeout
            succeeded(e.check(new FakeProbe().exited(2), LATE), "exited with code 2");
        }

        @Test
        void otherCodesFailNamingTheExpectedSet() {
            failed(Waits.exited(5, 0, 2).check(new FakeProbe().exited(1), T0), "exited with code 1, expected [0, 2, 5]");
            failed(Waits.exited().check(new FakeProbe().exited(137), T0), "exited with code 137, expected [0]");
        }

        @Test
        void terminalWithoutExitCodeFails() {
            FakeProbe p = new FakeProbe();
            p.state = ContainerState.missing();
            failed(Waits.exited().check(p, T0), "it is missing");
            p.state = new ContainerState(DEAD, null, NONE, null, null, "killed");
            failed(Waits.exited().check(p, T0), "it is dead, error: killed");
        }

        @Test
        void runningIsPendingThenTimedOut() {
            FakeProbe p = new FakeProbe().running();
            Check.Pending c = pending(Waits.exited().check(p, T0), "has not exited: running");
            assertNull(c.recheckIn());
            timedOut(Waits.exited().check(p, Duration.ofSeconds(60)), "has not exited: running");
        }

        @Test
        void constructorRejectsNoCodes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Exited(Set.of(), Duration.ofSeconds(1)));
            assertEquals("exited needs at least one accepted exit code", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Exited(null, Duration.ofSeconds(1)));
        }

        @Test
        void codesAreCopied() {
            Set<Integer> codes = new HashSet<>(Set.of(0));
            Exited e = new Exited(codes, Duration.ofSeconds(1));
            codes.add(1);
            assertEquals(Set.of(0), e.codes());
            assertThrows(UnsupportedOperationException.class, () -> e.codes().add(3));
        }

        @Test
        void describe() {
            assertEquals("exited [0]", Waits.exited().describe());
            assertEquals("exited [0, 2, 5]", Waits.exited(5, 2, 0).describe());
        }
    }

    @Nested
    class LogMatchesTest {

        @Test
        void matchingLineSucceeds() {
            FakeProbe p = new FakeProbe().running();
            p.logs.add("starting");
            p.logs.add("LOG: database system is ready to accept connections");
            succeeded(Waits.log("ready to accept").check(p, T0), "log matched /ready to accept/");
            succeeded(Waits.log("is re+ady\\b").check(p, T0), "log matched /is re+ady\\b/");
        }

        @Test
        void findNotWholeLineButAnchorsWork() {
            FakeProbe p = new FakeProbe().running();
            p.logs.add("db ready");
            pending(Waits.log("^ready").check(p, T0), "no log line matched /^ready/ yet");
            succeeded(Waits.log("ready$").check(p, T0), "log matched /ready$/");
        }

        @Test
        void noMatchIsPendingThenTimedOut() {
            FakeProbe p = new FakeProbe().running();
            p.logs.add("booting");
            Check.Pending c = pending(Waits.log("ready").check(p, T0), "no log line matched /ready/ yet");
            assertNull(c.recheckIn());
            timedOut(Waits.log("ready").check(p, LATE), "no log line matched /ready/ yet");
        }

        @Test
        void exitWithoutMatchFails() {
            failed(Waits.log("ready").check(new FakeProbe().exited(1), T0),
                    "no log line matched /ready/ before it exited (code 1)");
        }

        @Test
        void matchWinsOverExit() {
            FakeProbe p = new FakeProbe().exited(0);
            p.logs.add("ready");
            succeeded(Waits.log("ready").check(p, T0), "log matched /ready/");
        }

        @Test
        void badRegexIsRejected() {
            assertThrows(PatternSyntaxException.class, () -> Waits.log("([a-"));
            assertThrows(PatternSyntaxException.class, () -> new LogMatches("*", Duration.ofSeconds(1)));
            assertThrows(NullPointerException.class, () -> new LogMatches(null, Duration.ofSeconds(1)));
        }

        @Test
        void describeAndPattern() {
            assertEquals("log /ready\\d/", Waits.log("ready\\d").describe());
            assertEquals("ready\\d", Waits.log("ready\\d").pattern().pattern());
        }
    }

    @Nested
    class PortOpenTest {

        @Test
        void refusedIsPendingWithRecheck50msThenTimedOut() {
            FakeProbe p = new FakeProbe().running();
            PortOpen c = new PortOpen(8080, Duration.ofSeconds(2));
            Check.Pending r = pending(c.check(p, Duration.ofMillis(100)), "port 8080: connection refused");
            assertEquals(Duration.ofMillis(50), r.recheckIn());
            assertEquals(8080, p.lastTcpPort);
            pending(c.check(p, Duration.ofMillis(1999)), "port 8080: connection refused");
            timedOut(c.check(p, Duration.ofSeconds(2)), "port 8080: connection refused");
        }

        @Test
        void openSucceeds() {
            FakeProbe p = new FakeProbe().running();
            p.tcpError = null;
            succeeded(Waits.port(5432).check(p, T0), "port 5432 open");
            assertEquals(5432, p.lastTcpPort);
        }

        @Test
        void notRunningYetDoesNotProbe() {
            FakeProbe p = new FakeProbe();
            Check.Pending r = pending(Waits.port(80).check(p, T0), "not running yet: created");
            assertNull(r.recheckIn());
            assertEquals(0, p.tcpCalls.get());
        }

        @Test
        void exitFails() {
            failed(Waits.port(80).check(new FakeProbe().exited(1), T0), "port 80 never opened; it exited (code 1)");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 65536, 100000})
        void badPortIsRejected(int port) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Waits.port(port));
            assertEquals("port must be 1-65535 but was: " + port, e.getMessage());
        }

        @Test
        void boundaryPortsAreAccepted() {
            assertEquals(1, Waits.port(1).port());
            assertEquals(65535, Waits.port(65535).port());
            assertEquals("port 65535", Waits.port(65535).describe());
        }
    }

    @Nested
    class HttpOkTest {

        @Test
        void wrongStatusIsPendingThenTimedOutMentioningTheStatus() {
            FakeProbe p = new FakeProbe().running();
            p.httpStatus = 503;
            HttpOk h = new HttpOk(8080, "/health", 200, Duration.ofSeconds(3));
            Check.Pending r = pending(h.check(p, T0), "http :8080/health answered 503, expected 200");
            assertEquals(Duration.ofMillis(100), r.recheckIn());
            assertEquals("/health", p.lastHttpPath);
            assertEquals(8080, p.lastTcpPort);
            timedOut(h.check(p, Duration.ofSeconds(3)), "http :8080/health answered 503, expected 200");
        }

        @Test
        void noAnswerNamesTheProbeError() {
            FakeProbe p = new FakeProbe().running();
            p.httpStatus = -1;
            p.probeError = "read timed out";
            pending(Waits.http(8080, "/", 200).check(p, T0), "http :8080/ no answer (read timed out), expected 200");
        }

        @Test
        void expectedStatusSucceeds() {
            FakeProbe p = new FakeProbe().running();
            p.httpStatus = 204;
            succeeded(Waits.http(80, "/ping", 204).check(p, T0), "http :80/ping answered 204");
        }

        @Test
        void exitFailsAndCreatedIsPending() {
            failed(Waits.http(8080, "/health", 200).check(new FakeProbe().exited(137), T0),
                    "http :8080/health never answered 200; it exited (code 137)");
            pending(Waits.http(8080, "/health", 200).check(new FakeProbe(), T0), "not running yet: created");
        }

        @Test
        void pathGetsALeadingSlash() {
            HttpOk h = Waits.http(8080, "health", 200);
            assertEquals("/health", h.path());
            assertEquals("http :8080/health -> 200", h.describe());
            assertEquals("/health", h.withTimeout(Duration.ofSeconds(1)).path());
        }

        @ParameterizedTest
        @ValueSource(ints = {99, 600, 0, -200})
        void badStatusIsRejected(int status) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Waits.http(80, "/", status));
            assertEquals("status must be 100-599 but was: " + status, e.getMessage());
        }

        @Test
        void badPortIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Waits.http(0, "/", 200));
            assertEquals("port must be 1-65535 but was: 0", e.getMessage());
            assertThrows(NullPointerException.class, () -> Waits.http(80, null, 200));
            assertEquals(100, Waits.http(80, "/", 100).status());
            assertEquals(599, Waits.http(80, "/", 599).status());
        }
    }

    @Nested
    class AllOfTest {

        @Test
        void allSucceed() {
            FakeProbe p = new FakeProbe().running();
            p.tcpError = null;
            succeeded(Waits.all(Waits.running(), Waits.port(8080)).check(p, T0), "all of all(running, port 8080)");
        }

        @Test
        void pendingUntilAllHoldWithEarliestRecheck() {
            FakeProbe p = new FakeProbe().running();
            AllOf a = Waits.all(Waits.running(), Waits.port(8080), Waits.log("ready"));
            Check.Pending r = pending(a.check(p, T0),
                    "port 8080: port 8080: connection refused; log /ready/: no log line matched /ready/ yet");
            assertEquals(Duration.ofMillis(50), r.recheckIn());
        }

        @Test
        void oneFailureFailsAll() {
            FakeProbe p = new FakeProbe().exited(1);
            p.logs.add("ready");
            failed(Waits.all(Waits.log("ready"), Waits.running()).check(p, T0),
                    "running: expected to keep running, but it is exited (code 1)");
        }

        @Test
        void innerTimeoutTimesOutAll() {
            FakeProbe p = new FakeProbe().running();
            AllOf a = Waits.all(Waits.running(), Waits.port(8080).withTimeout(Duration.ofSeconds(1)));
            timedOut(a.check(p, Duration.ofSeconds(1)), "port 8080: port 8080: connection refused");
        }

        @Test
        void outerTimeoutTimesOutAll() {
            FakeProbe p = new FakeProbe().running();
            AllOf a = Waits.all(Waits.log("ready")).withTimeout(Duration.ofSeconds(2));
            timedOut(a.check(p, Duration.ofSeconds(2)), "log /ready/: no log line matched /ready/ yet");
        }

        @Test
        void needsAConditionAndCopiesTheList() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Waits.all());
            assertEquals("all needs at least one condition", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new AllOf(null, Duration.ofSeconds(1)));
            assertThrows(UnsupportedOperationException.class, () -> Waits.all(Waits.running()).conditions().clear());
        }
    }

    @Nested
    class AnyOfTest {

        @Test
        void oneSuccessIsEnough() {
            FakeProbe p = new FakeProbe().running();
            p.logs.add("ready");
            succeeded(Waits.any(Waits.port(8080), Waits.log("ready")).check(p, T0), "log /ready/: log matched /ready/");
        }

        @Test
        void pendingWhileOneIsPendingEvenIfAnotherFailed() {
            FakeProbe p = new FakeProbe().running();
            Check.Pending r = pending(Waits.any(Waits.healthy(), Waits.port(8080)).check(p, T0),
                    "port 8080: port 8080: connection refused");
            assertEquals(Duration.ofMillis(50), r.recheckIn());
        }

        @Test
        void allFailedFails() {
            FakeProbe p = new FakeProbe().exited(1);
            failed(Waits.any(Waits.exited(0), Waits.healthy()).check(p, T0),
                    "exited [0]: exited with code 1, expected [0]; healthy: expected to turn healthy, but it is exited (code 1)");
        }

        @Test
        void aTimedOutInnerMakesItTimedOut() {
            FakeProbe p = new FakeProbe().running();
            AnyOf a = Waits.any(Waits.port(8080).withTimeout(Duration.ofSeconds(1)), Waits.healthy());
            timedOut(a.check(p, Duration.ofSeconds(1)),
                    "port 8080: port 8080: connection refused; healthy: wait is 'healthy' but the container has no healthcheck");
        }

        @Test
        void outerTimeout() {
            FakeProbe p = new FakeProbe().running();
            AnyOf a = Waits.any(Waits.log("x")).withTimeout(Duration.ofMillis(500));
            timedOut(a.check(p, Duration.ofMillis(500)), "log /x/: no log line matched /x/ yet");
        }

        @Test
        void needsACondition() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Waits.any());
            assertEquals("any needs at least one condition", e.getMessage());
            assertEquals("any(running, exited [0])", Waits.any(Waits.running(), Waits.exited()).describe());
        }
    }

    @Nested
    class WaitsFactoriesTest {

        @Test
        void everyFactoryUsesTheSixtySecondDefault() {
            assertEquals(Duration.ofSeconds(60), WaitCondition.DEFAULT_TIMEOUT);
            List<WaitCondition> all = List.of(Waits.running(), Waits.running(Duration.ofSeconds(2)), Waits.healthy(),
                    Waits.exited(), Waits.log("x"), Waits.port(1), Waits.http(1, "/", 200), Waits.all(Waits.running()),
                    Waits.any(Waits.running()));
            for (WaitCondition c : all) {
                assertEquals(Duration.ofSeconds(60), c.timeout(), c.describe());
            }
        }

        @Test
        void exitedWithoutCodesMeansZero() {
            assertEquals(Set.of(0), Waits.exited().codes());
            assertEquals(Set.of(0, 2), Waits.exited(0, 2, 2).codes());
            assertEquals(Set.of(3), Waits.exited(3).codes());
        }

        @Test
        void runningDefaultsToNoStableTime() {
            assertEquals(Duration.ZERO, Waits.running().stable());
            assertEquals(Duration.ofSeconds(2), Waits.running(Duration.ofSeconds(2)).stable());
        }

        @Test
        void withTimeoutKeepsEverythingElse() {
            Duration t = Duration.ofMillis(1500);
            assertEquals(new Running(Duration.ofSeconds(2), t), Waits.running(Duration.ofSeconds(2)).withTimeout(t));
            assertEquals(new Healthy(t), Waits.healthy().withTimeout(t));
            assertEquals(new Exited(Set.of(0, 2), t), Waits.exited(0, 2).withTimeout(t));
            assertEquals(new LogMatches("r", t), Waits.log("r").withTimeout(t));
            assertEquals(new PortOpen(9, t), Waits.port(9).withTimeout(t));
            assertEquals(new HttpOk(9, "/p", 201, t), Waits.http(9, "/p", 201).withTimeout(t));
            assertEquals(new AllOf(List.of(Waits.healthy()), t), Waits.all(Waits.healthy()).withTimeout(t));
            assertEquals(new AnyOf(List.of(Waits.healthy()), t), Waits.any(Waits.healthy()).withTimeout(t));
        }
    }

    @Nested
    class StateAndCheckTest {

        @Test
        void describeState() {
            assertEquals("exited (code 3)", new ContainerState(EXITED, 3, NONE, null, null, null).describe());
            assertEquals("running", new ContainerState(RUNNING, 3, NONE, null, null, "").describe());
            assertEquals("running, health unhealthy", new ContainerState(RUNNING, null, UNHEALTHY, null, null, null).describe());
            assertEquals("missing", ContainerState.missing().describe());
            assertEquals(MISSING, ContainerState.missing().status());
        }

        @Test
        void terminalStatuses() {
            for (ContainerState.Status s : ContainerState.Status.values()) {
                assertEquals(s == EXITED || s == DEAD || s == MISSING, s.isTerminal(), s.name());
            }
            assertTrue(CREATED.compareTo(RUNNING) < 0);
        }

        @Test
        void finality() {
            assertEquals(false, new Check.Pending("x", null).isFinal());
            assertTrue(new Check.Succeeded("x").isFinal());
            assertTrue(new Check.Failed("x").isFinal());
            assertTrue(new Check.TimedOut("x").isFinal());
        }

        @Test
        void pendingOrTimedOutIsInclusiveAtTheTimeout() {
            Duration t = Duration.ofSeconds(1);
            assertEquals(new Check.Pending("d", Duration.ofMillis(5)),
                    Check.pendingOrTimedOut("d", Duration.ofMillis(5), Duration.ofMillis(999), t));
            assertEquals(new Check.TimedOut("d"), Check.pendingOrTimedOut("d", null, t, t));
            assertEquals(new Check.TimedOut("d"), Check.pendingOrTimedOut("d", null, Duration.ofSeconds(2), t));
        }

        @Test
        void earliest() {
            Duration a = Duration.ofMillis(10);
            Duration b = Duration.ofMillis(20);
            assertNull(Waiter.earliest(null, null));
            assertEquals(a, Waiter.earliest(a, null));
            assertEquals(b, Waiter.earliest(null, b));
            assertEquals(a, Waiter.earliest(b, a));
            assertEquals(a, Waiter.earliest(a, b));
        }
    }
}
