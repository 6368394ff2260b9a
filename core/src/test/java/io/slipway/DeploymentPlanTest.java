package io.slipway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.DeploymentPlan.Build;
import io.slipway.DeploymentPlan.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan model: when it says something changes, and how it shows for people and tools. */
class DeploymentPlanTest {

    private static DeploymentPlan plan(List<Change> services, List<Change> networks, List<Build> builds) {
        return new DeploymentPlan("shop", "docker-run", services, networks, List.of(), List.of(), builds,
                Map.of("token", "******", "port", "8080"));
    }

    @Test
    void onlyUnchangedThingsMeanNoChanges() {
        assertFalse(plan(List.of(Change.of("web", PlanAction.UNCHANGED)), List.of(Change.of("default",
                PlanAction.UNCHANGED)), List.of()).changes());
        for (PlanAction a : List.of(PlanAction.CREATE, PlanAction.REPLACE, PlanAction.REMOVE)) {
            assertTrue(plan(List.of(Change.of("web", a)), List.of(), List.of()).changes(), a.word());
            assertTrue(plan(List.of(), List.of(Change.of("default", a)), List.of()).changes(), a.word());
        }
        assertTrue(plan(List.of(Change.of("web", PlanAction.UNCHANGED)), List.of(),
                List.of(new Build("web", "shop-web"))).changes(), "a build changes the image");
    }

    @Test
    void describeNamesEachChangeItsSettingsAndTheCounts() {
        DeploymentPlan p = plan(List.of(new Change("web", PlanAction.REPLACE, List.of("command", "environment.TOKEN"),
                ""), Change.of("db", PlanAction.UNCHANGED), new Change("old", PlanAction.REMOVE, List.of(),
                "no longer in the spec")), List.of(Change.of("default", PlanAction.CREATE)), List.of());
        String text = p.describe();
        assertTrue(text.contains("replace  service web (changed: command, environment.TOKEN)"), text);
        assertTrue(text.contains("remove   service old (no longer in the spec)"), text);
        assertTrue(text.contains("create   network default"), text);
        assertTrue(text.contains("token = ******"), text);
        assertTrue(text.endsWith("Changes: 0 to create, 1 to replace, 1 to remove, 1 unchanged"), text);
        assertEquals(text, p.toString());
    }

    @Test
    void theJsonDocumentHasEveryFieldWithLowerCaseActions() {
        DeploymentPlan p = plan(List.of(new Change("web", PlanAction.REPLACE, List.of("command"), null)), List.of(),
                List.of(new Build("web", "shop-web")));
        Map<String, Object> m = p.toMap();
        assertEquals(List.of("deployment", "backend", "changes", "services", "networks", "volumes", "secrets",
                "builds", "inputs"), List.copyOf(m.keySet()));
        assertEquals(List.of(Map.of("name", "web", "action", "replace", "changed", List.of("command"), "reason", "")),
                m.get("services"));
        assertEquals(List.of(Map.of("service", "web", "image", "shop-web")), m.get("builds"));
        assertTrue(p.toJson().contains("\"action\" : \"replace\""), p.toJson());
        assertEquals(p.service("web"), p.services().get(0));
        assertNull(p.service("nosuch"));
    }

    @Test
    void nothingMayBeNullAndListsAreCopies() {
        assertThrows(NullPointerException.class, () -> new Change(null, PlanAction.CREATE, List.of(), ""));
        assertThrows(NullPointerException.class, () -> new Change("x", null, List.of(), ""));
        DeploymentPlan p = plan(new java.util.ArrayList<>(List.of(Change.of("web", PlanAction.CREATE))), List.of(),
                List.of());
        assertThrows(UnsupportedOperationException.class, () -> p.services().add(Change.of("x", PlanAction.CREATE)));
    }
}
