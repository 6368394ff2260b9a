package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentPlan;
import io.slipway.DeploymentStatus;
import io.slipway.PlanAction;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The part of the backend contract that needs no engine: what {@link ContainerLauncher} promises whatever a backend
 * drives. A backend's test extends it and names its config string:
 *
 * <pre>{@code
 * class EchoContractTest extends LauncherContract {
 *     @Override
 *     protected String config() {
 *         return "echo";
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that bad deployment names are refused by {@code apply}, {@code status} and {@code delete}; that bad
 * inputs and a spec that cannot be resolved start nothing; that the declared outputs are read from the services'
 * results; that a secret input shows nowhere in results, reasons, logs, {@code toString()} or errors; that
 * {@code status} and {@code delete} count one container per service; that {@code suspend} and {@code resume} either
 * work or are refused as {@link ContainerLauncher#suspend} documents; and that a throwing listener breaks nothing.
 *
 * <p>It opens the backend with {@link Launchers#open(String)}, so the backend must be registered through
 * {@code META-INF/services}; nothing here needs Docker. A backend that runs containers overrides {@link #image()}
 * with an image its engine has (Slipway's own backends use {@link TestImages#busybox()}): its two services run
 * {@code sh}. Backends that need an engine extend {@link LauncherParityContract} too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LauncherContract {

    /** A value no result, reason, log or error may show. */
    private static final String SECRET = "tck-Secret-" + UUID.randomUUID();

    private ContainerLauncher launcher;
    private final List<String> deployments = new ArrayList<>();

    /** The config string of the backend under test, e.g. {@code echo}. */
    protected abstract String config();

    /**
     * The image both services of the contract's spec run: a long-running {@code web} and a one-shot {@code task},
     * each with {@code sh}. The default names an image no backend needs to find (for backends that launch nothing).
     */
    protected String image() {
        return "slipway-tck/none:1";
    }

    @BeforeAll
    void openLauncher() {
        launcher = Launchers.open(config());
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
        deployments.clear();
    }

    @AfterAll
    void closeLauncher() {
        if (launcher != null) {
            launcher.close();
        }
    }

    /** The launcher under test, opened once for the class. */
    protected final ContainerLauncher launcher() {
        return launcher;
    }

    /** A fresh deployment name, deleted after the test. */
    protected final String deployment() {
        String d = "tck-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        return d;
    }

    /** Two services (long-running {@code web}, one-shot {@code task}), a secret input, every kind of output. */
    protected final LaunchSpec spec() {
        return LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    greeting: {type: string, required: true}
                    token:    {type: string, secret: true, required: true}
                    port:     {type: number, default: 8080}
                  outputs:
                    web_id:      {service: web, value: containerId}
                    web_name:    {service: web, value: containerName}
                    web_status:  {service: web, value: status}
                    task_exit:   {service: task, value: exitCode}
                    task_logs:   {service: task, value: logs}
                services:
                  web:
                    image: %1$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo up; sleep 300 & wait"]
                    environment:
                      GREETING: ${greeting}
                      PORT: ${port}
                  task:
                    image: %1$s
                    command: ["sh", "-c", "echo greeting=$$GREETING token=$$TOKEN"]
                    environment:
                      GREETING: ${greeting}
                      TOKEN: ${token}
                    x-slipway:
                      oneshot: true
                """.formatted(image()));
    }

    private static Inputs inputs() {
        return Inputs.builder().put("greeting", "hello").secret("token", SECRET).build();
    }

    private void assertNothingStarted(String deployment) {
        DeploymentStatus status = launcher.status(deployment);
        assertFalse(status.exists(), "nothing may be started: " + status);
    }

    @Test
    void badDeploymentNamesAreRefusedNamingThem() {
        for (String bad : List.of("no/slash", "-lead", "white space", "x".repeat(64), "semi;colon", "")) {
            SlipwayException e = assertThrows(SlipwayException.class, () -> launcher.apply(bad, spec(), inputs()),
                    "apply '" + bad + "'");
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertThrows(SlipwayException.class, () -> launcher.status(bad), "status '" + bad + "'");
            assertThrows(SlipwayException.class, () -> launcher.delete(bad), "delete '" + bad + "'");
        }
    }

    @Test
    void aMissingRequiredInputStartsNothing() {
        String d = deployment();
        InputException e = assertThrows(InputException.class,
                () -> launcher.apply(d, spec(), Inputs.builder().secret("token", SECRET).build()));
        assertEquals("greeting", e.input());
        assertNothingStarted(d);
    }

    @Test
    void aMistypedOrUnknownInputStartsNothing() {
        String d = deployment();
        InputException mistyped = assertThrows(InputException.class, () -> launcher.apply(d, spec(),
                Inputs.builder().put("greeting", "hi").secret("token", SECRET).put("port", "eighty").build()));
        assertEquals("port", mistyped.input());
        InputException unknown = assertThrows(InputException.class, () -> launcher.apply(d, spec(),
                Inputs.builder().strict(true).put("greeting", "hi").secret("token", SECRET).put("nosuch", 1).build()));
        assertEquals("nosuch", unknown.input());
        assertNothingStarted(d);
    }

    @Test
    void aSpecThatCannotBeResolvedStartsNothing() {
        String d = deployment();
        String unset = "SLIPWAY_TCK_UNSET_" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        LaunchSpec spec = LaunchSpec.parse("""
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "echo never"]
                    environment:
                      NEEDED: ${%s:?must be set}
                """.formatted(image(), unset));
        SpecException e = assertThrows(SpecException.class, () -> launcher.apply(d, spec, Inputs.empty()));
        assertTrue(e.getMessage().contains(unset), e.getMessage());
        assertNothingStarted(d);
    }

    @Test
    void aBadSecretInputIsNotShownInTheError() {
        LaunchSpec spec = LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    pin: {type: number, secret: true, required: true}
                services:
                  web:
                    image: %s
                    environment:
                      PIN: ${pin}
                """.formatted(image()));
        String d = deployment();
        InputException e = assertThrows(InputException.class,
                () -> launcher.apply(d, spec, Inputs.builder().secret("pin", SECRET).build()));
        assertEquals("pin", e.input());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(String.valueOf(e).contains(SECRET), String.valueOf(e));
        assertNothingStarted(d);
    }

    @Test
    void everyServiceHasAResultInTheSpecsOrderAndOutputsAreReadFromThem() {
        String d = deployment();
        LaunchResult r = launcher.apply(d, spec(), inputs());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(d, r.deployment());
        assertEquals(launcher.backend(), r.backend());
        assertEquals(List.of("web", "task"), r.services().stream().map(ServiceResult::name).toList());
        assertEquals(0, r.deployStatusCode());
        ServiceResult web = r.service("web");
        ServiceResult task = r.service("task");
        assertEquals(web.containerId(), r.outputs().get("web_id"));
        assertEquals(web.containerName(), r.outputs().get("web_name"));
        assertEquals("SUCCEEDED", r.outputs().get("web_status"));
        assertEquals(0, task.exitCode(), task.describe());
        assertEquals(0, r.outputs().get("task_exit"));
        assertEquals(task.logs(), r.outputs().get("task_logs"));
        assertEquals(null, web.exitCode(), "a running service has no exit code");
    }

    @Test
    void aSecretShowsNowhereInTheResult() {
        for (Inputs inputs : List.of(inputs(),
                // declared secret in the spec, passed as a plain value
                Inputs.builder().put("greeting", "hello").put("token", SECRET).build())) {
            LaunchResult r = launcher.apply(deployment(), spec(), inputs);
            String shown = String.join("\n", r.toJson(), r.describe(), r.toString(), r.deployStdout(), r.deployStderr(),
                    String.valueOf(r.toMap()), String.valueOf(r.outputs()));
            for (ServiceResult s : r.services()) {
                shown += "\n" + s + "\n" + s.reason() + "\n" + s.logs() + "\n" + s.describe();
            }
            assertFalse(shown.contains(SECRET), shown);
            assertTrue(shown.contains(Secret.MASK), "a masked secret shows as " + Secret.MASK + ": " + shown);
        }
    }

    @Test
    void statusAndDeleteCountOneContainerPerService() {
        String d = deployment();
        assertFalse(launcher.status(d).exists());
        assertEquals(0, launcher.delete(d), "deleting what does not exist removes nothing");
        LaunchResult r = launcher.apply(d, spec(), inputs());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        DeploymentStatus status = launcher.status(d);
        assertTrue(status.exists());
        assertEquals(d, status.deployment());
        assertEquals(launcher.backend(), status.backend());
        assertEquals(List.of("task", "web"), status.services().stream().map(DeploymentStatus.ServiceStatus::service)
                .sorted().toList(), status.toString());
        assertEquals(2, launcher.delete(d));
        assertFalse(launcher.status(d).exists(), "delete removes everything");
        assertEquals(0, launcher.delete(d), "a second delete removes nothing");
    }

    @Test
    void suspendAndResumeWorkOrAreRefusedAsDocumented() {
        String d = deployment();
        LaunchResult r = launcher.apply(d, spec(), inputs());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        int stopped;
        try {
            stopped = launcher.suspend(d);
        } catch (UnsupportedOperationException e) {
            assertRefusal(e, d);
            assertRefusal(assertThrows(UnsupportedOperationException.class, () -> launcher.resume(d)), d);
            return;
        }
        assertEquals(1, stopped, "suspend stops the running service, not the task that exited");
        assertEquals(1, launcher.resume(d), "resume starts the service again, not the task");
        assertEquals(0, launcher.suspend(deployment()), "nothing to stop in an unknown deployment");
    }

    private void assertRefusal(UnsupportedOperationException e, String deployment) {
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(launcher.backend()) && e.getMessage().contains(deployment),
                "the refusal names the backend and the deployment: " + e.getMessage());
    }

    /**
     * A plan starts nothing, shows no secret and masks secret inputs; invalid input fails it as it fails an apply. A
     * backend that cannot plan refuses as documented ({@link ContainerLauncher#plan}).
     */
    @Test
    void aPlanStartsNothingAndShowsNoSecret() {
        String d = deployment();
        DeploymentPlan p;
        try {
            p = launcher.plan(d, spec(), inputs());
        } catch (UnsupportedOperationException e) {
            assertRefusal(e, d);
            assertNothingStarted(d);
            return;
        }
        assertNothingStarted(d);
        assertEquals(d, p.deployment());
        assertEquals(launcher.backend(), p.backend());
        assertEquals(List.of("web", "task"), p.services().stream().map(DeploymentPlan.Change::name).toList(),
                p.describe());
        assertTrue(p.services().stream().allMatch(c -> c.action() == PlanAction.CREATE), p.describe());
        assertTrue(p.changes(), p.describe());
        assertEquals(Secret.MASK, p.inputs().get("token"), p.describe());
        assertEquals("hello", p.inputs().get("greeting"), p.describe());
        String shown = String.join("\n", p.toJson(), p.describe(), p.toString(), String.valueOf(p.toMap()));
        assertFalse(shown.contains(SECRET), shown);
        assertThrows(InputException.class, () -> launcher.plan(d, spec(), Inputs.builder().secret("token", SECRET)
                .build()));
        assertThrows(SlipwayException.class, () -> launcher.plan("bad name", spec(), inputs()));
        assertNothingStarted(d);
    }

    @Test
    void aListenerHearsEveryServiceFinishOnceAndOneThatThrowsBreaksNothing() {
        Map<String, List<ServiceResult>> heard = new ConcurrentHashMap<>();
        LaunchResult r = launcher.apply(deployment(), spec(), inputs(), new LaunchListener() {
            @Override
            public void waiting(String service, String containerName, String condition) {
                throw new IllegalStateException("a listener that throws");
            }

            @Override
            public void finished(ServiceResult result) {
                heard.computeIfAbsent(result.name(), k -> new ArrayList<>()).add(result);
                throw new IllegalStateException("a listener that throws");
            }
        });
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        for (ServiceResult s : r.services()) {
            List<ServiceResult> told = heard.get(s.name());
            if (told == null || told.size() != 1) {
                fail("service " + s.name() + " finished " + (told == null ? 0 : told.size()) + " times: " + heard);
            }
            assertEquals(s.outcome(), told.get(0).outcome());
        }
        assertFalse(heard.values().stream().flatMap(List::stream).anyMatch(s -> String.valueOf(s).contains(SECRET)),
                "the listener is told nothing secret");
    }
}
