package io.slipway.atomic;

import io.slipway.tck.LauncherContract;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.AgentImages;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The engine-free part of the backend TCK on atomic, every service launched by its own agent. */
class AtomicContractIT extends LauncherContract {

    private static final String AGENT_NAME = "slipway-agent-tck-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected String config() {
        return "atomic?agent-image=" + AgentImages.agent() + "&privileged-agent=true&agent-name=" + AGENT_NAME;
    }

    @Override
    protected String image() {
        return TestImages.busybox();
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
