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
class ComposeParityIT extends LauncherParityContract {

    @Override
    protected String config() {
        return "compose";
    }

    /** docker-compose v1's schema has no {@code cgroup}, so the backend refuses it by design (Compose v2 honours it). */
    @Override
    protected List<String> refusedEngineKeys(String tool) {
        return tool.contains("(v1)") ? List.of("cgroup") : List.of();
    }

    /** docker-compose v1, the tool on the test machine, has no {@code bind.create_host_path}: refused up front. */
    @Override
    protected boolean honoursCreateHostPath() {
        return false;
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
