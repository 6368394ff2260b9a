package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run naming a subcommand builds only that one's model; every other run, and the usage, has all of them. */
class SubcommandsTest {

    private static final List<String> ALL = List.of("backends", "apply", "plan", "delete", "status", "hook");

    private static List<String> built(String first) {
        return List.copyOf(SlipwayCommand.build(new SlipwayCommand(Map.of()), first).getSubcommands().keySet());
    }

    @Test
    void aRunOfOneSubcommandBuildsOnlyThatOne() {
        for (String name : ALL) {
            assertEquals(List.of(name), built(name));
        }
        assertEquals(List.of("install", "cleanup"),
                List.copyOf(SlipwayCommand.build(new SlipwayCommand(Map.of()), "hook").getSubcommands().get("hook")
                        .getSubcommands().keySet()));
    }

    @Test
    void anythingElseGetsThemAll() {
        assertEquals(ALL, built(null));
        assertEquals(ALL, built("--help"));
        assertEquals(ALL, built("statsu"));
        assertEquals(ALL, List.copyOf(SlipwayCommand.commandLine(Map.of()).getSubcommands().keySet()));
    }

    @Test
    void theUsageAndTheErrorsAreAsBefore() {
        Cli.Run help = Cli.run("--help");
        assertEquals(0, help.exit(), help::toString);
        for (String name : ALL) {
            assertTrue(help.out().contains("\n  " + name + " "), help::toString);
        }
        Cli.Run typo = Cli.run("statsu", "x");
        assertEquals(SlipwayCommand.USAGE, typo.exit(), typo::toString);
        assertTrue(typo.err().contains("Did you mean: slipway status"), typo::toString);
        Cli.Run missing = Cli.run("status");
        assertEquals(SlipwayCommand.USAGE, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("Missing required parameter: 'DEPLOYMENT'")
                && missing.err().contains("Usage: slipway status"), missing::toString);
        Cli.Run none = Cli.run();
        assertEquals(SlipwayCommand.USAGE, none.exit(), none::toString);
        assertTrue(none.err().contains("missing command"), none::toString);
    }
}
