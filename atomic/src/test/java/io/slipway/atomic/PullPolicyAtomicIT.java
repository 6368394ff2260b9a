package io.slipway.atomic;

import io.slipway.testsupport.AgentImages;
import io.slipway.testsupport.PullPolicyContract;
import io.slipway.tck.TestEngine;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** A service's pull_policy on atomic: the agent's docker CLI pulls, the Engine API builds. */
class PullPolicyAtomicIT extends PullPolicyContract {

    private static final String AGENT_NAME = "slipway-agent-pull-" + UUID.randomUUID().toString().substring(0, 8);

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
