package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.tck.TestImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every wait condition, succeeding and failing, against the real engine. */
class WaitConditionsIT extends EngineTestBase {

    private ServiceResult run(String yaml) {
        LaunchResult r = apply(deployment(), yaml);
        assertEquals(1, r.services().size());
        return r.services().get(0);
    }

    @Test
    void runningSucceeds() {
        ServiceResult s = run(service("[sleep, '300']", "{wait: {running: true}}"));
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
        assertNotNull(s.containerId());
    }

    @Test
    void runningFailsWhenItExits() {
        ServiceResult s = run(service("[sh, -c, 'echo bye; exit 3']", "{wait: {running: {stable: 3s}}}"));
        assertEquals(Outcome.FAILED, s.outcome());
        assertEquals(3, s.exitCode());
        assertTrue(s.reason().contains("code 3"), s.reason());
        assertTrue(s.logs().contains("bye"), s.logs());
    }

    @Test
    void runningStableSucceedsAfterTheDuration() {
        ServiceResult s = run(service("[sleep, '300']", "{wait: {running: {stable: 1s}}}"));
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
        assertTrue(s.duration().toMillis() >= 1000, "stable 1s took only " + s.duration());
    }

    @Test
    void healthySucceeds() {
        String yaml = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '300']\n"
                + "    healthcheck: {test: [CMD, 'true'], interval: 200ms, retries: 3}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n";
        ServiceResult s = run(yaml);
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
    }

    @Test
    void healthyFailsWhenUnhealthyWithTheLastProbe() {
        String yaml = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '300']\n"
                + "    healthcheck: {test: [CMD-SHELL, 'echo db not ready; exit 1'], interval: 200ms, retries: 1}\n"
                + "    x-slipway: {wait: {healthy: true, timeout: 20s}}\n";
        ServiceResult s = run(yaml);
        assertEquals(Outcome.FAILED, s.outcome());
        assertTrue(s.reason().contains("unhealthy") && s.reason().contains("db not ready"), s.reason());
    }

    @Test
    void exitedAcceptsListedCodes() {
        ServiceResult ok = run(service("[sh, -c, 'echo migrated; exit 2']", "{oneshot: true, wait: {exited: [0, 2]}}"));
        assertEquals(Outcome.SUCCEEDED, ok.outcome(), ok.reason());
        assertEquals(2, ok.exitCode());
        assertTrue(ok.logs().contains("migrated"));
    }

    @Test
    void aTaskHasTheLinesItPrintsJustBeforeItExitsInItsTail() throws InterruptedException {
        // Nothing may be lost at the end, and it is the last 50 lines, as a log read gives them.
        ServiceResult s = run(service("[sh, -c, 'echo starting >&2; i=0; while [ $$i -lt 80 ]; do i=$$((i+1)); "
                + "echo line $$i; done; echo last words; exit 0']", "{oneshot: true}"));
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
        List<String> lines = List.of(s.logs().split("\n"));
        assertEquals(50, lines.size(), s.logs());
        // stdout's last lines, all of them in order; stdout and stderr are two pipes, so the engine orders the stderr
        // line among them as it reads them (its log read may too).
        List<String> stdout = lines.stream().filter(l -> !l.equals("starting")).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 80 - stdout.size() + 2; i <= 80; i++) {
            expected.add("line " + i);
        }
        expected.add("last words");
        assertEquals(expected, stdout);
        assertTrue(s.logs().endsWith("\n"), s.logs());
        // The engine's own read of its last 50 lines has the same stdout lines.
        assertTrue(engineTail(s.containerId()).contains("line 80\nlast words\n"));
    }

    @Test
    void aTaskThatWritesOnlyToStderrHasItInItsTail() {
        ServiceResult s = run(service("[sh, -c, 'echo cannot migrate >&2; exit 5']", "{oneshot: true}"));
        assertEquals(Outcome.FAILED, s.outcome());
        assertEquals(5, s.exitCode());
        assertEquals("cannot migrate\n", s.logs());
    }

    /** The container's last 50 lines as the engine's log read gives them. */
    private static String engineTail(String id) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        docker().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(50)
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Frame f) {
                        synchronized (sb) {
                            sb.append(new String(f.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
        synchronized (sb) {
            return sb.toString();
        }
    }

    @org.junit.jupiter.api.RepeatedTest(10)
    void aTaskWhoseLastLineHasNoLineEndKeepsIt() {
        // Engine 20.10's followed log read drops such a last line in most runs; the output attached before the start
        // keeps it.
        ServiceResult s = run(service("[sh, -c, 'echo first; printf \"no line end\"; exit 4']", "{oneshot: true}"));
        assertEquals(Outcome.FAILED, s.outcome());
        assertEquals(4, s.exitCode());
        assertEquals("first\nno line end", s.logs());
    }

    @Test
    void aTasksTailComesFromItsOutputNotALogRead() {
        // With the 'none' log driver the engine keeps no log to read: the tail can only come from the output captured
        // since the start (attached before it, as docker run does), which is what every one-shot's result now uses.
        String yaml = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo starting; echo oops >&2; printf \"no line end\"; exit 3']\n"
                + "    logging: {driver: none}\n    x-slipway: {oneshot: true}\n";
        ServiceResult s = run(yaml);
        assertEquals(Outcome.FAILED, s.outcome());
        assertEquals(3, s.exitCode());
        // stdout and stderr are two pipes: the engine orders their lines as it reads them.
        assertTrue(s.logs().contains("oops\n"), s.logs());
        assertEquals("starting\nno line end", s.logs().replace("oops\n", ""));
    }

    @Test
    void aTaskThatRestartsHasItsTailReadFromTheEngine() {
        // A restart policy: the engine ends a capture at the first stop, so the tail is read (here: a read gives
        // nothing with the 'none' log driver, which shows that no capture was used).
        String yaml = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo once; exit 3']\n    restart: on-failure:1\n"
                + "    logging: {driver: none}\n    x-slipway: {wait: {exited: [0]}}\n";
        ServiceResult s = run(yaml);
        assertEquals(Outcome.FAILED, s.outcome());
        assertEquals("", s.logs());
    }

    @Test
    void followedOutputStreamsEndWithTheApply() throws InterruptedException {
        long before = streamThreads();
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < 4; i++) {
            yaml.append("  task").append(i).append(":\n    image: ").append(TestImages.BUSYBOX)
                    .append("\n    command: [sh, -c, 'echo task ").append(i).append("']\n")
                    .append("    x-slipway: {oneshot: true}\n");
        }
        yaml.append("  long:\n    image: ").append(TestImages.BUSYBOX)
                .append("\n    command: [sh, -c, 'echo up; exec sleep 300']\n")
                .append("    x-slipway: {wait: {any: [{exited: [0]}, {log: up}], timeout: 20s}}\n");
        LaunchResult r = apply(deployment(), yaml.toString());
        assertTrue(r.succeeded(), r.describe());
        assertTrue(r.services().get(2).logs().contains("task 2"), r.services().get(2).logs());
        // The tasks' outputs were captured and the long-running one's followed for its log condition: all closed.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (streamThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, streamThreads(), "docker-java stream threads left after the apply");
    }

    private static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("docker-java-stream"))
                .count();
    }

    @Test
    void oneshotFailsOnAnotherCode() {
        ServiceResult s = run(service("[sh, -c, 'exit 3']", "{oneshot: true}"));
        assertEquals(Outcome.FAILED, s.outcome());
        assertEquals(3, s.exitCode());
        assertTrue(s.reason().contains("exited with code 3, expected [0]"), s.reason());
    }

    @Test
    void logMatchSucceeds() {
        ServiceResult s = run(service("[sh, -c, 'sleep 0.2; echo ready to accept connections; sleep 300']",
                "{wait: {log: 'ready to accept', timeout: 20s}}"));
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
    }

    @Test
    void logTimesOutWithinTimeoutPlusTwoSeconds() {
        long t0 = System.nanoTime();
        ServiceResult s = run(service("[sh, -c, 'echo starting; sleep 300']", "{wait: {log: 'never printed', timeout: 1s}}"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Outcome.TIMED_OUT, s.outcome());
        assertTrue(s.reason().contains("never printed"), s.reason());
        assertTrue(s.logs().contains("starting"), s.logs());
        assertTrue(ms < 3000, "took " + ms + " ms for a 1 s timeout");
    }

    @Test
    void portOpenOnUnpublishedPort() {
        ServiceResult s = run(service("[httpd, -f, -p, '8080', -h, /www]", "{wait: {port: 8080, timeout: 20s}}"));
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
    }

    @Test
    void portOpenThroughPublishedPort() {
        String yaml = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: [httpd, -f, -p, '8080', -h, /www]\n"
                + "    ports: ['127.0.0.1::8080']\n    x-slipway: {wait: {port: 8080, timeout: 20s}}\n";
        ServiceResult s = run(yaml);
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
    }

    @Test
    void portFailsWhenTheContainerExits() {
        ServiceResult s = run(service("[sh, -c, 'sleep 0.3; exit 1']", "{wait: {port: 8080, timeout: 20s}}"));
        assertEquals(Outcome.FAILED, s.outcome());
        assertTrue(s.reason().contains("never opened"), s.reason());
    }

    @Test
    void httpSucceeds() {
        ServiceResult s = run(service("[httpd, -f, -p, '8080', -h, /www]",
                "{wait: {http: {port: 8080, path: /index.html, status: 200}, timeout: 20s}}"));
        assertEquals(Outcome.SUCCEEDED, s.outcome(), s.reason());
    }

    @Test
    void httpTimesOutReportingTheLastStatus() {
        ServiceResult s = run(service("[httpd, -f, -p, '8080', -h, /www]",
                "{wait: {http: {port: 8080, path: /missing, status: 200}, timeout: 2s}}"));
        assertEquals(Outcome.TIMED_OUT, s.outcome());
        assertTrue(s.reason().contains("404"), s.reason());
    }

    @Test
    void allAndAnyCompose() {
        ServiceResult all = run(service("[sh, -c, 'echo up; httpd -f -p 8080 -h /www']",
                "{wait: {all: [{log: up}, {port: 8080}], timeout: 20s}}"));
        assertEquals(Outcome.SUCCEEDED, all.outcome(), all.reason());
        ServiceResult any = run(service("[sh, -c, 'echo up; sleep 300']",
                "{wait: {any: [{log: 'never'}, {log: up}], timeout: 20s}}"));
        assertEquals(Outcome.SUCCEEDED, any.outcome(), any.reason());
        ServiceResult allFails = run(service("[sh, -c, 'echo up; exit 4']",
                "{wait: {all: [{log: up}, {running: {stable: 5s}}], timeout: 20s}}"));
        assertEquals(Outcome.FAILED, allFails.outcome());
    }
}
