package io.slipway.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Compose tool through commons-exec: an argv array (never a shell), an environment given whole
 * (nothing inherited), stdin closed, stdout and stderr captured, and an {@link ExecuteWatchdog} that kills
 * a run outliving its timeout. Its children are killed first, so none is left holding the output pipes
 * (the docker CLI runs the v2 plugin as a child, and wrappers may be scripts).
 */
final class ToolRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);
    /** Output kept per stream; Compose's progress output for large projects stays well below this. */
    static final int MAX_OUTPUT = 256 * 1024;
    /** How long the output pumps may linger once the tool is gone. */
    private static final Duration PUMP_STOP = Duration.ofSeconds(2);
    /** The watchdog's own deadline lies this far behind ours, as a backstop should the tree kill fail. */
    private static final Duration BACKSTOP = Duration.ofSeconds(2);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-compose-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env}.
     *
     * @throws IOException when the program cannot be started at all (missing, not executable)
     */
    ToolResult run(ToolCommand command, Map<String, String> env, Path dir, Duration timeout) throws IOException {
        return run(command, env, dir, timeout, null);
    }

    /**
     * As {@link #run(ToolCommand, Map, Path, Duration)}, telling {@code lines} (unless null) each line of stdout and
     * stderr as the tool prints it (unmasked: the caller masks), for progress.
     */
    ToolResult run(ToolCommand command, Map<String, String> env, Path dir, Duration timeout, Consumer<String> lines)
            throws IOException {
        List<String> argv = command.argv();
        CommandLine cmd = new CommandLine(argv.get(0));
        // handleQuoting=false: commons-exec would otherwise wrap arguments with blanks in quotes.
        argv.subList(1, argv.size()).forEach(a -> cmd.addArgument(a, false));
        Bounded out = new Bounded(lines);
        Bounded err = new Bounded(lines);
        PumpStreamHandler streams = new PumpStreamHandler(out, err); // no input stream: the tool's stdin is closed
        streams.setStopTimeout(PUMP_STOP);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout.plus(BACKSTOP)).get();
        Captured process = new Captured();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(streams)
                .setWorkingDirectory(dir).get();
        executor.setWatchdog(watchdog);
        executor.setProcessDestroyer(process);
        executor.setExitValues(null); // every exit code is an answer, not an exception

        LOG.debug("Running {} (timeout {})", argv, io.slipway.spec.Durations.format(timeout));
        long start = System.nanoTime();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            process.killChildren();
            watchdog.destroyProcess();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        int exit;
        try {
            exit = executor.execute(cmd, env);
        } catch (IOException e) {
            if (!process.started()) {
                throw e;
            }
            // It ran, but its output pumps did not finish (a leftover child still holds a pipe).
            LOG.debug("{} ended with an I/O problem: {}", argv.get(0), e.toString());
            exit = process.exitCode();
        } finally {
            deadline.cancel(false);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        boolean killed = watchdog.killedProcess();
        LOG.debug("{} {} in {} ms", command.what(), killed ? "killed" : "exited " + exit, took.toMillis());
        return new ToolResult(command, exit, out.text(), err.text(), killed, timeout, took);
    }

    /** Stops the watchdog timer; runs in progress keep their own watchdogs. */
    void close() {
        timer.shutdownNow();
    }

    /** Captures the started process (commons-exec hands it to the destroyer), to kill its children on timeout. */
    private static final class Captured implements ProcessDestroyer {
        private volatile Process process;

        @Override
        public boolean add(Process p) {
            process = p;
            return true;
        }

        @Override
        public boolean remove(Process p) {
            return true; // kept: its exit code may still be asked for
        }

        @Override
        public int size() {
            return process == null ? 0 : 1;
        }

        boolean started() {
            return process != null;
        }

        int exitCode() {
            Process p = process;
            try {
                return p.waitFor(1, TimeUnit.SECONDS) ? p.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** Kills every descendant while the tool still lives: once it is gone, they are no longer findable as its. */
        void killChildren() {
            Process p = process;
            if (p != null) {
                p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Keeps the last {@link #MAX_OUTPUT} bytes written, and tells each whole line to a consumer if there is one. */
    private static final class Bounded extends OutputStream {
        /** A line longer than this is told in parts, so a tool that never ends a line cannot grow the buffer. */
        private static final int MAX_LINE = 8 * 1024;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean truncated;

        Bounded(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            trim();
            split(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            trim();
            for (int i = off; i < off + len; i++) {
                split(b[i]);
            }
        }

        private void split(int b) {
            if (lines == null) {
                return;
            }
            if (b == '\n' || b == '\r' || line.size() >= MAX_LINE) {
                String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
                line.reset();
                if (!text.isBlank()) {
                    lines.accept(text);
                }
                if (b == '\n' || b == '\r') {
                    return;
                }
            }
            line.write(b);
        }

        private void trim() {
            if (bytes.size() > 2 * MAX_OUTPUT) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - MAX_OUTPUT, MAX_OUTPUT);
                truncated = true;
            }
        }

        synchronized String text() {
            String s = bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            return truncated ? "[... earlier output dropped ...]\n" + s : s;
        }
    }
}
