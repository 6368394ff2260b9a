package com.example.slipway.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.LauncherConfigException;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import io.slipway.spec.LaunchSpec;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The echo backend is found by ServiceLoader alone and behaves as a backend must. */
class EchoLauncherTest {

    private static final String SECRET = "s3cr3t-Hunter2-value";

    private static final LaunchSpec SPEC = LaunchSpec.parse("""
            x-slipway:
              inputs:
                greeting:    {type: string, required: true}
                db_password: {type: string, secret: true, required: true}
                http_port:   {type: number, default: 8080}
              outputs:
                task_exit: {service: migrate, value: exitCode}
                web_id:    {service: web, value: containerId}
            services:
              web:
                image: slipway-test/busybox:1
                environment:
                  GREETING: ${greeting}
                  DB_URL: "postgres://app:${db_password}@db/app"
                  PORT: ${http_port}
              migrate:
                image: slipway-test/busybox:1
                command: ["sh", "-c", "echo migrated"]
                environment:
                  DB_PASSWORD: ${db_password}
                x-slipway:
                  oneshot: true
            """);

    private static Inputs inputs() {
        return Inputs.builder().put("greeting", "hello").secret("db_password", SECRET).build();
    }

    @Test
    void foundByNameThroughServiceLoader() {
        try (ContainerLauncher launcher = Launchers.open("echo")) {
            assertInstanceOf(EchoLauncher.class, launcher);
            assertEquals("echo", launcher.backend());
        }
        LauncherProvider provider = Launchers.available().stream().filter(p -> p.name().equals("echo")).findFirst()
                .orElseThrow();
        assertEquals(List.of("dry-run"), provider.aliases());
        assertEquals(List.of("fail-service", "delay"),
                provider.options().stream().map(LauncherOption::key).toList());
    }

    @Test
    void everyServiceSucceedsWithItsEnvironmentAsLogs() {
        try (ContainerLauncher launcher = Launchers.open("echo")) {
            LaunchResult r = launcher.apply("echo-ok", SPEC, inputs());
            assertTrue(r.succeeded(), r::describe);
            assertEquals("echo", r.backend());
            ServiceResult web = r.service("web");
            assertEquals("echo-echo-ok-web", web.containerId());
            assertEquals("echo-ok-web", web.containerName());
            assertNull(web.exitCode());
            assertTrue(web.logs().contains("GREETING=hello\n"), web.logs());
            assertTrue(web.logs().contains("PORT=8080\n"), web.logs());
            assertTrue(web.logs().contains("DB_URL=postgres://app:" + Secret.MASK + "@db/app\n"), web.logs());
            assertEquals(0, r.service("migrate").exitCode());
            assertEquals(0, r.outputs().get("task_exit"));
            assertEquals("echo-echo-ok-web", r.outputs().get("web_id"));
            assertEquals(0, r.deployStatusCode());
        }
    }

    @Test
    void aliasWithFailServiceReportsThatServiceFailed() {
        try (ContainerLauncher launcher = Launchers.open("dry-run?fail-service=web")) {
            LaunchResult r = launcher.apply("echo-fail", SPEC, inputs());
            assertEquals(Outcome.FAILED, r.status());
            ServiceResult web = r.service("web");
            assertEquals(Outcome.FAILED, web.outcome());
            assertEquals(3, web.exitCode());
            assertEquals("failed on request", web.reason());
            assertEquals(Outcome.SUCCEEDED, r.service("migrate").outcome());
            assertEquals(3, r.deployStatusCode());
        }
    }

    @Test
    void failServiceThatIsNotInTheSpecIsAnError() {
        try (ContainerLauncher launcher = Launchers.open("echo?fail-service=nosuch")) {
            LauncherConfigException e = assertThrows(LauncherConfigException.class,
                    () -> launcher.apply("echo-nosuch", SPEC, inputs()));
            assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("web, migrate"), e.getMessage());
        }
    }

    @Test
    void unknownOptionNamesItAndTheValidOnes() {
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> Launchers.open("echo?nope=1"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("fail-service, delay"), e.getMessage());
    }

    @Test
    void badDelayNamesTheOption() {
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> Launchers.open("echo?delay=soon"));
        assertTrue(e.getMessage().contains("'delay'") && e.getMessage().contains("soon"), e.getMessage());
    }

    @Test
    void unknownBackendListsEcho() {
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> Launchers.open("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("echo"), e.getMessage());
        assertTrue(e.getMessage().contains("dry-run"), e.getMessage());
    }

    @Test
    void missingRequiredInputFailsBeforeAnythingIsRecorded() {
        try (ContainerLauncher launcher = Launchers.open("echo")) {
            InputException e = assertThrows(InputException.class, () -> launcher.apply("echo-missing", SPEC,
                    Inputs.builder().secret("db_password", SECRET).build()));
            assertEquals("greeting", e.input());
            assertFalse(launcher.status("echo-missing").exists());
        }
    }

    @Test
    void secretNeverAppearsInTheResult() {
        try (ContainerLauncher launcher = Launchers.open("dry-run?fail-service=migrate")) {
            LaunchResult r = launcher.apply("echo-secret", SPEC, inputs());
            String json = r.toJson();
            assertFalse(json.contains(SECRET), json);
            assertFalse(r.describe().contains(SECRET), r.describe());
            assertTrue(json.contains(Secret.MASK), json);
        }
    }

    @Test
    void secretDeclaredInTheSpecIsMaskedEvenWhenPassedAsPlainValue() {
        try (ContainerLauncher launcher = Launchers.open("echo")) {
            LaunchResult r = launcher.apply("echo-plain", SPEC,
                    Inputs.builder().put("greeting", "hi").put("db_password", SECRET).build());
            assertFalse(r.toJson().contains(SECRET), r.toJson());
        }
    }

    @Test
    void statusAndDeleteSeeWhatApplyRecorded() {
        try (ContainerLauncher launcher = Launchers.open("echo")) {
            assertFalse(launcher.status("echo-life").exists());
            LaunchResult first = launcher.apply("echo-life", SPEC, inputs());
            assertTrue(first.services().stream().allMatch(ServiceResult::changed));
            LaunchResult again = launcher.apply("echo-life", SPEC, inputs());
            assertTrue(again.services().stream().noneMatch(ServiceResult::changed), "unchanged services stay");

            try (ContainerLauncher other = Launchers.open("dry-run")) {
                DeploymentStatus status = other.status("echo-life");
                assertEquals(2, status.services().size());
                DeploymentStatus.ServiceStatus web = status.services().get(0);
                assertEquals("web", web.service());
                assertEquals("running", web.state());
                assertEquals("exited", status.services().get(1).state());
                assertEquals(0, status.services().get(1).exitCode());
            }
            assertEquals(2, launcher.delete("echo-life"));
            assertFalse(launcher.status("echo-life").exists());
            assertEquals(0, launcher.delete("echo-life"));
        }
    }

    @Test
    void delayPausesApply() {
        try (ContainerLauncher launcher = Launchers.open("echo?delay=150ms")) {
            long start = System.nanoTime();
            LaunchResult r = launcher.apply("echo-delay", SPEC, inputs());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 150);
            assertTrue(r.service("web").duration().toMillis() >= 150);
        }
    }

    @Test
    void badDeploymentNameIsRejected() {
        try (ContainerLauncher launcher = Launchers.open("echo")) {
            SlipwayException e = assertThrows(SlipwayException.class, () -> launcher.apply("no/slash", SPEC, inputs()));
            assertTrue(e.getMessage().contains("no/slash"), e.getMessage());
        }
    }

    @Test
    void listenerHearsEveryServiceWaitAndFinish() {
        List<String> heard = new CopyOnWriteArrayList<>();
        LaunchListener listener = new LaunchListener() {
            @Override
            public void waiting(String service, String containerName, String condition) {
                heard.add("waiting " + service + " " + containerName + " " + condition);
            }

            @Override
            public void finished(ServiceResult result) {
                heard.add("finished " + result.describe());
            }
        };
        try (ContainerLauncher launcher = Launchers.open("echo?fail-service=migrate")) {
            launcher.apply("echo-listen", SPEC, inputs(), listener);
        }
        assertEquals(List.of("waiting web echo-listen-web running", "waiting migrate echo-listen-migrate exited [0]",
                "finished web: SUCCEEDED (echoed: running)", "finished migrate: FAILED (failed on request)"), heard);
    }
}
