package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values the engine would refuse only at create time are refused when the spec is bound, naming the path. */
class EngineValuesTest {

    private static ResolvedSpec resolve(String serviceKeys) {
        return LaunchSpec.parse("services:\n  web:\n    image: a\n" + serviceKeys, Path.of("/specs"), "stack.yaml")
                .resolve(Inputs.empty());
    }

    private static SpecException refused(String serviceKeys) {
        return assertThrows(SpecException.class, () -> resolve(serviceKeys));
    }

    @Test
    void devicesInEveryFormDockerRunTakesAreAccepted() {
        ResolvedSpec r = resolve("    devices: [/dev/null, '/dev/null:/dev/a', '/dev/null:/dev/b:rw', '/dev/null:m',"
                + " '/dev/zero:/dev/c:rwm']\n");
        assertEquals(5, r.service("web").resources().devices().size());
    }

    @Test
    void aDeviceOfAnotherFormIsRefusedNamingItsIndexAndTheForm() {
        SpecException e = refused("    devices: [/dev/null, '/dev/null:/dev/x:rwx']\n");
        assertEquals("services.web.devices[1]", e.path());
        assertTrue(e.getMessage().contains("permissions 'rwx' are not a combination of r, w and m"), e.getMessage());
        assertTrue(e.getMessage().contains("HOST[:CONTAINER[:PERMISSIONS]]"), e.getMessage());
        assertEquals("services.web.devices[0]", refused("    devices: ['dev/null:/dev/x']\n").path());
        assertTrue(refused("    devices: ['/dev/null:dev/x']\n").getMessage().contains("container path 'dev/x' is not absolute"));
        assertTrue(refused("    devices: ['/dev/null:/dev/x:rr']\n").getMessage().contains("permissions 'rr'"));
        assertTrue(refused("    devices: ['/a:/b:r:w']\n").getMessage().contains("invalid device '/a:/b:r:w'"));
    }

    @Test
    void capabilitiesWithOrWithoutThePrefixInAnyCaseAndAllAreAccepted() {
        ResolvedSpec r = resolve("    cap_add: [SYS_NICE, CAP_NET_ADMIN, sys_ptrace, cap_bpf]\n    cap_drop: [ALL]\n");
        assertEquals(List.of("SYS_NICE", "CAP_NET_ADMIN", "sys_ptrace", "cap_bpf"), r.service("web").security().capAdd());
        assertEquals(List.of("ALL"), r.service("web").security().capDrop());
    }

    @Test
    void anUnknownCapabilityIsRefusedListingTheValidOnes() {
        SpecException e = refused("    cap_add: [SYS_NICE, SYS_NICENESS]\n");
        assertEquals("services.web.cap_add[1]", e.path());
        assertTrue(e.getMessage().contains("unknown capability 'SYS_NICENESS'"), e.getMessage());
        assertTrue(e.getMessage().contains("ALL or one of [AUDIT_CONTROL"), e.getMessage());
        assertEquals("services.web.cap_drop[0]", refused("    cap_drop: [CAP_]\n").path());
        assertEquals("services.web.cap_drop[0]", refused("    cap_drop: [CAP_ALL]\n").path());
    }

    @Test
    void securityOptionsInDockerRunsFormsAreAccepted() {
        List<String> opts = List.of("no-new-privileges", "no-new-privileges:true", "no-new-privileges=false",
                "label=disable", "label:type:svirt_t", "label=level:s0:c100,c200", "apparmor=unconfined",
                "seccomp=unconfined", "seccomp:/etc/profile.json", "systempaths=unconfined");
        ResolvedSpec r = resolve("    security_opt: [" + String.join(", ", opts.stream().map(o -> "'" + o + "'").toList())
                + "]\n");
        assertEquals(opts, r.service("web").security().securityOpt());
    }

    @Test
    void aSecurityOptionOfAnotherFormIsRefusedNamingTheValidForms() {
        SpecException e = refused("    security_opt: ['no-new-privileges:true', 'no-new-privileges:yes']\n");
        assertEquals("services.web.security_opt[1]", e.path());
        assertTrue(e.getMessage().contains("invalid security option 'no-new-privileges:yes'"), e.getMessage());
        assertTrue(e.getMessage().contains("label=disable"), e.getMessage());
        for (String bad : List.of("selinux=on", "label=user", "label=", "apparmor=", "systempaths=confined", "=x")) {
            assertEquals("services.web.security_opt[0]", refused("    security_opt: ['" + bad + "']\n").path(), bad);
        }
    }
}
