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
 * the parity contract's own {@code @BeforeAll} opens the launcher.
 */
public final class SwarmMode implements BeforeAllCallback, AfterAllCallback {

    private static final String GWBRIDGE = "docker_gwbridge";
    private boolean initialised;
    private boolean gwbridgeExisted;

    @Override
    public void beforeAll(ExtensionContext context) {
        DockerClient docker = TestEngine.client();
        var swarm = docker.infoCmd().exec().getSwarm();
        if (swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable())) {
            return;
        }
        if (swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE) {
            throw new IllegalStateException("the test engine is a swarm worker, not a manager: cannot test the swarm backend");
        }
        gwbridgeExisted = exists(docker, GWBRIDGE);
        docker.initializeSwarmCmd(new SwarmSpec()).withAdvertiseAddr("127.0.0.1").withListenAddr("127.0.0.1:2377").exec();
        initialised = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
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

    private static boolean exists(DockerClient docker, String network) {
        return docker.listNetworksCmd().withNameFilter(network).exec().stream().anyMatch(n -> network.equals(n.getName()));
    }
}
