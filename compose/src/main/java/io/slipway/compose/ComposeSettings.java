package io.slipway.compose;

import io.slipway.engine.EngineOptions.FailurePolicy;
import io.slipway.engine.EngineOptions.PullPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * What a compose launcher was opened with, shared by its applies and deletes.
 *
 * @param tool the detected Compose tool
 * @param workDir where deployments' files are kept
 * @param pull the pull policy
 * @param timeout the watchdog limit of each tool run
 * @param stopTimeout the grace period for stopping containers, or null for Compose's own
 * @param onFailure what to do with containers of failed services
 * @param removeVolumes whether delete removes volumes
 * @param baseEnv the tool's environment without inputs ({@link ToolEnvironment#base})
 */
record ComposeSettings(ComposeTool tool, WorkDir workDir, PullPolicy pull, Duration timeout, Duration stopTimeout,
        FailurePolicy onFailure, boolean removeVolumes, Map<String, String> baseEnv) {

    ComposeSettings {
        baseEnv = Map.copyOf(baseEnv);
    }

    /** The command builder for one deployment's files. */
    ComposeCommand command(String deployment, String project, java.nio.file.Path projectDirectory) {
        return new ComposeCommand(tool, project, projectDirectory, workDir.composeFile(deployment),
                workDir.envFile(deployment), stopTimeout);
    }
}
