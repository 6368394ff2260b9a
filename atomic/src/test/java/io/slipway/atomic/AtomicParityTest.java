package io.slipway.atomic;

import io.slipway.testsupport.AgentImages;
import io.slipway.tck.LauncherParityContract;
import io.slipway.tck.TestEngine;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The shared parity specs on atomic: the same outcomes as docker-run, every service launched by the agent. */
class AtomicParityTest extends LauncherParityContract {

    private static final String AGENT_NAME = "slipway-agent-parity-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected String config() {
        return "atomic?agent-image=" + AgentImages.agent() + "&privileged-agent=true&agent-name=" + AGENT_NAME;
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
