package io.slipway.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WaiterTest {

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Runs {@code change} on another thread after the waiter has evaluated at least once, then signals. */
    private static CompletableFuture<Void> changeLater(FakeProbe probe, Waiter waiter, Runnable change) {
        return CompletableFuture.runAsync(() -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (probe.stateCalls.get() == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            change.run();
            waiter.signal();
        });
    }

    @Test
    void returnsTheSucceededCheckAfterASignalFromAnotherThread() throws Exception {
        FakeProbe probe = new FakeProbe();
        Waiter waiter = new Waiter();
        long start = System.nanoTime();
        CompletableFuture<Void> other = changeLater(probe, waiter, probe::running);
        Check c = waiter.await(Waits.running(), probe);
        long ms = millisSince(start);
        assertEquals(new Check.Succeeded("running"), c);
        assertTrue(ms < 5000, "took " + ms + " ms");
        other.get(5, TimeUnit.SECONDS);
    }

    @Test
    void returnsTheFailedCheckWhenTheContainerExits() throws Exception {
        FakeProbe probe = new FakeProbe().running();
        Waiter waiter = new Waiter();
        CompletableFuture<Void> other = changeLater(probe, waiter, () -> probe.exited(2));
        Check c = waiter.await(Waits.healthy().withTimeout(Duration.ofSeconds(20)), probe.health(ContainerState.Health.STARTING, null));
        assertEquals(new Check.Failed("expected to turn healthy, but it is exited (code 2), health starting"), c);
        other.get(5, TimeUnit.SECONDS);
    }

    @Test
    void manySignalsFromManyThreadsAreHarmless() throws Exception {
        FakeProbe probe = new FakeProbe();
        Waiter waiter = new Waiter();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] noise = new Thread[4];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < 200; k++) {
                    waiter.signal();
                }
            });
            noise[i].start();
        }
        waiter.signal(); // a signal before await is harmless too
        CompletableFuture<Void> other = changeLater(probe, waiter, () -> {
            go.countDown();
            probe.exited(0);
        });
        Check c = waiter.await(Waits.exited(), probe);
        assertEquals(new Check.Succeeded("exited with code 0"), c);
        other.get(5, TimeUnit.SECONDS);
        for (Thread t : noise) {
            t.join(5000);
        }
    }

    @Test
    void alreadyFinalReturnsAtOnceWithOneEvaluation() throws Exception {
        FakeProbe probe = new FakeProbe().exited(0);
        Check c = new Waiter().await(Waits.exited(), probe);
        assertEquals(new Check.Succeeded("exited with code 0"), c);
        assertEquals(1, probe.stateCalls.get());
    }

    @Test
    void conditionThatNeverHoldsTimesOut() throws Exception {
        FakeProbe probe = new FakeProbe();
        long start = System.nanoTime();
        Check c = new Waiter().await(Waits.running().withTimeout(Duration.ofMillis(300)), probe);
        long ms = millisSince(start);
        Check.TimedOut t = assertInstanceOf(Check.TimedOut.class, c);
        assertEquals("not running yet: created", t.lastObserved());
        assertTrue(ms >= 290, "returned before the timeout: " + ms + " ms");
        assertTrue(ms < 3000, "took " + ms + " ms");
    }

    @Test
    void refusedPortIsRecheckedWithoutSignalsUntilItTimesOut() throws Exception {
        FakeProbe probe = new FakeProbe().running();
        long start = System.nanoTime();
        Check c = new Waiter().await(Waits.port(8080).withTimeout(Duration.ofMillis(300)), probe);
        long ms = millisSince(start);
        assertEquals(new Check.TimedOut("port 8080: connection refused"), c);
        // re-checked on the condition's own 50 ms interval, not only on the 500 ms fallback
        assertTrue(probe.tcpCalls.get() >= 3, "tcp probes: " + probe.tcpCalls.get());
        assertTrue(ms < 3000, "took " + ms + " ms");
    }

    @Test
    void portOpeningWithoutASignalIsSeenByTheRecheck() throws Exception {
        FakeProbe probe = new FakeProbe().running();
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            probe.tcpError = null;
        });
        Check c = new Waiter().await(Waits.port(8080).withTimeout(Duration.ofSeconds(20)), probe);
        assertEquals(new Check.Succeeded("port 8080 open"), c);
        other.get(5, TimeUnit.SECONDS);
    }

    @Test
    void interruptedWhileWaiting() {
        FakeProbe probe = new FakeProbe();
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> new Waiter().await(Waits.running(), probe));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void nullConditionIsRejected() {
        assertThrows(NullPointerException.class, () -> new Waiter().await(null, new FakeProbe()));
    }
}
