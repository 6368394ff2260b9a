package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void dockerHostFromTheEnvironmentIsUsedWhenNoTargetIsGiven() {
        io.slipway.SlipwayException e = org.junit.jupiter.api.Assertions.assertThrows(io.slipway.SlipwayException.class,
                () -> DockerEngine.connect(null, null, null, null, java.util.Map.of("DOCKER_HOST", "unix:///tmp/slipway-env.sock")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("unix:///tmp/slipway-env.sock"), e.getMessage());
    }

    @Test
    void wireLoggingAtDebugIsWarnedAbout() {
        assertFalse(DockerEngine.warnIfWireLogging(DockerEngine.WIRE_LOGGERS), "the HTTP client's wire loggers are at INFO here");
        // This module's tests run io.slipway.* at DEBUG (see the pom): a logger there stands for a wire logger at DEBUG.
        assertTrue(DockerEngine.warnIfWireLogging(java.util.List.of("io.slipway.test.wire")));
    }

    @Test
    void aTakenNameIsDockers409OrPodmans500SayingSo() {
        assertTrue(DockerEngine.nameInUse(new com.github.dockerjava.api.exception.ConflictException("Conflict")));
        assertTrue(DockerEngine.nameInUse(new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: {\"cause\":\"that name is already in use\",\"message\":\"container create: ...\"}")));
        assertFalse(DockerEngine.nameInUse(new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: no space left on device")));
        assertFalse(DockerEngine.nameInUse(new IllegalStateException("already in use")));
    }

    @Test
    void aContainerIsNotFoundByDockersWordAndByPodmansForOneRemovedMeanwhile() {
        assertTrue(DockerEngine.notFound(new com.github.dockerjava.api.exception.NotFoundException("Status 404: No such container: x")));
        assertTrue(DockerEngine.notFound(new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: {\"cause\":\"no such container\",\"message\":\"container cb94 does not exist in database: no such container\"}")));
        assertFalse(DockerEngine.notFound(new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: {\"message\":\"cannot add init binary as PID 1\"}")));
        assertFalse(DockerEngine.notFound(new IllegalStateException("no such container")));
    }
}
