package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code x-slipway.atomic} and the environment checks of a service. */
class ServiceOptionsTest {

    private static ResolvedSpec spec(String body) {
        return LaunchSpec.parse("x-slipway:\n  inputs:\n    v: {type: string, default: 'a b'}\n"
                + "services:\n  web:\n    image: acme/web:1\n" + body).resolve(Inputs.empty());
    }

    private static ServiceSpec service(String body) {
        return spec(body).service("web");
    }

    private static Map<String, String> environment(String body) {
        ResolvedSpec spec = spec(body);
        return ServiceEnvironment.of(spec, spec.service("web"));
    }

    @Test
    void defaultsAndEveryKey() {
        assertEquals(ServiceOptions.DEFAULTS, ServiceOptions.of(service("")));
        ServiceOptions o = ServiceOptions.of(service("    x-slipway:\n      atomic: {install: false, spc: true, "
                + "opt1: '${v}', opt2: [-p, '80:80'], opt3: ''}\n"));
        assertFalse(o.install());
        assertTrue(o.run(), "run defaults to true");
        assertTrue(o.spc());
        assertEquals(Substitution.Value.of("a b"), o.opts().get(0));
        assertEquals(List.of("-p", "80:80"), o.opts().get(1).words());
        assertNull(o.opts().get(2), "an empty option is unset, as in atomic");
        assertEquals(List.of("OPT1", "OPT2"), List.copyOf(o.variables().keySet()));
        ServiceOptions installOnly = ServiceOptions.of(service("    x-slipway:\n      atomic: {run: false}\n"));
        assertTrue(installOnly.install());
        assertFalse(installOnly.run());
    }

    @Test
    void neitherInstallNorRunIsNothingToDo() {
        SpecException e = assertThrows(SpecException.class,
                () -> ServiceOptions.of(service("    x-slipway:\n      atomic: {install: false, run: 'false'}\n")));
        assertEquals("services.web.x-slipway.atomic.run", e.path());
        assertTrue(e.getMessage().contains("nothing to do"), e.getMessage());
        e = assertThrows(SpecException.class, () -> ServiceOptions.of(service("    x-slipway:\n      atomic: {run: maybe}\n")));
        assertEquals("services.web.x-slipway.atomic.run", e.path());
    }

    @Test
    void badKeysAndValuesNameTheirPath() {
        SpecException e = assertThrows(SpecException.class,
                () -> ServiceOptions.of(service("    x-slipway:\n      atomic: {opt4: x}\n")));
        assertEquals("services.web.x-slipway.atomic.opt4", e.path());
        assertTrue(e.getMessage().contains("install, run, spc, opt1, opt2, opt3"), e.getMessage());
        e = assertThrows(SpecException.class, () -> ServiceOptions.of(service("    x-slipway:\n      atomic: {spc: maybe}\n")));
        assertEquals("services.web.x-slipway.atomic.spc", e.path());
        e = assertThrows(SpecException.class, () -> ServiceOptions.of(service("    x-slipway:\n      atomic: {opt1: {a: b}}\n")));
        assertEquals("services.web.x-slipway.atomic.opt1", e.path());
    }

    @Test
    void variablesThatWouldSteerTheAgentsCliAreRefused() {
        for (String name : new String[] {"DOCKER_HOST", "DOCKER_CONFIG", "PATH", "LD_PRELOAD"}) {
            SpecException e = assertThrows(SpecException.class,
                    () -> environment("    environment: {" + name + ": x}\n"));
            assertEquals("services.web.environment." + name, e.path());
            assertTrue(e.getMessage().contains("agent's docker CLI"), e.getMessage());
        }
        assertEquals("x", environment("    environment: {MY_DOCKER_HOST: x}\n").get("MY_DOCKER_HOST"));
    }

    @Test
    void privilegesAreNoticedAsAtomicDoes() {
        assertEquals(4, LabelArgv.privileges(List.of("docker", "run", "--privileged", "--net=host", "--pid", "host",
                "--cap-add=SYS_ADMIN", "IMAGE")).size());
        assertEquals(1, LabelArgv.privileges(List.of("--security-opt", "label=disable")).size());
        assertTrue(LabelArgv.privileges(List.of("docker", "run", "--net=bridge", "IMAGE")).isEmpty());
        assertEquals(List.of("docker", "run"), LabelArgv.of(new Substitution("n", "i", java.util.Map.of()),
                "/usr/bin/docker run"), "atomic-era labels name /usr/bin/docker: the agent's CLI runs it");
    }
}
