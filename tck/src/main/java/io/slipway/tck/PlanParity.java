package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentPlan;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.PlanAction;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import io.slipway.spec.LaunchSpec;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The plan part of the parity contract: a plan says what the apply right after it does, service by service, on every
 * backend; a changed secret input is named as a changed setting, never shown.
 */
final class PlanParity {

    private final ContainerLauncher launcher;
    private final String deployment;
    private final String first = "plan-Secret-" + UUID.randomUUID();
    private final String second = "plan-Secret-" + UUID.randomUUID();

    PlanParity(ContainerLauncher launcher, String deployment) {
        this.launcher = launcher;
        this.deployment = deployment;
    }

    private static LaunchSpec spec(String taskWord, boolean extra) {
        return LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    token: {type: string, secret: true, required: true}
                services:
                  web:
                    image: %1$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo up; sleep 300 & wait"]
                    environment:
                      TOKEN: ${token}
                  task:
                    image: %1$s
                    command: ["sh", "-c", "echo %2$s"]
                    x-slipway: {oneshot: true}
                """.formatted(TestImages.busybox(), taskWord) + (extra ? """
                  extra:
                    image: %1$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"]
                """.formatted(TestImages.busybox()) : ""));
    }

    private Inputs token(String value) {
        return Inputs.builder().secret("token", value).build();
    }

    void run() {
        // A new deployment: everything is created.
        DeploymentPlan p = planThenApply(spec("one", false), token(first));
        assertEquals(Map.of("web", PlanAction.CREATE, "task", PlanAction.CREATE), actions(p), p.describe());
        assertTrue(p.changes(), p.describe());
        assertEquals(Secret.MASK, p.inputs().get("token"), p.describe());

        // The same again: nothing changes.
        p = planThenApply(spec("one", false), token(first));
        assertEquals(Map.of("web", PlanAction.UNCHANGED, "task", PlanAction.UNCHANGED), actions(p), p.describe());
        assertFalse(p.changes(), p.describe());

        // Another secret value: the service using it is replaced, and the plan names the variable, not the value.
        p = planThenApply(spec("one", false), token(second));
        assertEquals(Map.of("web", PlanAction.REPLACE, "task", PlanAction.UNCHANGED), actions(p), p.describe());
        assertTrue(p.service("web").changed().contains("environment.TOKEN"), p.describe());

        // A changed task and a new service.
        p = planThenApply(spec("two", true), token(second));
        assertEquals(Map.of("web", PlanAction.UNCHANGED, "task", PlanAction.REPLACE, "extra", PlanAction.CREATE),
                actions(p), p.describe());
        assertTrue(p.service("task").changed().contains("command"), p.describe());

        // A service no longer in the spec is removed.
        p = planThenApply(spec("two", false), token(second));
        assertEquals(Map.of("web", PlanAction.UNCHANGED, "task", PlanAction.UNCHANGED, "extra", PlanAction.REMOVE),
                actions(p), p.describe());
        assertFalse(launcher.status(deployment).services().stream().anyMatch(s -> s.service().equals("extra")),
                launcher.status(deployment).toString());
    }

    /** Plans, checks that the plan started nothing and shows no secret, applies, and checks the apply did the plan. */
    private DeploymentPlan planThenApply(LaunchSpec spec, Inputs inputs) {
        String before = launcher.status(deployment).toString();
        DeploymentPlan p = launcher.plan(deployment, spec, inputs);
        assertEquals(before, launcher.status(deployment).toString(), "a plan changes nothing");
        String shown = p.toJson() + p.describe() + p.toMap();
        assertFalse(shown.contains(first) || shown.contains(second), shown);
        LaunchResult r = launcher.apply(deployment, spec, inputs);
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        for (DeploymentPlan.Change c : p.services()) {
            if (c.action() != PlanAction.REMOVE) {
                ServiceResult s = r.service(c.name());
                assertEquals(c.action() != PlanAction.UNCHANGED, s.changed(),
                        "service " + c.name() + ": the plan said " + c.action().word() + "\n" + p.describe() + "\n"
                                + r.describe());
            }
        }
        return p;
    }

    private static Map<String, PlanAction> actions(DeploymentPlan p) {
        return p.services().stream().collect(Collectors.toMap(DeploymentPlan.Change::name, DeploymentPlan.Change::action));
    }
}
