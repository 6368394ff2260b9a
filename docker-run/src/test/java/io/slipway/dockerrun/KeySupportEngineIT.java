package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What the engine cannot do is refused by key before anything starts, never dropped. */
class KeySupportEngineIT extends EngineTestBase {

    @Test
    void startIntervalOnAnEngineBeforeApi144IsRefusedNamingTheApi() {
        String api = ((DockerRunLauncher) launcher).apiVersion();
        Assumptions.assumeTrue(Double.parseDouble(api) < 1.44, "the engine speaks API " + api);
        LaunchSpec spec = LaunchSpec.parse("services:\n  web:\n    image: slipway-test/busybox:1\n"
                + "    healthcheck: {test: [CMD, 'true'], start_interval: 1s}\n");
        SpecException e = assertThrows(SpecException.class, () -> launcher.apply("keys-start-interval", spec,
                Inputs.empty()));
        assertEquals("services.web.healthcheck.start_interval", e.path());
        assertTrue(e.getMessage().contains("API " + api + "; start_interval needs API 1.44"), e.getMessage());
        assertTrue(launcher.status("keys-start-interval").services().isEmpty(), "nothing started");
    }
}
