package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slipway.inputs.Inputs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Compose profiles: services with profiles run only when one of theirs is active. */
class ProfilesTest {

    private static final String SPEC = """
            x-slipway:
              outputs:
                dbg: {service: debug, value: containerId}
            services:
              web: {image: a}
              debug: {image: a, profiles: [debug, tools]}
              seed: {image: a, profiles: [dev], depends_on: [web]}
            """;

    @Test
    void servicesWithProfilesAreLeftOutUntilOneOfTheirsIsActive() {
        LaunchSpec spec = LaunchSpec.parse(SPEC);
        assertEquals(List.of("web"), spec.serviceNames());
        ResolvedSpec none = spec.resolve(Inputs.empty());
        assertEquals(List.of("web"), none.services().stream().map(ServiceSpec::name).toList());
        assertEquals(Set.of(), none.outputs().keySet(), "an output of a disabled service is left out");
        assertEquals(List.of("web", "debug"), spec.withProfiles(List.of("tools")).serviceNames());
        assertEquals(List.of("web", "debug", "seed"), spec.withProfiles(List.of("*")).serviceNames());
        assertEquals(Set.of("dbg"), spec.withProfiles(List.of("debug")).resolve(Inputs.empty()).outputs().keySet());
    }

    @Test
    void theComposeDocumentHoldsTheEnabledServicesWithoutTheirProfiles() {
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) LaunchSpec.parse(SPEC).withProfiles(List.of("dev"))
                .composeDocument().get("services");
        assertEquals(List.of("web", "seed"), List.copyOf(services.keySet()));
        assertFalse(((Map<?, ?>) services.get("seed")).containsKey("profiles"), "the tool must start it without --profile");
    }

    @Test
    void anEnabledServiceThatNeedsADisabledOneIsAnErrorNamingTheProfiles() {
        LaunchSpec spec = LaunchSpec.parse("services:\n  web: {image: a, depends_on: [db]}\n"
                + "  db: {image: a, profiles: [data]}\n");
        SpecException e = assertThrows(SpecException.class, () -> spec.resolve(Inputs.empty()));
        assertEquals("services.web.depends_on: service 'web' needs 'db', which is disabled: its profiles [data] are not "
                + "active; activate one with --profile NAME", e.getMessage());
        assertEquals(List.of("web", "db"), spec.withProfiles(List.of("data")).serviceNames());
    }

    @Test
    void noEnabledServiceAndBadNamesAreErrors() {
        LaunchSpec spec = LaunchSpec.parse("services:\n  web: {image: a, profiles: [x]}\n");
        assertEquals("services: no service is enabled: every service has profiles, and none of them is active (active: y); "
                + "activate one with --profile NAME", assertThrows(SpecException.class,
                        () -> spec.withProfiles(List.of("y")).resolve(Inputs.empty())).getMessage());
        assertEquals("invalid profile name '-x'; a name matches [a-zA-Z0-9][a-zA-Z0-9_.-]*, or * for all",
                assertThrows(SpecException.class, () -> spec.withProfiles(List.of("-x"))).getMessage());
        assertEquals("services.web.profiles[0]: invalid profile name 'a b'; a name matches [a-zA-Z0-9][a-zA-Z0-9_.-]*",
                assertThrows(SpecException.class, () -> LaunchSpec.parse(
                        "services:\n  web: {image: a, profiles: ['a b']}\n")).getMessage());
    }
}
