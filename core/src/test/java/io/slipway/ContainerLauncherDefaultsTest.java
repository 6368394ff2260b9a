package io.slipway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slipway.testproviders.RecordingLauncher;
import org.junit.jupiter.api.Test;

/** A backend that does not implement suspend or resume says so, naming itself and the deployment. */
class ContainerLauncherDefaultsTest {

    @Test
    void suspendAndResumeAreUnsupportedUnlessABackendImplementsThem() {
        ContainerLauncher l = new RecordingLauncher("bare", null);
        assertEquals("backend 'bare' cannot suspend deployment 'shop': it does not implement ContainerLauncher.suspend",
                assertThrows(UnsupportedOperationException.class, () -> l.suspend("shop")).getMessage());
        assertEquals("backend 'bare' cannot resume deployment 'shop': it does not implement ContainerLauncher.resume",
                assertThrows(UnsupportedOperationException.class, () -> l.resume("shop")).getMessage());
    }
}
