package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.spi.LauncherOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsCommandIT {

    @Test
    void listsEchoWithItsAliasAndOptions() {
        Cli.Run r = Cli.run("backends");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("echo (aliases: dry-run)\n"), r::toString);
        assertTrue(r.out().contains("launches nothing"), r::toString);
        assertTrue(r.out().contains("    fail-service (string; default: none)\n"), r::toString);
        assertTrue(r.out().contains("name of a service to report as FAILED"), r::toString);
        assertTrue(r.out().contains("    delay (duration; default: 0s)\n"), r::toString);
    }

    @Test
    void detectOpensEachBackendAndShowsWhatItFound() {
        assertFalse(Cli.run("backends").out().contains("detected:"), "without --detect nothing is opened");
        Cli.Run r = Cli.run("backends", "--detect");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("  detected: echo\n"), r::toString);
        assertTrue(r.out().contains("  detected: Docker Engine "), r::toString);
    }

    enum Pull { IF_NOT_PRESENT, ALWAYS }

    @Test
    void describesEveryKindOfOption() {
        assertEquals("one of: if-not-present, always; default: if-not-present",
                BackendsCommand.describe(LauncherOption.choice("pull", Pull.class, Pull.IF_NOT_PRESENT, "d")));
        assertEquals("boolean; default: false", BackendsCommand.describe(LauncherOption.bool("tls", false, "d")));
        assertEquals("integer; default: none", BackendsCommand.describe(LauncherOption.integer("n", null, "d")));
        assertEquals("duration; default: 1500ms",
                BackendsCommand.describe(LauncherOption.duration("t", Duration.ofMillis(1500), "d")));
        assertEquals("string, secret; default: none", BackendsCommand.describe(LauncherOption.secret("password", "d")));
        LauncherOption<String> secretWithDefault = new LauncherOption<>("token", String.class, "hunter2", "d",
                List.of(), true, s -> s);
        assertEquals("string, secret; default: ******", BackendsCommand.describe(secretWithDefault));
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
