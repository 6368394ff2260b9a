package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeploymentNetworksTest {

    @Test
    void theEnginesOwnWordsComeOutOfDockerJavasStatusLine() {
        assertEquals("could not find an available, non-overlapping IPv6 address pool among the defaults to assign to "
                + "the network", DeploymentNetworks.engineWords("Status 500: {\"message\":\"could not find an available, "
                + "non-overlapping IPv6 address pool among the defaults to assign to the network\"}\n"));
        assertEquals("say \"no\"", DeploymentNetworks.engineWords("Status 400: {\"message\": \"say \\\"no\\\"\"}"));
        assertEquals("connection refused", DeploymentNetworks.engineWords("connection refused"));
    }
}
