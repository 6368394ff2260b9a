package io.slipway.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw Engine API competitor: docker-java calls and nothing else, the least any tool on this machine
 * can do. Containers get the same name scheme, labels, image and command as everyone else's.
 */
final class RawApi implements AutoCloseable {

    private final DockerClient docker;
    private final String image;
    private final String runId;
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "raw-api");
        t.setDaemon(true);
        return t;
    });

    RawApi(BenchEngine engine, String runId) {
        this.docker = engine.docker;
        this.image = engine.image;
        this.runId = runId;
    }

    private CreateContainerCmd create(String name, String[] command) {
        return docker.createContainerCmd(image).withName(name).withCmd(command)
                .withLabels(Map.of(BenchEngine.LABEL, runId));
    }

    /** Create and start, returns the id. */
    String createStart(String name, String[] command) {
        String id = create(name, command).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Create and start with the benchmark's healthcheck ({@link Specs#healthCheck}), returns the id. */
    String createStartHealthy(String name, Duration interval) {
        String id = create(name, Specs.SLEEP).withHealthcheck(Specs.healthCheck(interval)).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Create, start, inspect: one launch, known to be running. */
    String launch(String name) {
        String id = createStart(name, Specs.SLEEP);
        InspectContainerResponse r = docker.inspectContainerCmd(id).exec();
        if (!Boolean.TRUE.equals(r.getState().getRunning())) {
            throw new IllegalStateException(name + " is not running: " + r.getState().getStatus());
        }
        return id;
    }

    /**
     * One launch with a network of its own, as a deployment gets one: create the network, create the container
     * on it, start, inspect. The fair yardstick for a launch that includes its deployment network.
     */
    String launchOnNetwork(String name, String network) {
        docker.createNetworkCmd().withName(network).withDriver("bridge").withLabels(Map.of(BenchEngine.LABEL, runId))
                .exec();
        String id = create(name, Specs.SLEEP).withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig()
                .withNetworkMode(network)).exec().getId();
        docker.startContainerCmd(id).exec();
        InspectContainerResponse r = docker.inspectContainerCmd(id).exec();
        if (!Boolean.TRUE.equals(r.getState().getRunning())) {
            throw new IllegalStateException(name + " is not running: " + r.getState().getStatus());
        }
        return id;
    }

    /** Removes a network, quietly (cleanup). */
    void removeNetworkQuietly(String network) {
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (RuntimeException e) {
            // the scenario's sweep removes what is left
        }
    }

    /** Create and start every name from the 16-thread pool; returns the ids. */
    List<String> launchAll(List<String> names) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        for (String n : names) {
            futures.add(pool.submit(() -> createStart(n, Specs.SLEEP)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        return ids;
    }

    /** Polls inspect every {@code interval} until the container exited; returns its exit code. */
    int pollExited(String id, Duration interval, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            InspectContainerResponse.ContainerState s = docker.inspectContainerCmd(id).exec().getState();
            if (!Boolean.TRUE.equals(s.getRunning()) && "exited".equals(s.getStatus())) {
                return s.getExitCodeLong().intValue();
            }
            Thread.sleep(interval.toMillis());
        }
        throw new IllegalStateException(id + " did not exit within " + timeout);
    }

    /** Polls inspect every {@code interval} until the container is healthy. */
    void pollHealthy(String id, Duration interval, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            InspectContainerResponse.ContainerState s = docker.inspectContainerCmd(id).exec().getState();
            if (s.getHealth() != null && "healthy".equals(s.getHealth().getStatus())) {
                return;
            }
            Thread.sleep(interval.toMillis());
        }
        throw new IllegalStateException(id + " did not become healthy within " + timeout);
    }

    /** The exit code of a stopped container. */
    int exitCode(String id) {
        return docker.inspectContainerCmd(id).exec().getState().getExitCodeLong().intValue();
    }

    /** Removes containers (forced), from the pool. */
    void removeAll(List<String> ids, BenchEngine engine) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(pool.submit(() -> engine.removeQuietly(id)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
