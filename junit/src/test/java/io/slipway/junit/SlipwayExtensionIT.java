package io.slipway.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import io.slipway.testsupport.AgentImages;
import io.slipway.testsupport.SwarmMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension run the way users run it: inner test classes executed by the real Jupiter engine (EngineTestKit)
 * against the real engine, each recording what it saw; this class checks what the engine holds before and after.
 * The inner classes are not run on their own (surefire and failsafe skip nested classes).
 */
class SlipwayExtensionIT {

    static final String WEB = "classpath:io/slipway/junit/web.yaml";
    static final String SLEEPER = "classpath:io/slipway/junit/sleeper.yaml";
    static final String FAILING = "classpath:io/slipway/junit/failing.yaml";
    static final String DEAD_ENGINE = "unix:///tmp/slipway-junit-no-engine.sock";

    /** What the inner classes saw, by key; cleared before each test here. */
    static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

    static void record(String key, String value) {
        SEEN.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    static List<String> seen(String key) {
        return SEEN.getOrDefault(key, List.of());
    }

    @BeforeAll
    static void image() {
        TestImages.busybox();
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    // ---- the test classes the engine runs ----

    @SlipwayDeployment(spec = WEB, inputs = "greeting=hello there")
    static class ClassLevel {
        @Deployed
        Deployment injected;

        @Test
        void injectsTheDeploymentItsResultAndPorts(Deployment d, LaunchResult result) throws Exception {
            assertEquals(d.result(), result);
            assertTrue(injected == d, "the null @Deployed field is given the class's deployment");
            String id = d.containerId("web");
            Map<String, Object> inspect = TestEngine.inspectRaw(id);
            assertEquals(id, inspect.get("Id"), "the container id is the engine's");
            assertEquals("/" + d.containerName("web"), inspect.get("Name"));
            assertTrue(String.valueOf(((Map<?, ?>) inspect.get("Config")).get("Env")).contains("GREETING=hello there"),
                    "the inputs reached the container");
            assertEquals(id, d.output("web_id"), "the spec's outputs");
            assertEquals(TestImages.INDEX_HTML, get(d.hostPort("web", 8080)), "the mapped host port answers");
            IllegalArgumentException noPort = assertThrows(IllegalArgumentException.class, () -> d.hostPort("web", 9999));
            assertTrue(noPort.getMessage().contains("no host port for 9999/tcp"), noPort.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.service("nope"));
            record("classlevel", d.name() + " " + id);
        }

        @Test
        void secondTestSameDeployment(Deployment d) {
            record("classlevel", d.name() + " " + d.containerId("web"));
        }
    }

    @Slipway
    static class FieldForms {
        @Deployed
        static Deployment perClass = Deployment.of(SLEEPER).namePrefix("jfield");
        @Deployed
        Deployment perTest = Deployment.of(SLEEPER).namePrefix("jfield");

        @Test
        void one() {
            recordBoth();
        }

        @Test
        void two() {
            recordBoth();
        }

        private void recordBoth() {
            record("perClass", perClass.name() + " " + perClass.containerId("app"));
            record("perTest", perTest.name() + " " + perTest.containerId("app"));
        }
    }

    /** A superclass's static field: one deployment for every subclass in the run. */
    abstract static class SharedBase {
        @Deployed
        static Deployment base = Deployment.of(SLEEPER);
    }

    @SlipwayDeployment(spec = SLEEPER, shared = "jdb")
    static class SharedA extends SharedBase {
        @Test
        void sees(Deployment d) {
            recordShared(d);
        }
    }

    @SlipwayDeployment(spec = SLEEPER, shared = "jdb")
    static class SharedB extends SharedBase {
        @Test
        void sees(Deployment d) {
            recordShared(d);
        }
    }

    static void recordShared(Deployment d) {
        assertEquals("running", ((Map<?, ?>) TestEngine.inspectRaw(d.containerId("app")).get("State")).get("Status"));
        record("shared", d.name() + " " + d.containerId("app"));
        record("base", SharedBase.base.name() + " " + SharedBase.base.containerId("app"));
    }

    @SlipwayDeployment(spec = SLEEPER)
    static class TestsFail {
        @Deployed
        Deployment perTest = Deployment.of(SLEEPER);

        @Test
        void failsOnPurpose(Deployment d) {
            record("testsfail", d.name() + " " + d.containerId("app"));
            record("testsfail", perTest.name() + " " + perTest.containerId("app"));
            throw new AssertionError("on purpose");
        }

        @Nested
        class Inner {
            @Test
            void seesTheOuterDeployments(Deployment d) {
                record("nested", d.name() + " " + d.containerId("app"));
                record("nested-field", perTest.name());
            }
        }
    }

    @SlipwayDeployment(spec = FAILING)
    static class Failing {
        @Test
        void neverRuns() {
            record("failing-ran", "yes");
        }
    }

    @SlipwayDeployment(spec = SLEEPER, keep = true)
    static class Kept {
        @Test
        void sees(Deployment d) {
            record("kept", d.name());
        }
    }

    @SlipwayDeployment(spec = SLEEPER, backend = "docker-run:" + DEAD_ENGINE, disabledWithoutEngine = true)
    static class NoEngine {
        @Test
        void neverRuns() {
            record("noengine-ran", "yes");
        }
    }

    @SlipwayDeployment(spec = SLEEPER, backend = "docker-run:" + DEAD_ENGINE)
    static class NoEngineNotDisabled {
        @Test
        void neverRuns() {
            record("noengine-ran", "yes");
        }
    }

    @SlipwayDeployment(spec = WEB, backend = "compose")
    static class OnCompose {
        @Test
        void reachesTheServiceThroughCompose(Deployment d) throws Exception {
            assertEquals("compose", d.result().backend());
            assertEquals(d.containerId("web"), TestEngine.inspectRaw(d.containerId("web")).get("Id"));
            assertEquals(TestImages.INDEX_HTML, get(d.hostPort("web", 8080)));
            record("compose", d.name() + " " + d.containerId("web"));
        }
    }

    @SlipwayDeployment(spec = WEB, backend = "swarm")
    static class OnSwarm {
        @Test
        void reachesTheServiceOnASwarm(Deployment d) throws Exception {
            assertEquals("swarm", d.result().backend());
            assertEquals(TestImages.INDEX_HTML, get(d.hostPort("web", 8080)));
            record("swarm", d.name() + " " + d.containerId("web"));
        }
    }

    /** The agent {@link OnAtomic} bootstraps (the test agent image, privileged), removed after the test. */
    static final String ATOMIC_AGENT = "slipway-junit-agent";

    @SlipwayDeployment(spec = WEB, backend = "atomic?agent-image=" + AgentImages.AGENT + "&privileged-agent=true"
            + "&agent-name=" + ATOMIC_AGENT)
    static class OnAtomic {
        @Test
        void reachesTheServiceThroughTheAgent(Deployment d) throws Exception {
            assertEquals("atomic", d.result().backend());
            assertEquals(d.containerId("web"), TestEngine.inspectRaw(d.containerId("web")).get("Id"));
            assertEquals(TestImages.INDEX_HTML, get(d.hostPort("web", 8080)));
            record("atomic", d.name() + " " + d.containerId("web"));
        }
    }

    @SlipwayDeployment(spec = SLEEPER, shared = "jpar")
    abstract static class ParallelBase {
        @Test
        void sees(Deployment shared) {
            record("par-shared", shared.name());
        }
    }

    static class ParallelA extends ParallelBase {
        @Deployed
        static Deployment mine = Deployment.of(SLEEPER);

        @Test
        void own() {
            record("par-own", mine.name());
        }
    }

    static class ParallelB extends ParallelBase {
        @Deployed
        static Deployment mine = Deployment.of(SLEEPER);

        @Test
        void own() {
            record("par-own", mine.name());
        }
    }

    static class ParallelC extends ParallelBase {
        @Deployed
        static Deployment mine = Deployment.of(SLEEPER);

        @Test
        void own() {
            record("par-own", mine.name());
        }
    }

    // ---- the checks ----

    @Test
    void aClassDeploymentIsInjectedAndDeletedAfterTheClass() {
        assertAllPassed(run(false, ClassLevel.class), 2);
        List<String> seen = seen("classlevel");
        assertEquals(2, seen.size());
        assertEquals(1, new HashSet<>(seen).size(), "one deployment for the class: " + seen);
        String[] nameAndId = seen.get(0).split(" ");
        assertTrue(nameAndId[0].startsWith("junit-classlevel-"), nameAndId[0]);
        assertGone(nameAndId[0], nameAndId[1]);
    }

    @Test
    void aStaticFieldIsOnePerClassAnInstanceFieldOnePerTest() {
        assertAllPassed(run(false, FieldForms.class), 2);
        assertEquals(1, new HashSet<>(seen("perClass")).size(), "static: one deployment " + seen("perClass"));
        assertEquals(2, new HashSet<>(seen("perTest")).size(), "instance: one per test " + seen("perTest"));
        for (String s : concat(seen("perClass"), seen("perTest"))) {
            assertTrue(s.startsWith("jfield-fieldforms-"), s);
            assertGone(s.split(" ")[0], s.split(" ")[1]);
        }
    }

    @Test
    void aSharedDeploymentIsStartedOncePerRunAndDeletedAtItsEnd() {
        assertAllPassed(run(false, SharedA.class, SharedB.class), 2);
        for (String key : List.of("shared", "base")) {
            List<String> seen = seen(key);
            assertEquals(2, seen.size(), key + ": " + seen);
            assertEquals(1, new HashSet<>(seen).size(), key + ": one deployment for both classes " + seen);
            assertGone(seen.get(0).split(" ")[0], seen.get(0).split(" ")[1]);
        }
        assertTrue(seen("shared").get(0).startsWith("junit-jdb-"), seen("shared").toString());
        assertNotEquals(seen("shared").get(0), seen("base").get(0));
    }

    @Test
    void deploymentsAreDeletedWhenTestsFailAndNestedClassesSeeTheOuterOnes() {
        EngineExecutionResults results = run(false, TestsFail.class);
        assertEquals(1, results.testEvents().failed().count(), "the failing test fails");
        assertEquals(1, results.testEvents().succeeded().count(), "the nested test passes");
        List<String> seen = seen("testsfail");
        assertEquals(2, seen.size(), seen.toString());
        assertEquals(seen.get(0).split(" ")[0], seen("nested").get(0).split(" ")[0], "the nested class sees the class's");
        assertNotEquals(seen.get(1).split(" ")[0], seen("nested-field").get(0), "the outer instance field, per test");
        for (String s : concat(seen, seen("nested"))) {
            assertGone(s.split(" ")[0], s.split(" ")[1]);
        }
    }

    @Test
    void aFailedDeploymentFailsTheClassWithTheDiagnosisAndIsDeleted() {
        EngineExecutionResults results = run(false, Failing.class);
        assertTrue(seen("failing-ran").isEmpty(), "no test runs against a failed deployment");
        List<Event> failed = results.containerEvents().failed().list();
        assertEquals(1, failed.size(), "the class fails");
        Throwable t = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertTrue(t instanceof DeploymentFailedException, t.toString());
        String message = t.getMessage();
        assertTrue(message.contains("migrate: FAILED"), message);
        assertTrue(message.contains("code 3"), message);
        assertTrue(message.contains("migration step 7 broke"), "the log tail: " + message);
        Matcher m = Pattern.compile("deployment '([^']+)'").matcher(message);
        assertTrue(m.find(), message);
        try (ContainerLauncher launcher = Launchers.open("docker-run")) {
            assertFalse(launcher.status(m.group(1)).exists(), "the failed deployment was deleted");
        }
    }

    @Test
    void keepLeavesTheDeploymentForALook() {
        assertAllPassed(run(false, Kept.class), 1);
        String name = seen("kept").get(0);
        try (ContainerLauncher launcher = Launchers.open("docker-run")) {
            try {
                assertTrue(launcher.status(name).exists(), "kept after the class");
            } finally {
                launcher.delete(name);
            }
        }
    }

    @Test
    void withoutAnEngineTheClassIsSkippedNamingTheEngineOrFails() {
        EngineExecutionResults skipped = run(false, NoEngine.class);
        List<Event> events = skipped.containerEvents().skipped().list();
        assertEquals(1, events.size());
        String reason = events.get(0).getPayload(String.class).orElse("");
        assertTrue(reason.contains(DEAD_ENGINE), reason);
        assertTrue(reason.startsWith("no engine answers for backend 'docker-run[...]': "), reason);

        EngineExecutionResults failed = run(false, NoEngineNotDisabled.class);
        assertEquals(1, failed.containerEvents().failed().count(), "without disabledWithoutEngine the class fails");
        assertTrue(seen("noengine-ran").isEmpty());
    }

    @Test
    void composeBackend() {
        assertAllPassed(run(false, OnCompose.class), 1);
        String[] nameAndId = seen("compose").get(0).split(" ");
        assertGone(nameAndId[0], nameAndId[1]);
    }

    @Test
    void atomicBackend() {
        AgentImages.agent();
        try {
            assertAllPassed(run(false, OnAtomic.class), 1);
            String[] nameAndId = seen("atomic").get(0).split(" ");
            assertGone(nameAndId[0], nameAndId[1]);
        } finally {
            try {
                TestEngine.client().removeContainerCmd(ATOMIC_AGENT).withForce(true).exec();
            } catch (NotFoundException e) {
                // the class never got as far as its agent
            }
        }
    }

    @Test
    void swarmBackend() {
        // A swarm only for this test: CI's engine is in no swarm, and the swarm module's tests leave the one they made.
        try (SwarmMode.Manager swarm = SwarmMode.manager();
                ContainerLauncher launcher = Launchers.open("swarm")) {
            assertAllPassed(run(false, OnSwarm.class), 1);
            assertFalse(launcher.status(seen("swarm").get(0).split(" ")[0]).exists(), "deleted");
        }
    }

    @Test
    void parallelClassesGetTheirOwnNamesAndStartASharedOneOnce() {
        assertAllPassed(run(true, ParallelA.class, ParallelB.class, ParallelC.class), 6);
        assertEquals(3, seen("par-shared").size());
        assertEquals(1, new HashSet<>(seen("par-shared")).size(), "one shared deployment " + seen("par-shared"));
        assertEquals(3, new HashSet<>(seen("par-own")).size(), "each class its own " + seen("par-own"));
        try (ContainerLauncher launcher = Launchers.open("docker-run")) {
            for (String name : concat(seen("par-shared"), seen("par-own"))) {
                assertFalse(launcher.status(name).exists(), name + " deleted");
            }
        }
    }

    // ---- helpers ----

    private static EngineExecutionResults run(boolean parallel, Class<?>... classes) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter");
        if (parallel) {
            kit.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        }
        DiscoverySelector[] selectors = new DiscoverySelector[classes.length];
        for (int i = 0; i < classes.length; i++) {
            selectors[i] = selectClass(classes[i]);
        }
        return kit.selectors(selectors).execute();
    }

    private static void assertAllPassed(EngineExecutionResults results, int tests) {
        List<String> problems = new ArrayList<>();
        results.allEvents().failed().stream().forEach(e -> problems.add(e.getTestDescriptor().getDisplayName() + ": "
                + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString)
                        .orElse("?")));
        results.allEvents().skipped().stream().forEach(e -> problems.add(e.getTestDescriptor().getDisplayName()
                + " skipped: " + e.getPayload(String.class).orElse("")));
        assertEquals(List.of(), problems);
        assertEquals(tests, results.testEvents().succeeded().count(), "tests that passed");
    }

    private static void assertGone(String deployment, String containerId) {
        assertNotNull(containerId);
        assertThrows(NotFoundException.class, () -> TestEngine.client().inspectContainerCmd(containerId).exec(),
                "container of " + deployment + " deleted");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return Collections.unmodifiableList(all);
    }

    static String get(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
