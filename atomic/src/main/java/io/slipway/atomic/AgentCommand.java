package io.slipway.atomic;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.slipway.engine.DockerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command running in the agent through an Engine API exec: an argv (no shell) and an environment,
 * with stdout and stderr collected apart. The Engine API cannot stop an exec, so one that outlives its
 * timeout is left to finish by itself; closing only detaches from its output.
 */
final class AgentCommand implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);
    private static final int MAX_CHARS = 64 * 1024;

    private final DockerEngine engine;
    private final String execId;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final ResultCallback.Adapter<Frame> output;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    private AgentCommand(DockerEngine engine, String execId) {
        this.engine = engine;
        this.execId = execId;
        this.output = engine.streams().execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                append(f.getStreamType() == StreamType.STDERR ? stderr : stdout,
                        new String(f.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void onComplete() {
                super.onComplete();
                finished.countDown();
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("Output of exec {} ended: {}", execId, t.toString());
                finished.countDown();
            }
        });
    }

    /**
     * Starts {@code argv} in container {@code agentId} with {@code env} added to its environment.
     *
     * @throws com.github.dockerjava.api.exception.DockerException when the engine refuses (e.g. the agent is not running)
     */
    static AgentCommand start(DockerEngine engine, String agentId, List<String> argv, Map<String, String> env) {
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String id = engine.calls().execCreateCmd(agentId).withCmd(argv.toArray(String[]::new)).withEnv(envList)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        return new AgentCommand(engine, id);
    }

    private static void append(StringBuilder sb, String chunk) {
        synchronized (sb) {
            sb.append(chunk);
            if (sb.length() > MAX_CHARS) {
                sb.delete(0, sb.length() - MAX_CHARS);
            }
        }
    }

    /** Waits at most {@code timeout} for the command to finish; true once it has. */
    boolean await(Duration timeout) throws InterruptedException {
        return finished.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Whether the command finished (its output stream ended). */
    boolean done() throws InterruptedException {
        return await(Duration.ZERO);
    }

    /** The result so far: the exit code once the command finished, else {@link CommandResult#NOT_FINISHED}. */
    CommandResult result() throws InterruptedException {
        Integer exit = null;
        if (done()) {
            // The stream ends as the process does; the engine records the exit code a moment later at most.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (exit == null && System.nanoTime() < until) {
                InspectExecResponse r = engine.calls().inspectExecCmd(execId).exec();
                if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
                    exit = r.getExitCodeLong().intValue();
                } else {
                    Thread.sleep(20);
                }
            }
        }
        return new CommandResult(exit == null ? CommandResult.NOT_FINISHED : exit, text(stdout), text(stderr));
    }

    private static String text(StringBuilder sb) {
        synchronized (sb) {
            return sb.toString();
        }
    }

    /** Stops following the output; the command itself runs on if it has not finished. */
    @Override
    public void close() {
        try {
            output.close();
        } catch (IOException e) {
            LOG.debug("Closing the output of exec {} failed", execId, e);
        }
    }
}
