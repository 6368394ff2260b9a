package io.slipway.atomic;

import io.slipway.testsupport.AgentImages;
import io.slipway.tck.LauncherParityContract;
import io.slipway.tck.TestEngine;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The shared parity specs on atomic: the same outcomes as docker-run, every service launched by the agent. */
class AtomicParityIT extends LauncherParityContract {

    private static final String AGENT_NAME = "slipway-agent-parity-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected String config() {
        return "atomic?agent-image=" + AgentImages.agent() + "&privileged-agent=true&agent-name=" + AGENT_NAME;
    }

    /**
     * The agent's docker CLI (28 in the test image) sets {@code --mac-address} per network, which an engine before API
     * 1.44 refuses: atomic refuses {@code mac_address} there before anything starts.
     */
    @Override
    protected List<String> refusedEngineKeys(String tool) {
        String[] v = TestEngine.apiVersion().split("\\.");
        boolean before144 = Integer.parseInt(v[0]) == 1 && Integer.parseInt(v[1]) < 44;
        return before144 ? List.of("mac_address") : List.of();
    }

    @AfterAll
    void removeAgent() {
        try {
            TestEngine.client().removeContainerCmd(AGENT_NAME).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            // never bootstrapped
        }
    }
}
