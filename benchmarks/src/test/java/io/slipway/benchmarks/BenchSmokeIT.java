package io.slipway.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The harness's smoke mode (one round, 3 services, every scenario) inside {@code ./mvnw verify}, so that
 * the harness never rots. It asserts only that every scenario produced numbers, never a timing.
 */
class BenchSmokeIT {

    @Test
    void everyScenarioProducesNumbers() throws Exception {
        Path repo = Path.of(System.getProperty("slipway.repo", "..")).toAbsolutePath().normalize();
        Path out = Path.of("target").toAbsolutePath();
        Report report = new Harness(BenchConfig.smoke(repo, out), System.err).run();
        report.writeJson(out.resolve("bench-smoke.json"));
        Files.writeString(out.resolve("bench-smoke.md"), report.markdown());
        System.err.println(report.markdown());

        assertEquals(7, report.scenarios().size(), "scenarios that reported: " + report.scenarios());
        assertEquals(Set.of(), report.scenariosWithoutNumbers(), "scenarios without a single number");
        // Testcontainers runs here with nothing pulled (testcontainers.properties, the failsafe environment): its
        // rows must be numbers, not "not available".
        assertTrue(report.rows().stream().filter(r -> r.competitor().startsWith("Testcontainers"))
                .allMatch(Row::measured), "Testcontainers rows without numbers: " + report.rows().stream()
                .filter(r -> r.competitor().startsWith("Testcontainers") && !r.measured()).toList());
        assertTrue(report.rows().stream().anyMatch(r -> r.competitor().startsWith("Testcontainers") && r.measured()),
                "no Testcontainers row");
        for (String scenario : report.scenarios()) {
            if (scenario.startsWith("5.")) {
                continue; // the command line needs cli/target/slipway.jar, which a build of this module alone lacks
            }
            assertTrue(report.rows().stream().anyMatch(r -> r.scenario().equals(scenario) && r.measured()
                    && r.competitor().startsWith("Slipway")), "Slipway measured nothing in " + scenario);
        }
    }
}
