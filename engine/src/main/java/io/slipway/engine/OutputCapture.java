package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last lines a container writes, from an attach made before it starts, as {@code docker run} without
 * {@code -d} reads them: the engine adds the attach's writers to the container's output before it answers, and
 * closes them only once the process exited and all it wrote was sent, just before its {@code die} event. So a
 * one-shot's result has its log tail when the container dies, without a log read then, which engine 20.10 answers
 * only after its clean-up of the container (45-130 ms).
 *
 * <p>Not a followed log read ({@code logs?follow=1}): engine 20.10 ends that stream without a last line that has no
 * line end in most runs. Lines are kept per stream until complete, as the engine's log does, so a stdout line
 * without its end is not split by a stderr line written meanwhile.
 */
public final class OutputCapture implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);
    /** Lines kept: as many as a log read for a result's tail asks for. */
    static final int TAIL_LINES = 50;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    /** True once the engine ended the stream by itself; false when it broke or was closed here. */
    private final CompletableFuture<Boolean> ended = new CompletableFuture<>();
    private ResultCallback.Adapter<Frame> callback;

    OutputCapture() {
    }

    /**
     * Attaches to the stdout and stderr of a created container that was not started yet; call
     * {@link #close} in any case. Null when the engine did not answer the attach within {@code within} (the result
     * then reads the log tail as usual).
     */
    public static OutputCapture attach(DockerClient streams, String containerId, Duration within) {
        OutputCapture c = new OutputCapture();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                c.add(f);
            }

            @Override
            public void onError(Throwable t) {
                c.ended.complete(false);
                super.onError(t);
            }

            @Override
            public void onComplete() {
                // Also called after a close here, when `ended` is already false.
                c.ended.complete(true);
                super.onComplete();
            }
        };
        c.callback = callback;
        try {
            streams.attachContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withLogs(false).exec(callback);
            if (callback.awaitStarted(within.toMillis(), TimeUnit.MILLISECONDS) && !c.ended.isDone()) {
                return c;
            }
            LOG.debug("No attach to {} within {}; its log tail will be read", containerId, within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Could not attach to {}; its log tail will be read", containerId, e);
        }
        c.close();
        return null;
    }

    synchronized void add(Frame f) {
        StringBuilder partial = f.getStreamType() == StreamType.STDERR ? stderr : stdout;
        partial.append(new String(f.getPayload(), StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            lines.addLast(partial.substring(0, nl + 1));
            partial.delete(0, nl + 1);
            if (lines.size() > TAIL_LINES) {
                lines.removeFirst();
            }
        }
    }

    /**
     * Completes with true once the engine ended the stream by itself, i.e. the container stopped and all it wrote was
     * sent; with false when it broke or was closed here.
     */
    public CompletableFuture<Boolean> ended() {
        return ended;
    }

    /**
     * The last {@value #TAIL_LINES} lines written, as a log read with that tail gives them (a last line without its
     * line end counts as one); all of them once {@link #ended} is true.
     */
    public synchronized String tail() {
        ArrayDeque<String> all = new ArrayDeque<>(lines);
        for (StringBuilder partial : new StringBuilder[] {stdout, stderr}) {
            if (partial.length() > 0) {
                all.addLast(partial.toString());
            }
        }
        while (all.size() > TAIL_LINES) {
            all.removeFirst();
        }
        return String.join("", all);
    }

    @Override
    public void close() {
        ended.complete(false);
        if (callback == null) {
            return;
        }
        try {
            callback.close();
        } catch (IOException e) {
            // ended with the connection
        }
    }
}
