package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.engine.Labels;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.ConfigDigests;
import io.slipway.wait.ContainerState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one decision an atomic apply and its plan both make: run command, hash, and what happens to container NAME. */
class LaunchDecisionTest {

    private static final String IMAGE_ID = "sha256:aaaa";
    /** The network every service of a spec without networks joins. */
    private static final Map<String, String> DEFAULT = Map.of("default", "d_default");
    private static final HostIdentity HOST = new HostIdentity("0", "0");

    private static ResolvedSpec spec(String body, Inputs inputs) {
        return LaunchSpec.parse("""
                x-slipway:
                  inputs:
                    token: {type: string, secret: true, default: one}
                services:
                  web:
                    image: acme/web:1
                """ + body, Path.of("/specs"), "t.yaml").resolve(inputs);
    }

    private static Substitution sub(String name) {
        return Substitution.forService(name, "acme/web:1", ServiceOptions.DEFAULTS, "/specs", HOST, false);
    }

    private static RunCommand defaultRun(ResolvedSpec spec, Map<String, String> networks, int replica, String name) {
        ServiceSpec s = spec.service("web");
        LaunchDecision.DefaultRunFacts f = new LaunchDecision.DefaultRunFacts("d", spec, s, ServiceOptions.of(s),
                IMAGE_ID, ServiceEnvironment.of(spec, s), networks, Map.of(), List.of(), false);
        return LaunchDecision.defaultRun(f, sub(name), name, sub("d-web"), "d-web", replica);
    }

    private static final String BODY = """
                command: ["sh", "-c", "echo one"]
                environment:
                  TOKEN: ${token}
            """;

    @Test
    void noContainerIsCreatedAndOneOfTheSameCommandAndImageIsKept() {
        assertEquals(LaunchDecision.Verdict.CREATE, LaunchDecision.decide("d", null, null, "h1", IMAGE_ID));
        var mine = new LaunchDecision.Existing("d", "h1", null, IMAGE_ID);
        assertEquals(LaunchDecision.Verdict.KEEP, LaunchDecision.decide("d", mine, null, "h1", IMAGE_ID));
        assertEquals(LaunchDecision.Verdict.REPLACE, LaunchDecision.decide("d", mine, null, "h2", IMAGE_ID));
        assertEquals(LaunchDecision.Verdict.REPLACE, LaunchDecision.decide("d", mine, null, "h1", "sha256:bbbb"),
                "a new image under the same tag replaces it");
        assertEquals(LaunchDecision.Verdict.REPLACE, LaunchDecision.decide("d", mine, null, "h1",
                AtomicPlanner.UNKNOWN_IMAGE), "an image pulled first is only known then");
    }

    @Test
    void aRunLabelsContainerIsJudgedByTheRecordAndAForeignOneIsLeftAlone() {
        var unlabelled = new LaunchDecision.Existing(null, null, null, IMAGE_ID);
        assertEquals(LaunchDecision.Verdict.FOREIGN, LaunchDecision.decide("d", unlabelled, null, "h1", IMAGE_ID),
                "no record of running it and not the deployment's label: not ours");
        assertEquals(LaunchDecision.Verdict.KEEP, LaunchDecision.decide("d", unlabelled, "h1", "h1", IMAGE_ID));
        assertEquals(LaunchDecision.Verdict.REPLACE, LaunchDecision.decide("d", unlabelled, "h0", "h1", IMAGE_ID));
        var other = new LaunchDecision.Existing("e", "h1", null, IMAGE_ID);
        assertEquals(LaunchDecision.Verdict.FOREIGN, LaunchDecision.decide("d", other, null, "h1", IMAGE_ID));
        var labelled = new LaunchDecision.Existing("d", "h1", null, IMAGE_ID);
        assertEquals(LaunchDecision.Verdict.REPLACE, LaunchDecision.decide("d", labelled, "h0", "h1", IMAGE_ID),
                "the record's hash wins over the label's");
    }

    @Test
    void aKeptContainerIsStartedAgainUnlessRunningOrATaskThatSucceeded() {
        ResolvedSpec plain = spec(BODY, Inputs.empty());
        ResolvedSpec task = spec(BODY + "    x-slipway: {oneshot: true}\n", Inputs.empty());
        assertFalse(LaunchDecision.startAgain(plain.service("web"), state(ContainerState.Status.RUNNING, null)));
        assertTrue(LaunchDecision.startAgain(plain.service("web"), state(ContainerState.Status.EXITED, 0)));
        assertFalse(LaunchDecision.startAgain(task.service("web"), state(ContainerState.Status.EXITED, 0)));
        assertTrue(LaunchDecision.startAgain(task.service("web"), state(ContainerState.Status.EXITED, 1)));
    }

    private static ContainerState state(ContainerState.Status status, Integer exit) {
        return new ContainerState(status, exit, ContainerState.Health.NONE, null, null, null);
    }

    @Test
    void theDigestsLabelIsOutsideTheHashSoContainersOfEarlierVersionsAreKept() {
        ResolvedSpec spec = spec(BODY, Inputs.empty());
        ServiceSpec s = spec.service("web");
        RunCommand l = defaultRun(spec, DEFAULT, 0, "d-web");
        // The hash as atomic computed it before it wrote digests: over the command with Slipway's three labels.
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.DEPLOYMENT, "d");
        labels.put(Labels.SERVICE, "web");
        labels.put(Labels.BACKEND, AtomicProvider.NAME);
        Map<String, String> env = ServiceEnvironment.of(spec, s);
        List<String> plain = DefaultRunCommand.argv(s, sub("d-web"), false, false, DefaultRunCommand.serviceOptions("d",
                spec, s, DEFAULT, Map.of(), env.keySet(), labels, List.of()));
        assertEquals(Hashes.of("run-default", IMAGE_ID, plain, env), l.hash());
        assertTrue(l.argv().contains(Labels.CONFIG_DIGESTS + "=" + ConfigDigests.encode(l.digests())), l.argv().toString());
        assertTrue(l.argv().contains(Labels.CONFIG_HASH + "=" + l.hash()), l.argv().toString());
        assertFalse(l.toString().contains("one"), "no environment value in toString: " + l);
    }

    @Test
    void aChangedSecretOrCommandChangesTheHashAndItsDigestNamesTheSettingNotTheValue() {
        RunCommand before = defaultRun(spec(BODY, Inputs.empty()), DEFAULT, 0, "d-web");
        RunCommand secret = defaultRun(spec(BODY, Inputs.builder().secret("token", "s3cret-two").build()), DEFAULT, 0,
                "d-web");
        assertNotEquals(before.hash(), secret.hash());
        assertEquals(List.of("environment.TOKEN"), ConfigDigests.changed(before.digests(), secret.digests()));
        assertFalse(ConfigDigests.encode(secret.digests()).contains("s3cret-two"));
        RunCommand command = defaultRun(spec(BODY.replace("echo one", "echo two"), Inputs.empty()), DEFAULT, 0,
                "d-web");
        assertEquals(List.of("command"), ConfigDigests.changed(before.digests(), command.digests()));
    }

    @Test
    void replicasHashAsTheSingleContainerSoANewCountKeepsThem() {
        ResolvedSpec spec = spec(BODY, Inputs.empty());
        RunCommand single = defaultRun(spec, DEFAULT, 0, "d-web");
        RunCommand second = defaultRun(spec, DEFAULT, 2, "d-web-2");
        assertEquals(single.hash(), second.hash());
        assertTrue(second.argv().contains("d-web-2"), second.argv().toString());
        assertTrue(second.argv().contains(Labels.REPLICA + "=2"), second.argv().toString());
    }

    @Test
    void aMissingNetworkLeavesNoCommand() {
        ResolvedSpec spec = spec(BODY + "    networks: [back]\nnetworks:\n  back: {}\n", Inputs.empty());
        assertNull(defaultRun(spec, Map.of(), 0, "d-web"));
        RunCommand l = defaultRun(spec, Map.of("back", "d_back"), 0, "d-web");
        assertTrue(l.argv().stream().anyMatch(a -> a.contains("d_back")), l.argv().toString());
        RunCommand renamed = defaultRun(spec, Map.of("back", "e_back"), 0, "d-web");
        assertEquals(List.of("networks"), ConfigDigests.changed(l.digests(), renamed.digests()));
    }

    @Test
    void aRunLabelTakesRunOptsAndTheCommandAndNamesRunOptsWhenItChanges() {
        ResolvedSpec spec = spec(BODY, Inputs.empty());
        ServiceSpec s = spec.service("web");
        AtomicLabels labels = new AtomicLabels("docker run --rm IMAGE install", "docker run -d --name NAME $RUN_OPTS IMAGE",
                null, null, "/etc/${NAME}.opts");
        Substitution sub = sub("d-web");
        String file = LaunchDecision.runOptsFile(labels, sub);
        assertEquals("/etc/d-web.opts", file);
        Map<String, String> env = ServiceEnvironment.of(spec, s);
        RunCommand absent = LaunchDecision.labelRun(s, IMAGE_ID, labels, sub, env, file, null);
        assertEquals(List.of("docker", "run", "-d", "--name", "d-web", "acme/web:1", "sh", "-c", "echo one"),
                absent.argv());
        RunCommand given = LaunchDecision.labelRun(s, IMAGE_ID, labels, sub, env, file, "-p 80:80 -e 'A=b c'\n");
        assertEquals(List.of("docker", "run", "-d", "--name", "d-web", "-p", "80:80", "-e", "A=b c", "acme/web:1", "sh",
                "-c", "echo one"), given.argv());
        assertNotEquals(absent.hash(), given.hash());
        assertEquals(List.of("runOpts"), ConfigDigests.changed(absent.digests(), given.digests()));
        assertEquals(given.hash(), LaunchDecision.labelRun(s, IMAGE_ID, labels, sub, env, file, "-p 80:80 -e 'A=b c'\n")
                .hash(), "the same facts give the same hash");
    }

    @Test
    void theInstallHashFollowsTheImageAndTheCommandsVariables() {
        ResolvedSpec spec = spec(BODY, Inputs.empty());
        AtomicLabels labels = new AtomicLabels("docker run --rm IMAGE install $OPT1", null, null, null, null);
        Map<String, String> env = ServiceEnvironment.of(spec, spec.service("web"));
        Substitution sub = sub("d-web");
        List<String> argv = LaunchDecision.installArgv(labels, sub);
        assertEquals(List.of("docker", "run", "--rm", "acme/web:1", "install"), argv);
        String hash = LaunchDecision.installHash(IMAGE_ID, argv, LaunchDecision.labelEnvironment(env, sub));
        assertNotEquals(hash, LaunchDecision.installHash("sha256:bbbb", argv, LaunchDecision.labelEnvironment(env, sub)));
        Substitution other = Substitution.forService("d-web", "acme/web:1", new ServiceOptions(true, true, false,
                java.util.Arrays.asList(Substitution.Value.of("x"), null, null)), "/specs", HOST, false);
        List<String> withOpt = LaunchDecision.installArgv(labels, other);
        assertNotEquals(hash, LaunchDecision.installHash(IMAGE_ID, withOpt, LaunchDecision.labelEnvironment(env, other)));
    }
}
