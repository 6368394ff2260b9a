package io.slipway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the apply skeleton does before and after a backend's own step. */
class AbstractLauncherTest {

    private static final String SECRET = "Skeleton-s3cret-" + System.nanoTime();

    private static final LaunchSpec SPEC = LaunchSpec.parse("""
            x-slipway:
              inputs:
                token: {type: string, secret: true, required: true}
              outputs:
                web_logs: {service: web, value: logs}
                web_id:   {service: web, value: containerId}
                task_exit: {service: task, value: exitCode}
            services:
              web:
                image: example/web:1
                environment:
                  TOKEN: ${token}
              task:
                image: example/task:1
            """);

    /** A backend that echoes the secret everywhere it can, to see that the skeleton masks it. */
    private static class Leaky extends AbstractLauncher {
        final List<ResolvedDeployment> calls = new ArrayList<>();
        LaunchListener seen;

        @Override
        public String backend() {
            return "leaky";
        }

        @Override
        protected Applied launch(ResolvedDeployment d, LaunchListener listener) {
            calls.add(d);
            seen = listener;
            listener.waiting("web", "c-web", "running");
            String token = d.resolved().variables().get("token");
            ServiceResult web = new ServiceResult("web", Outcome.SUCCEEDED, "id-web", "c-web", null,
                    "token " + token, "TOKEN=" + token + "\n", null, true);
            listener.finished(web);
            ServiceResult task = new ServiceResult("task", Outcome.FAILED, "id-task", "c-task", 3, "exit 3", "", null,
                    true, List.of(new ServiceResult("task-1", Outcome.FAILED, "id", "c", 3, "saw " + token, token, null,
                            true)));
            return new Applied(List.of(web, task), "out " + token, "err " + token);
        }

        @Override
        public DeploymentStatus status(String deployment) {
            return new DeploymentStatus(deployment, backend(), List.of());
        }

        @Override
        public int delete(String deployment) {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static Inputs inputs() {
        return Inputs.builder().secret("token", SECRET).build();
    }

    @Test
    void badNameFailsBeforeTheSpecIsResolvedOrTheBackendCalled() {
        Leaky l = new Leaky();
        SlipwayException e = assertThrows(SlipwayException.class, () -> l.apply("no/slash", SPEC, Inputs.empty()));
        assertTrue(e.getMessage().contains("no/slash"), e.getMessage());
        assertTrue(l.calls.isEmpty());
    }

    @Test
    void badInputsOrSpecNeverReachTheBackend() {
        Leaky l = new Leaky();
        InputException missing = assertThrows(InputException.class, () -> l.apply("ok", SPEC, Inputs.empty()));
        assertEquals("token", missing.input());
        assertThrows(SpecException.class, () -> l.apply("ok", LaunchSpec.parse("""
                services:
                  web:
                    image: x
                    depends_on: [nosuch]
                """), Inputs.empty()));
        assertTrue(l.calls.isEmpty());
    }

    @Test
    void theBackendGetsTheResolvedDeploymentAndTheResultIsMaskedWithOutputs() {
        Leaky l = new Leaky();
        LaunchResult r = l.apply("ok", SPEC, inputs());
        assertEquals(1, l.calls.size());
        assertEquals("ok", l.calls.get(0).name());
        assertEquals(SPEC, l.calls.get(0).spec());
        assertEquals(SECRET, l.calls.get(0).resolved().variables().get("token"), "the backend sees the secret");
        assertEquals("leaky", r.backend());
        assertEquals("ok", r.deployment());
        assertEquals("id-web", r.outputs().get("web_id"));
        assertEquals(3, r.outputs().get("task_exit"));
        assertEquals("TOKEN=" + Secret.MASK + "\n", r.outputs().get("web_logs"));
        String all = r.toJson() + r.describe() + r + r.toolOutput() + r.toolErrors()
                + r.service("task").replicas();
        assertFalse(all.contains(SECRET), all);
        assertEquals("token " + Secret.MASK, r.service("web").reason());
        assertEquals("out " + Secret.MASK, r.toolOutput());
        assertEquals("saw " + Secret.MASK, r.service("task").replicas().get(0).reason());
    }

    @Test
    void aThrowingListenerCannotBreakTheApply() {
        Leaky l = new Leaky();
        LaunchListener bad = new LaunchListener() {
            @Override
            public void waiting(String service, String containerName, String condition) {
                throw new IllegalStateException("listener broke");
            }

            @Override
            public void finished(ServiceResult result) {
                throw new IllegalStateException("listener broke");
            }
        };
        LaunchResult r = l.apply("ok", SPEC, inputs(), bad);
        assertEquals(2, r.services().size());
        assertNotNull(l.seen);
        LaunchResult none = l.apply("ok", SPEC, inputs(), null);
        assertEquals(2, none.services().size(), "a null listener is no listener");
    }

    @Test
    void theBackendSeesWhetherTheCallerWantsTheLogsOfSucceededServices() {
        Leaky l = new Leaky();
        l.apply("ok", SPEC, inputs(), new LaunchListener() {
            @Override
            public boolean logsOfSucceeded() {
                return false;
            }
        });
        assertFalse(l.seen.logsOfSucceeded());
        l.apply("ok", SPEC, inputs(), new LaunchListener() {
            @Override
            public boolean logsOfSucceeded() {
                throw new IllegalStateException("listener broke");
            }
        });
        assertTrue(l.seen.logsOfSucceeded(), "a listener that cannot say gets the default");
        l.apply("ok", SPEC, inputs(), null);
        assertTrue(l.seen.logsOfSucceeded());
    }

    @Test
    void aPlanIsRefusedByDefaultAfterTheSameChecksAsAnApply() {
        Leaky l = new Leaky();
        assertThrows(SlipwayException.class, () -> l.plan("no/slash", SPEC, inputs()));
        assertThrows(InputException.class, () -> l.plan("ok", SPEC, Inputs.empty()));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> l.plan("ok", SPEC, inputs()));
        assertTrue(e.getMessage().contains("leaky") && e.getMessage().contains("'ok'"), e.getMessage());
        assertTrue(l.calls.isEmpty(), "a plan never launches");
    }

    @Test
    void aPlanGetsTheResolvedInputsWithSecretsMaskedAndMaskedReasons() {
        Leaky l = new Leaky() {
            @Override
            protected io.slipway.DeploymentPlan planLaunch(ResolvedDeployment d) {
                return new io.slipway.DeploymentPlan(d.name(), backend(), List.of(new io.slipway.DeploymentPlan.Change(
                        "web", io.slipway.PlanAction.REPLACE, List.of("environment.TOKEN"), "was " + SECRET)),
                        List.of(), List.of(), List.of(), List.of(), java.util.Map.of("ignored", "x"));
            }
        };
        io.slipway.DeploymentPlan p = l.plan("ok", SPEC, inputs());
        assertEquals(java.util.Map.of("token", Secret.MASK), p.inputs());
        assertEquals("was " + Secret.MASK, p.services().get(0).reason());
        assertFalse(p.toJson().contains(SECRET), p.toJson());
        assertTrue(l.calls.isEmpty());
    }
}
