package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.spec.ProjectNames;
import io.slipway.tck.LauncherParityContract;
import io.slipway.tck.TestEngine;
import java.util.List;
import java.util.Map;

/** The shared parity specs on the compose backend, with the real docker-compose of this machine. */
class ComposeParityTest extends LauncherParityContract {

    @Override
    protected String config() {
        return "compose";
    }

    /** The name is checked before the tool runs: nothing of the deployment was created, not even its network. */
    @Override
    protected void afterForeignContainerName(String deployment, LaunchResult result) {
        assertEquals(Outcome.FAILED, result.service("other").outcome(), result.describe());
        assertTrue(result.service("other").reason().startsWith("not started: container names in use by containers "
                + "deployment '" + deployment + "' does not own"), result.service("other").reason());
        String project = ProjectNames.of(deployment);
        assertEquals(List.of(), TestEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ComposeProject.PROJECT, project)).exec(), "no container created");
        assertEquals(List.of(), TestEngine.client().listNetworksCmd()
                .withFilter("label", List.of(ComposeProject.PROJECT + "=" + project)).exec(), "no network created");
    }
}
