package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.SlipwayException;
import io.slipway.engine.ContainerWatch;
import io.slipway.engine.DockerEngine;
import io.slipway.inputs.Variables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the agent to the state its {@link AgentSpec} describes, idempotently: a running agent with the same
 * config hash is reused, a stopped one is started, one with another hash is replaced, a missing one created.
 * Then it must be ready: {@code docker version} run in it (an Engine API exec) reaches the engine, within
 * the agent timeout; otherwise the error says what the agent printed and how it is.
 */
final class AgentBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AgentBootstrap.class);
    private static final List<String> READY_CHECK = List.of("docker", "version", "--format", "{{.Server.Version}}");
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

    private final DockerEngine engine;
    private final DockerClient docker;
    private final String image;
    private final String name;
    private final String hostSocket;
    private final List<String> hostDirs;
    private final Duration readyTimeout;
    private final Duration commandTimeout;

    AgentBootstrap(DockerEngine engine, String image, String name, String hostSocket, List<String> hostDirs,
            Duration readyTimeout, Duration commandTimeout) {
        this.engine = engine;
        this.docker = engine.calls();
        this.image = image;
        this.name = name;
        this.hostSocket = hostSocket;
        this.hostDirs = List.copyOf(hostDirs);
        this.readyTimeout = readyTimeout;
        this.commandTimeout = commandTimeout;
    }

    /**
     * The ready agent, created, started or replaced as needed.
     *
     * @throws SlipwayException naming the agent and why it cannot be used
     */
    Agent ensure() throws InterruptedException {
        try {
            return ensureOnce();
        } catch (ConflictException e) {
            // Another launcher created or removed it at the same moment: look again.
            LOG.debug("Agent '{}' changed while bootstrapping ({}); retrying", name, DockerEngine.rootMessage(e));
            return ensureOnce();
        }
    }

    private Agent ensureOnce() throws InterruptedException {
        AgentSpec spec = new AgentSpec(image, imageId(), name, hostSocket, hostDirs);
        String id;
        InspectContainerResponse existing = inspect(docker, name);
        switch (decide(existing, name, spec.hash())) {
            case CREATE -> id = create(spec);
            case REPLACE -> {
                LOG.info("Replacing agent '{}': its config changed (image {})", name, image);
                docker.removeContainerCmd(existing.getId()).withForce(true).exec();
                id = create(spec);
            }
            case START -> {
                LOG.info("Starting agent '{}' ({})", name, existing.getState().getStatus());
                id = existing.getId();
                start(id, false);
            }
            default -> {
                id = existing.getId();
                LOG.debug("Reusing agent '{}' ({})", name, id);
            }
        }
        Agent agent = new Agent(engine, id, name, commandTimeout);
        awaitReady(agent);
        return agent;
    }

    /** What the bootstrap does to the agent container. */
    enum Step {
        /** There is none: it is created and started. */
        CREATE,
        /** Its config hash differs: it is removed and created anew. */
        REPLACE,
        /** It is as wanted but not running: it is started. */
        START,
        /** It runs as wanted. */
        REUSE
    }

    /**
     * What the bootstrap does with {@code existing} (the container named {@code name}, or null) to make the agent of
     * config hash {@code hash}; the apply and the plan both ask this.
     *
     * @throws SlipwayException when that container is not a Slipway agent (it is never touched)
     */
    static Step decide(InspectContainerResponse existing, String name, String hash) {
        if (existing == null) {
            return Step.CREATE;
        }
        Map<String, String> labels = existing.getConfig() == null ? null : existing.getConfig().getLabels();
        if (labels == null || !"true".equals(labels.get(AgentSpec.AGENT_LABEL))) {
            throw new SlipwayException("a container named '" + name + "' exists but is not a Slipway agent (it has no "
                    + AgentSpec.AGENT_LABEL + " label); choose another agent-name or remove that container");
        }
        if (!hash.equals(labels.get(AgentSpec.HASH_LABEL))) {
            return Step.REPLACE;
        }
        return Boolean.TRUE.equals(existing.getState().getRunning()) ? Step.REUSE : Step.START;
    }

    /** The container called {@code name}, or null. */
    static InspectContainerResponse inspect(DockerClient docker, String name) {
        try {
            return docker.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private String create(AgentSpec spec) {
        LOG.info("Creating agent '{}' from image {} (privileged, host network and PID, engine socket and / mounted)",
                name, image);
        String id = docker.createContainerCmd(image).withName(name).withLabels(spec.labels())
                .withEntrypoint(AgentSpec.IDLE.get(0))
                .withCmd(AgentSpec.IDLE.subList(1, AgentSpec.IDLE.size()))
                .withHostConfig(spec.hostConfig()).exec().getId();
        start(id, true);
        return id;
    }

    private void start(String id, boolean created) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            if (created) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (DockerException removal) {
                    LOG.debug("Removing the agent that did not start failed", removal);
                }
            }
            throw new SlipwayException("cannot start the agent '" + name + "' from image '" + image + "': "
                    + DockerEngine.rootMessage(e) + " (an agent image needs a docker CLI on PATH: the agent runs "
                    + String.join(" ", AgentSpec.IDLE) + " to stay up, and docker for every command)", e);
        }
    }

    /** The local id of the agent image, pulling it once if it is missing. */
    private String imageId() throws InterruptedException {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException absent) {
            LOG.info("Pulling agent image {}", image);
            try (PullImageResultCallback pull = docker.pullImageCmd(image).exec(new PullImageResultCallback())) {
                if (!pull.awaitCompletion(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SlipwayException("agent image '" + image + "' is not present and pulling it did not finish "
                            + "within " + PULL_TIMEOUT.toMinutes() + " min");
                }
                return docker.inspectImageCmd(image).exec().getId();
            } catch (RuntimeException | java.io.IOException e) {
                throw new SlipwayException("agent image '" + image + "' is not present and cannot be pulled: "
                        + DockerEngine.rootMessage(e) + " (build it locally or set agent-image to an image you have)", e);
            }
        }
    }

    /** Runs the readiness check until it passes, at most the ready timeout. */
    private void awaitReady(Agent agent) throws InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        String last = "not tried";
        while (true) {
            try {
                CommandResult r = agent.run(READY_CHECK, Map.of());
                if (r.ok()) {
                    LOG.debug("Agent '{}' is ready; its docker CLI reaches engine {}", name, r.stdout().strip());
                    return;
                }
                last = "`" + String.join(" ", READY_CHECK) + "` exited with code " + r.exitCode()
                        + (r.lastLine().isEmpty() ? "" : ": " + r.lastLine());
            } catch (DockerException e) {
                last = "exec refused: " + DockerEngine.rootMessage(e);
            }
            if (System.nanoTime() > deadline) {
                throw new SlipwayException("agent '" + name + "' (image " + image + ") did not become ready within "
                        + readyTimeout.toSeconds() + " s: its docker CLI did not reach the engine; last attempt: " + last
                        + "; agent " + state(agent.id()));
            }
            Thread.sleep(250);
        }
    }

    /** The agent's state and its last output line, for an error. */
    private String state(String id) {
        try (ContainerWatch watch = new ContainerWatch(engine, Map.of(AgentSpec.AGENT_LABEL, "true"), Variables.none())) {
            String logs = watch.logTail(id).strip();
            String lastLog = logs.isEmpty() ? "" : "; its last output: " + logs.substring(logs.lastIndexOf('\n') + 1);
            return "is " + watch.state(id).describe() + lastLog;
        } catch (RuntimeException e) {
            return "cannot be inspected: " + DockerEngine.rootMessage(e);
        }
    }

    /** Removes the agent container if it is there; true if it was. */
    static boolean remove(DockerClient docker, String name) {
        try {
            InspectContainerResponse c = docker.inspectContainerCmd(name).exec();
            Map<String, String> labels = c.getConfig().getLabels();
            if (labels == null || !"true".equals(labels.get(AgentSpec.AGENT_LABEL))) {
                LOG.warn("Not removing container '{}': it is not a Slipway agent", name);
                return false;
            }
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
            LOG.info("Removed agent '{}'", name);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
