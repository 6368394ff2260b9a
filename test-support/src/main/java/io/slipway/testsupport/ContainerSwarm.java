package io.slipway.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.SwarmSpec;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.slipway.tck.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A swarm of several Docker engines for one test class, each engine in a privileged container on the test engine
 * (made from the host's own binaries by {@link EngineNodeImage}), all on a bridge network of their own: a manager that
 * advertises its address on that network, and workers joined to it. The JVM reaches every engine's API at
 * {@code tcp://<container address>:2375} (a bridge network is routed from the host); no TLS, as the API is reachable
 * only from this host and these containers. The test engine's own swarm, if any, is never touched.
 *
 * <p>Everything it makes on the test engine is named {@code mn-<id>...} and removed by {@link #close()}: the engine
 * containers (with everything inside them: services, tasks, images), their network and their image. Engines use
 * the {@code vfs} storage driver: overlay mounts cannot stack on the container's own.
 */
public final class ContainerSwarm implements AutoCloseable {

    private static final String LABEL = "io.slipway.test";
    private static final int API_PORT = 2375;
    private static final int SWARM_PORT = 2377;
    private static final Duration ENGINE_START = Duration.ofSeconds(60);
    private static final Duration NODES_READY = Duration.ofSeconds(30);

    private final String prefix = "mn-" + UUID.randomUUID().toString().substring(0, 8);
    /* Imported afresh for each swarm (about 10 s): an image left by another run could hold other host binaries. */
    private final String image = prefix + "-engine:1";
    private final Map<String, String> addresses = new LinkedHashMap<>(); // node name -> address, manager first
    private final Map<String, DockerClient> clients = new LinkedHashMap<>();
    private final List<String> containers = new ArrayList<>();
    private boolean networkCreated;
    private boolean imageImported;

    private ContainerSwarm() {}

    /**
     * Why no such swarm can be built on this machine, or empty when it can: the engine image is made from this
     * host's files, and the JVM must reach the containers' addresses, so the test engine must be this host's own.
     */
    public static Optional<String> unavailable() {
        URI host = DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost();
        if (!"unix".equals(host.getScheme())) {
            return Optional.of("the test engine (" + host + ") is not this host's own engine: the engine nodes are "
                    + "made from this host's binaries and reached at their container addresses");
        }
        return EngineNodeImage.unavailable();
    }

    /**
     * Starts a manager ({@code mn-<id>-manager}) and {@code workers} workers ({@code mn-<id>-worker1}, ...), joins
     * them in a new swarm and waits until every node is ready. On failure everything made so far is removed.
     */
    public static ContainerSwarm start(int workers) {
        ContainerSwarm swarm = new ContainerSwarm();
        try {
            swarm.create(workers);
            return swarm;
        } catch (RuntimeException e) {
            try {
                swarm.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void create(int workers) {
        imageImported = true; // set first: an import that fails half-way may still leave the image
        EngineNodeImage.importAs(image);
        DockerClient docker = TestEngine.client();
        docker.createNetworkCmd().withName(prefix).withDriver("bridge").withLabels(Map.of(LABEL, "engine-node")).exec();
        networkCreated = true;
        List<String> names = new ArrayList<>();
        names.add(prefix + "-manager");
        for (int i = 1; i <= workers; i++) {
            names.add(prefix + "-worker" + i);
        }
        for (String name : names) { // all start at once; their engines come up in parallel
            run(docker, name);
        }
        for (String name : names) {
            clients.put(name, awaitEngine(docker, name));
        }
        String manager = manager();
        String managerAddress = addresses.get(manager) + ":" + SWARM_PORT;
        DockerClient managerClient = clients.get(manager);
        managerClient.initializeSwarmCmd(new SwarmSpec()).withAdvertiseAddr(addresses.get(manager))
                .withListenAddr("0.0.0.0:" + SWARM_PORT).exec();
        String token = managerClient.inspectSwarmCmd().exec().getJoinTokens().getWorker();
        for (String worker : workers()) {
            clients.get(worker).joinSwarmCmd().withRemoteAddrs(List.of(managerAddress)).withJoinToken(token)
                    .withAdvertiseAddr(addresses.get(worker)).withListenAddr("0.0.0.0:" + SWARM_PORT).exec();
        }
        await(NODES_READY, () -> readyNodes() == names.size(),
                () -> "the swarm's nodes did not all become ready: " + managerClient.listSwarmNodesCmd().exec().stream()
                        .map(n -> n.getDescription().getHostname() + "=" + n.getStatus().getState())
                        .collect(Collectors.joining(", ")));
    }

    private void run(DockerClient docker, String name) {
        String id = docker.createContainerCmd(image).withName(name).withHostName(name)
                .withLabels(Map.of(LABEL, "engine-node"))
                .withEntrypoint(EngineNodeImage.ENTRYPOINT)
                // an imported image has no environment: dockerd finds containerd, runc and iptables on PATH
                .withEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                // --tls=false: a TCP API without it makes dockerd 20.10 wait 15 s on purpose, warning about it
                .withCmd("--host", "tcp://0.0.0.0:" + API_PORT, "--tls=false", "--storage-driver", "vfs")
                .withHostConfig(HostConfig.newHostConfig().withPrivileged(true).withCgroupnsMode("private")
                        .withNetworkMode(prefix))
                .exec().getId();
        containers.add(id);
        docker.startContainerCmd(id).exec();
        InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
        addresses.put(name, inspect.getNetworkSettings().getNetworks().get(prefix).getIpAddress());
    }

    private DockerClient awaitEngine(DockerClient docker, String name) {
        DockerClient client = connect(engine(name));
        await(ENGINE_START, () -> {
            if (!Boolean.TRUE.equals(docker.inspectContainerCmd(name).exec().getState().getRunning())) {
                throw new IllegalStateException("engine node " + name + " exited: " + logTail(docker, name));
            }
            try {
                client.pingCmd().exec();
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        }, () -> "engine node " + name + " did not answer at " + engine(name) + ": " + logTail(docker, name));
        return client;
    }

    private long readyNodes() {
        List<SwarmNode> nodes = clients.get(manager()).listSwarmNodesCmd().exec();
        return nodes.stream().filter(n -> n.getStatus() != null && n.getStatus().getState() == SwarmNodeState.READY)
                .count();
    }

    /** The manager's node name (its hostname), {@code mn-<id>-manager}. */
    public String manager() {
        return addresses.keySet().iterator().next();
    }

    /** The workers' node names (their hostnames), in order. */
    public List<String> workers() {
        return addresses.keySet().stream().skip(1).toList();
    }

    /** {@code tcp://ADDRESS:2375}: node {@code name}'s Engine API, e.g. for {@code swarm:<engine>}. */
    public String engine(String name) {
        String address = addresses.get(name);
        if (address == null) {
            throw new IllegalArgumentException("no node " + name + "; nodes: " + addresses.keySet());
        }
        return "tcp://" + address + ":" + API_PORT;
    }

    /** A client of node {@code name}'s engine; closed with the swarm. */
    public DockerClient client(String name) {
        engine(name);
        return clients.get(name);
    }

    /** Copies image {@code ref} from the test engine to every node ({@code docker save | docker load}). */
    public void load(String ref) {
        byte[] image;
        try (InputStream in = TestEngine.client().saveImageCmd(ref).exec()) {
            image = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot save " + ref + " from the test engine: " + e, e);
        }
        clients.values().forEach(c -> c.loadImageCmd(new ByteArrayInputStream(image)).exec());
    }

    /** Removes the engine containers, their network and their image. */
    @Override
    public void close() {
        DockerClient docker = TestEngine.client();
        List<RuntimeException> failures = new ArrayList<>();
        for (DockerClient c : clients.values()) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // the engine goes with its container
            }
        }
        clients.clear();
        for (String id : containers) {
            attempt(failures, () -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
        }
        containers.clear();
        if (networkCreated) {
            attempt(failures, () -> docker.removeNetworkCmd(prefix).exec());
            networkCreated = false;
        }
        if (imageImported) {
            attempt(failures, () -> TestEngine.removeImage(image));
            imageImported = false;
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("cannot remove all of " + prefix + "'s engine nodes");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException gone) {
            // removed already
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static DockerClient connect(String engine) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(engine).withDockerTlsVerify(false).withApiVersion(TestEngine.apiVersion()).build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build());
    }

    private static String logTail(DockerClient docker, String container) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(15)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.append("(no logs: ").append(e.getMessage()).append(')');
        }
        return out.toString().strip();
    }

    /** Polls {@code done} every 200 ms until it holds; after {@code timeout}, fails with {@code failure}'s text. */
    private static void await(Duration timeout, BooleanSupplier done, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(failure.get() + " (waited " + timeout.toSeconds() + " s)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
