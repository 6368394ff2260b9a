package io.slipway.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * What the extension refuses before it opens any backend: errors name the bad value and what would be valid. No
 * engine is needed (each case fails before a launcher is opened).
 */
class SlipwayExtensionTest {

    @SlipwayDeployment(spec = "classpath:io/slipway/junit/sleeper.yaml", inputs = "no-equals-sign")
    static class BadInput {
        @Test
        void t() {
        }
    }

    @SlipwayDeployment(spec = "classpath:io/slipway/junit/sleeper.yaml", timeout = "soon")
    static class BadTimeout {
        @Test
        void t() {
        }
    }

    @SlipwayDeployment(spec = "no/such/spec.yaml")
    static class MissingSpec {
        @Test
        void t() {
        }
    }

    @Slipway
    static class NullFieldWithoutClassDeployment {
        @Deployed
        static Deployment nothing;

        @Test
        void t() {
        }
    }

    @Slipway
    static class WrongFieldType {
        @Deployed
        static String notADeployment = "x";

        @Test
        void t() {
        }
    }

    @Slipway
    static class ParameterWithoutDeployment {
        @Test
        void t(Deployment d) {
        }
    }

    @Test
    void aBadInputNamesItAndTheForm() {
        assertClassFails(BadInput.class, "bad input 'no-equals-sign' in @SlipwayDeployment on "
                + BadInput.class.getName() + ": write name=value");
    }

    @Test
    void aBadTimeoutNamesItAndExamples() {
        assertClassFails(BadTimeout.class, "bad timeout 'soon' in @SlipwayDeployment");
    }

    @Test
    void aMissingSpecNamesTheFileAndTheResourceLookedFor() {
        String message = assertClassFails(MissingSpec.class, "no spec 'no/such/spec.yaml'");
        assertTrue(message.contains("no class-path resource 'no/such/spec.yaml'"), message);
    }

    @Test
    void aNullFieldNeedsTheClassDeployment() {
        assertClassFails(NullFieldWithoutClassDeployment.class, "has no @SlipwayDeployment to give it");
    }

    @Test
    void aDeployedFieldMustBeADeployment() {
        assertClassFails(WrongFieldType.class, "declare it as io.slipway.junit.Deployment");
    }

    @Test
    void aParameterWithoutADeploymentSaysHowToDeclareOne() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(
                ParameterWithoutDeployment.class)).execute();
        List<Event> failed = r.testEvents().failed().list();
        assertEquals(1, failed.size());
        String message = throwable(failed.get(0)).getMessage();
        assertTrue(message.contains("no deployment is started"), message);
        assertTrue(message.contains("@SlipwayDeployment"), message);
    }

    @Test
    void aDeclarationIsImmutableAndReadsNothingBeforeItStarts() {
        Deployment base = Deployment.of("web.yaml");
        Deployment changed = base.backend("compose").input("a", 1).inputs("b=2=3").secret("pw", "Sekr3t")
                .namePrefix("x").keep(true).timeout(Duration.ofSeconds(30)).shared("db");
        assertEquals(Declaration.of("web.yaml"), base.declaration(), "the original is unchanged");
        Declaration d = changed.declaration();
        assertEquals("compose", d.backend());
        assertEquals("2=3", d.inputs().get("b"), "the value is everything after the first '='");
        assertEquals(Duration.ofSeconds(30), d.timeout());
        assertTrue(d.keep());
        assertEquals("db", d.shared());
        assertFalse(changed.toString().contains("Sekr3t"), changed.toString());
        Deployment plain = Deployment.of("web.yaml").inputs("db_password=Pl4inSekr3t")
                .backend("docker-run:tcp://admin:Passw0rd@host:2376");
        assertFalse(plain.toString().contains("Pl4inSekr3t"), "a value may be a secret by the spec's declaration");
        assertFalse(plain.toString().contains("Passw0rd"), plain.toString());
        assertTrue(plain.toString().contains("on docker-run[...]"), plain.toString());
        assertFalse(changed.isStarted());
        IllegalStateException e = assertThrows(IllegalStateException.class, changed::name);
        assertTrue(e.getMessage().contains("is not started"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> changed.hostPort("web", 80));
    }

    @Test
    void badDeclarationsAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Deployment.of(" ")).getMessage()
                .contains("needs a spec"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Deployment.of("s").namePrefix("Bad Prefix"))
                .getMessage().contains("bad deployment name prefix 'Bad Prefix'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Deployment.of("s").shared("a/b"))
                .getMessage().contains("bad shared deployment name 'a/b'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Deployment.of("s").timeout(Duration.ZERO))
                .getMessage().contains("give a positive duration"));
    }

    @Test
    void namesAreValidAndUniqueEvenForLongClassNames() {
        String a = Names.next("junit", "AVeryLongTestClassNameThatGoesOnAndOnIT");
        String b = Names.next("junit", "AVeryLongTestClassNameThatGoesOnAndOnIT");
        assertNotEquals(a, b);
        assertTrue(a.matches("junit-averylongtestclassnameth-\\d+-[0-9a-f]{6}"), a);
        assertTrue(a.length() <= 63, a);
        assertTrue(Names.next("junit", "$1").matches("junit-1-\\d+-[0-9a-f]{6}"));
    }

    private static String assertClassFails(Class<?> c, String expected) {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(c)).execute();
        assertEquals(0, r.testEvents().started().count(), "no test runs");
        List<Event> failed = r.containerEvents().failed().list();
        assertEquals(1, failed.size(), "the class fails");
        String message = throwable(failed.get(0)).getMessage();
        assertTrue(message.contains(expected), message);
        return message;
    }

    private static Throwable throwable(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }
}
