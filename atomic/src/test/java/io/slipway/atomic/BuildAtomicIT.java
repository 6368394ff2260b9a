package io.slipway.atomic;

import io.slipway.testsupport.AgentImages;
import io.slipway.testsupport.BuildContract;
import io.slipway.tck.TestEngine;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** Compose's build on atomic: through the Engine API, as on docker-run; the agent runs what was built. */
class BuildAtomicIT extends BuildContract {

    private static final String AGENT_NAME = "slipway-agent-build-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected String config() {
        return "atomic?agent-image=" + AgentImages.agent() + "&privileged-agent=true&agent-name=" + AGENT_NAME;
    }

    /** Atomic has no pull policy: a missing base image is pulled by the engine, as {@code docker build} does. */
    @Override
    protected String pullNeverConfig() {
        return null;
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
