package io.slipway.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmSpec;
import io.slipway.tck.TestEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the test engine a one-node swarm for one test class ({@code docker swarm init --advertise-addr 127.0.0.1}),
 * unless it already is a manager, and leaves the swarm after the class if it made it: other modules' tests share
 * this engine and must not find it in swarm mode. An extension, not a {@code @BeforeAll}, so that it runs before
 * the parity contract's own {@code @BeforeAll} opens the launcher. Outside JUnit (the benchmarks), {@link #manager()}
 * does the same for a try-with-resources block.
 */
public final class SwarmMode implements BeforeAllCallback, AfterAllCallback {

    private static final String GWBRIDGE = "docker_gwbridge";
    private Manager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = manager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (manager != null) {
            manager.close();
        }
    }

    /**
     * Makes the test engine a swarm manager unless it is one; closing the result leaves the swarm only if this
     * call made it (and removes the {@code docker_gwbridge} network that {@code swarm init} made).
     *
     * @throws IllegalStateException when the engine is a swarm worker
     */
    public static Manager manager() {
        DockerClient docker = TestEngine.client();
        var swarm = docker.infoCmd().exec().getSwarm();
        if (swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable())) {
            return new Manager(false, true);
        }
        if (swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE) {
            throw new IllegalStateException("the test engine is a swarm worker, not a manager: cannot test the swarm backend");
        }
        boolean gwbridgeExisted = exists(docker, GWBRIDGE);
        docker.initializeSwarmCmd(new SwarmSpec()).withAdvertiseAddr("127.0.0.1").withListenAddr("127.0.0.1:2377").exec();
        return new Manager(true, gwbridgeExisted);
    }

    /** The test engine as a swarm manager, for as long as it is open. */
    public static final class Manager implements AutoCloseable {
        private final boolean initialised;
        private final boolean gwbridgeExisted;

        private Manager(boolean initialised, boolean gwbridgeExisted) {
            this.initialised = initialised;
            this.gwbridgeExisted = gwbridgeExisted;
        }

        @Override
        public void close() {
            if (!initialised) {
                return;
            }
            DockerClient docker = TestEngine.client();
            docker.leaveSwarmCmd().withForceEnabled(true).exec();
            if (!gwbridgeExisted) {
                try {
                    docker.removeNetworkCmd(GWBRIDGE).exec(); // made by swarm init; leaving does not remove it
                } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
                    // gone, or some other container uses it now
                } catch (RuntimeException e) {
                    // in use by a container of another test: leave it
                }
            }
        }
    }

    private static boolean exists(DockerClient docker, String network) {
        return docker.listNetworksCmd().withNameFilter(network).exec().stream().anyMatch(n -> network.equals(n.getName()));
    }
}
