package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backend-specific maps under a service's x-slipway ({@code x-slipway.atomic}): accepted, interpolated, handed over raw. */
class ServiceExtensionTest {

    private static final String SPEC = "x-slipway:\n  inputs:\n    opt: {type: string, default: 'a b'}\n"
            + "services:\n  web:\n    image: busybox:1\n    x-slipway:\n"
            + "      oneshot: true\n      atomic: {spc: true, opt1: '${opt}', opt2: [-p, '8080:80'], anything: {x: 1}}\n"
            + "  plain:\n    image: busybox:1\n";

    @Test
    void anExtensionMapIsInterpolatedAndHandedOverAsWritten() {
        ResolvedSpec r = LaunchSpec.parse(SPEC).resolve(Inputs.builder().put("opt", "$(id); x").build());
        Map<String, Object> atomic = r.service("web").extension("atomic");
        assertEquals(true, atomic.get("spc"));
        assertEquals("$(id); x", atomic.get("opt1"));
        assertEquals(List.of("-p", "8080:80"), atomic.get("opt2"));
        assertEquals(Map.of("x", 1), atomic.get("anything"), "core does not check an extension's keys");
        assertTrue(r.service("web").oneshot());
        assertThrows(UnsupportedOperationException.class, () -> atomic.put("spc", false));
    }

    @Test
    void aServiceWithoutTheExtensionHasAnEmptyMap() {
        ResolvedSpec r = LaunchSpec.parse(SPEC).resolve(Inputs.empty());
        assertEquals(Map.of(), r.service("plain").extension("atomic"));
        assertEquals(Map.of(), r.service("web").extension("compose"));
        assertEquals(Map.of(), r.service("plain").extensions());
    }

    @Test
    void anExtensionMustBeAMap() {
        SpecException e = assertThrows(SpecException.class, () -> LaunchSpec.parse(
                "services:\n  web:\n    image: busybox:1\n    x-slipway: {atomic: [spc]}\n"));
        assertTrue(e.getMessage().contains("services.web.x-slipway.atomic"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a map"), e.getMessage());
    }

    @Test
    void anUnknownXSlipwayKeyStillNamesTheValidOnesIncludingExtensions() {
        SpecException e = assertThrows(SpecException.class, () -> LaunchSpec.parse(
                "services:\n  web:\n    image: busybox:1\n    x-slipway: {atomik: {spc: true}}\n"));
        assertTrue(e.getMessage().contains("services.web.x-slipway.atomik"), e.getMessage());
        assertTrue(e.getMessage().contains("wait, timeout, oneshot, atomic"), e.getMessage());
    }
}
