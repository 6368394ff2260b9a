package io.slipway.dockerrun;

import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config hash: what changes a container changes it, what does not leaves it. */
class ContainerPlanTest {

    private static final String SPEC = "x-slipway:\n  inputs:\n    pw: {type: string, secret: true}\n"
            + "services:\n  app:\n    image: img:1\n    command: [sleep, '1']\n"
            + "    environment: {PW: '${pw}'}\n    x-slipway: {wait: {running: true, timeout: %s}}\n";

    private static ContainerPlan plan(String timeout, String pw, String imageId) {
        ResolvedSpec spec = LaunchSpec.parse(String.format(SPEC, timeout)).resolve(Inputs.builder().secret("pw", pw).build());
        return ContainerPlan.of("d", spec, spec.service("app"), Map.of("default", "slipway_d"), imageId, List.of());
    }

    @Test
    void sameInputsSameHash() {
        assertEquals(plan("5s", "a", "sha256:1").hash(), plan("5s", "a", "sha256:1").hash());
    }

    @Test
    void theWaitConditionDoesNotChangeTheContainer() {
        assertEquals(plan("5s", "a", "sha256:1").hash(), plan("9s", "a", "sha256:1").hash());
    }

    @Test
    void aChangedSecretOrImageChangesTheHash() {
        assertNotEquals(plan("5s", "a", "sha256:1").hash(), plan("5s", "b", "sha256:1").hash());
        assertNotEquals(plan("5s", "a", "sha256:1").hash(), plan("5s", "a", "sha256:2").hash());
    }

    @Test
    void toStringShowsNoEnvironment() {
        ContainerPlan p = plan("5s", "topsecret", "sha256:1");
        assertEquals("d-app", p.containerName());
        assertFalse(p.toString().contains("topsecret"));
    }
}
