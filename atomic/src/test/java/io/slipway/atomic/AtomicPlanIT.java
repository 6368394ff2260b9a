package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.DeploymentPlan;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.PlanAction;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.AgentImages;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Atomic's plan of what only atomic has: a RUN label's container (judged by its service record), an INSTALL label that
 * would run, an install-only service, replicas of the default run; each plan followed by the apply it describes.
 */
class AtomicPlanIT extends AtomicEngineTestBase {

    private static String spec(String labelled, String greeting, int replicas, boolean setup) {
        return "services:\n"
                + "  lab:\n    image: " + labelled + "\n    environment: {GREETING: '" + greeting + "'}\n"
                + "  rep:\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, \"trap 'exit 0' TERM; sleep 300 & wait\"]\n    scale: " + replicas + "\n"
                + (setup ? "  setup:\n    image: " + labelled + "\n    x-slipway: {atomic: {run: false}}\n" : "");
    }

    @Test
    void aPlanSaysWhatTheApplyDoesWithLabelsInstallsAndReplicas() {
        String labelled = AgentImages.withLabels("slipway-test/atomic-plan:1", Map.of(
                "INSTALL", "docker run --rm IMAGE true",
                "RUN", "docker run -d --init --name NAME -e GREETING IMAGE sleep 300"));
        String d = deployment();

        DeploymentPlan p = planThenApply(d, spec(labelled, "hello", 2, true));
        assertEquals(Map.of("lab", PlanAction.CREATE, "rep", PlanAction.CREATE, "setup", PlanAction.CREATE), actions(p),
                p.describe());
        assertTrue(p.service("lab").reason().contains("INSTALL label runs first"), p.describe());
        assertTrue(p.service("setup").reason().contains("INSTALL label runs"), p.describe());

        p = planThenApply(d, spec(labelled, "hello", 2, true));
        assertEquals(Map.of("lab", PlanAction.UNCHANGED, "rep", PlanAction.UNCHANGED, "setup", PlanAction.UNCHANGED),
                actions(p), p.describe());
        assertFalse(p.changes(), p.describe());

        // A RUN label's container carries no labels: its record names what changed.
        p = planThenApply(d, spec(labelled, "bonjour", 3, true));
        assertEquals(Map.of("lab", PlanAction.REPLACE, "rep", PlanAction.REPLACE, "setup", PlanAction.UNCHANGED),
                actions(p), p.describe());
        assertTrue(p.service("lab").changed().contains("environment.GREETING"), p.describe());
        assertTrue(p.service("rep").reason().contains("1 replica(s) to create"), p.describe());

        p = planThenApply(d, spec(labelled, "bonjour", 1, false));
        assertEquals(Map.of("lab", PlanAction.UNCHANGED, "rep", PlanAction.REPLACE, "setup", PlanAction.REMOVE),
                actions(p), p.describe());
        assertTrue(p.service("rep").reason().contains("2 replica(s) to remove"), p.describe());
        assertTrue(p.service("rep").reason().contains("renamed"), p.describe());

        p = launcher.plan(d, LaunchSpec.parse(spec(labelled, "bonjour", 1, false)), Inputs.empty());
        assertFalse(p.changes(), p.describe());
    }

    /** Plans, checks that the plan changed nothing, applies, and checks that the apply did what the plan said. */
    private DeploymentPlan planThenApply(String d, String yaml) {
        String before = launcher.status(d).toString();
        DeploymentPlan p = launcher.plan(d, LaunchSpec.parse(yaml), Inputs.empty());
        assertEquals(before, launcher.status(d).toString(), "a plan changes nothing");
        LaunchResult r = apply(d, yaml);
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        for (DeploymentPlan.Change c : p.services()) {
            if (c.action() != PlanAction.REMOVE) {
                ServiceResult s = r.service(c.name());
                assertEquals(c.action() != PlanAction.UNCHANGED, s.changed(), "service " + c.name() + ": the plan said "
                        + c.action().word() + "\n" + p.describe() + "\n" + r.describe());
            } else {
                assertFalse(launcher.status(d).services().stream().anyMatch(s -> s.service().equals(c.name())),
                        launcher.status(d).toString());
            }
        }
        return p;
    }

    private static Map<String, PlanAction> actions(DeploymentPlan p) {
        return p.services().stream().collect(Collectors.toMap(DeploymentPlan.Change::name, DeploymentPlan.Change::action));
    }
}
