package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsCommandTest {

    @Test
    void listsEchoWithItsAliasAndOptions() {
        Cli.Run r = Cli.run("backends");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("echo (aliases: dry-run)\n"), r::toString);
        assertTrue(r.out().contains("launches nothing"), r::toString);
        assertTrue(r.out().contains("    fail-service (string, default: none)\n"), r::toString);
        assertTrue(r.out().contains("name of a service to report as FAILED"), r::toString);
        assertTrue(r.out().contains("    delay (duration, default: 0s)\n"), r::toString);
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run r = Cli.run();
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("missing command"), r::toString);
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Run r = Cli.run("launch");
        assertEquals(2, r.exit(), r::toString);
    }

    @Test
    void helpExitsZero() {
        Cli.Run r = Cli.run("apply", "--help");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("--inputs"), r::toString);
    }
}
