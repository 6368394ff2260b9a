package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** API version negotiation: the newest both sides speak, never below the engine's minimum. */
class DockerEngineTest {

    @Test
    void docker2010SpeaksItsOwnVersion() {
        assertEquals("1.41", DockerEngine.negotiate("1.41", "1.12"));
    }

    @Test
    void aNewerEngineIsSpokenToAtTheClientsNewest() {
        assertEquals("1.44", DockerEngine.negotiate("1.47", "1.24"));
    }

    @Test
    void engine29RefusesBelow144SoItsMinimumWins() {
        assertEquals("1.44", DockerEngine.negotiate("1.52", "1.44"));
        assertEquals("1.45", DockerEngine.negotiate("1.52", "1.45"));
    }
}
