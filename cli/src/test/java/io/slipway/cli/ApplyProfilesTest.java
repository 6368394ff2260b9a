package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code apply --profile} and {@code COMPOSE_PROFILES}: which services of a spec with profiles run. */
class ApplyProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = Cli.resource("specs/profiles.yaml");

    /** The services an apply ran, in its result's order. */
    private static List<String> services(Cli.Run r) throws Exception {
        assertEquals(0, r.exit(), r::toString);
        List<String> names = new ArrayList<>();
        for (JsonNode s : JSON.readTree(r.out()).get("services")) {
            assertEquals("SUCCEEDED", s.get("status").asText(), r::toString);
            names.add(s.get("name").asText());
        }
        return names;
    }

    private static Map<String, String> env(String profiles) {
        return Map.of("SLIPWAY_LAUNCHER", "echo", "COMPOSE_PROFILES", profiles);
    }

    @Test
    void withoutAProfileOnlyTheServicesWithoutProfilesRun() throws Exception {
        assertEquals(List.of("app"), services(Cli.run("apply", "prof-none", "-f", SPEC, "--json")));
        assertEquals(List.of("app"), services(Cli.run(env(" "), "apply", "prof-blank", "-f", SPEC, "--json")));
    }

    @Test
    void eachProfileFlagActivatesItsServices() throws Exception {
        assertEquals(List.of("app", "tools"),
                services(Cli.run("apply", "prof-tools", "-f", SPEC, "--profile", "tools", "--json")));
        assertEquals(List.of("app", "tools", "debug"), services(Cli.run("apply", "prof-two", "-f", SPEC,
                "--profile", "tools", "--profile", "debug", "--json")));
        assertEquals(List.of("app", "tools", "debug"),
                services(Cli.run("apply", "prof-shared", "-f", SPEC, "--profile", "all", "--json")),
                "a service runs when any one of its profiles is active");
        assertEquals(List.of("app", "tools", "debug", "needs-tools"),
                services(Cli.run("apply", "prof-star", "-f", SPEC, "--profile", "*", "--json")));
    }

    @Test
    void composeProfilesIsReadWithoutTheFlagAndTheFlagWins() throws Exception {
        assertEquals(List.of("app", "tools", "debug"),
                services(Cli.run(env("debug, tools"), "apply", "prof-env", "-f", SPEC, "--json")));
        assertEquals(List.of("app", "tools"), services(Cli.run(env("debug"), "apply", "prof-flag-wins", "-f", SPEC,
                "--profile", "tools", "--json")));
    }

    @Test
    void aServiceThatNeedsAnInactiveOneOrABadProfileNameExitsTwo() {
        Cli.Run needs = Cli.run("apply", "prof-broken", "-f", SPEC, "--profile", "broken", "--json");
        assertEquals(2, needs.exit(), needs::toString);
        assertTrue(needs.err().contains("tools"), needs::toString);
        assertEquals("", needs.out(), "nothing ran");
        Cli.Run fromEnv = Cli.run(env("broken"), "apply", "prof-broken-env", "-f", SPEC, "--json");
        assertEquals(2, fromEnv.exit(), fromEnv::toString);
        Cli.Run bad = Cli.run("apply", "prof-bad", "-f", SPEC, "--profile", "no/slash", "--json");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("invalid profile name 'no/slash'"), bad::toString);
    }
}
