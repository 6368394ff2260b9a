package io.slipway.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.testsupport.SwarmMode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slipway group picks the swarm backend with {@code launcher: swarm} like any other, and an item gives the same
 * {@code deploy_status_code}, per-service outcomes and outputs as on docker-run (issue 16). On a one-node swarm
 * made for this class.
 */
@ExtendWith(SwarmMode.class)
class SwarmGroupIT {

    @ParameterizedTest
    @ValueSource(strings = {"task-fails.yaml", "inputs-secret.yaml", "depends-on.yaml"})
    void launcherSwarmGivesWhatDockerRunGives(String spec) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
        Map<String, String> configs = Backends.configs();
        Map<String, Object> reference = ParityIT.outcome(spec, "docker-run", configs.get("docker-run"), env);
        assertEquals(reference, ParityIT.outcome(spec, "swarm", "swarm?monitor=1s", env), "swarm differs from docker-run");
    }
}
