package io.slipway.atomic;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.engine.ContainerWatch;
import io.slipway.spec.ServiceSpec;
import io.slipway.wait.Check;
import io.slipway.wait.ContainerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs an image's RUN label in the agent and finds the container it starts. A label may run its container
 * detached ({@code docker run -d}) or in the foreground, so the command is followed while container NAME is
 * looked for: once NAME exists (and left the {@code created} state, or the command ended) the service's
 * condition is waited for on it. A command that ends leaving no container NAME (a foreground
 * {@code docker run --rm}) is judged by its exit code, as if its container had exited with it.
 */
final class LabelLaunch {

    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a command may take to end once its container is gone. */
    private static final Duration GONE_GRACE = Duration.ofSeconds(10);

    private final ServiceLaunch launch;
    private final AtomicApply run;
    private final ServiceSpec service;
    private final String name;
    private final List<String> argv;
    private final Map<String, String> env;
    private final RunCommand command;

    LabelLaunch(ServiceLaunch launch, AtomicApply run, ServiceSpec service, String name, RunCommand command) {
        this.launch = launch;
        this.run = run;
        this.service = service;
        this.name = name;
        this.argv = command.argv();
        this.env = command.env();
        this.command = command;
    }

    ServiceResult run() throws InterruptedException {
        LabelArgv.warn(service.name(), "image's RUN label", argv, run.tool);
        AgentCommand command = run.agent.start(argv, env);
        CommandResult result = null;
        try {
            String id = awaitContainer(command);
            boolean done = command.done();
            if (id == null) {
                result = command.result();
                return done ? judgeByExitCode(result)
                        : launch.failed(null, "the RUN label command neither finished nor started a container named "
                                + name + " within " + run.settings.commandTimeout().toSeconds() + " s");
            }
            if (done && !command.result().ok() && state(id).status() == ContainerState.Status.CREATED) {
                result = command.result();
                return launch.failed(id, LabelArgv.failed("the RUN label command", result));
            }
            launch.recordRun(this.command);
            ServiceResult r = launch.await(id, true);
            // Removed (--rm) while we looked: the command, which ran it in the foreground, ends with its exit code.
            // Also when the wait saw it exit but it was gone before its exit code could be read (a race with --rm).
            if ((!r.succeeded() || r.exitCode() == null) && state(id).status() == ContainerState.Status.MISSING
                    && command.await(GONE_GRACE)) {
                result = command.result();
                return judgeByExitCode(result);
            }
            return r;
        } finally {
            run.tool.command(service.name(), "RUN label", argv, result != null ? result : command.result());
            command.close();
        }
    }

    /** Container NAME's id once it exists and left {@code created} (or the command ended); null if it never came. */
    private String awaitContainer(AgentCommand command) throws InterruptedException {
        long deadline = System.nanoTime() + run.settings.commandTimeout().toNanos();
        while (true) {
            boolean done = command.done();
            InspectContainerResponse c = ServiceRemoval.inspect(run.docker, name);
            if (c != null && (done || !"created".equals(c.getState().getStatus()))) {
                return c.getId();
            }
            if ((c == null && done) || System.nanoTime() > deadline) {
                return null;
            }
            command.await(POLL);
        }
    }

    private ContainerState state(String id) {
        return run.watch.state(id);
    }

    /** The outcome when no container is left: the service's condition on "exited with the command's code". */
    private ServiceResult judgeByExitCode(CommandResult r) {
        Check c = service.waitCondition().check(io.slipway.wait.ContainerProbe.of(new io.slipway.wait.ContainerState(
                io.slipway.wait.ContainerState.Status.EXITED, r.exitCode(), io.slipway.wait.ContainerState.Health.NONE,
                null, null, null)), service.waitCondition().timeout());
        Outcome outcome = c instanceof Check.Succeeded ? Outcome.SUCCEEDED : Outcome.FAILED;
        String reason = "the RUN label command exited with code " + r.exitCode() + " leaving no container named " + name
                + " (" + ContainerWatch.detail(c) + ")" + (r.ok() || r.lastLine().isEmpty() ? "" : ": " + r.lastLine());
        String logs = (r.stdout() + r.stderr());
        return new ServiceResult(service.name(), outcome, null, null, r.exitCode(), run.spec.variables().mask(reason),
                run.spec.variables().mask(logs), launch.elapsed(), true);
    }
}
