package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ContainerLauncher;
import io.slipway.DeploymentLockedException;
import io.slipway.DeploymentStatus;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ProjectNames;
import io.slipway.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The parity contract: the same specs and inputs give the same outcomes on every backend that can run
 * them. A backend's test extends this class and names its config string; the specs live in
 * {@code io/slipway/parity/} on the class path, so later backends run exactly the same ones. It is the engine part
 * of the TCK and needs a Docker engine; {@link LauncherContract} is the part that needs none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LauncherParityContract extends NetworkVolumeParity {

    private ContainerLauncher launcher;
    private final List<String> deployments = new ArrayList<>();
    /** Whether {@link TestEngine} was pointed at {@link #engineHost()}, and the engine it used before. */
    private boolean engineSelected;
    private String engineBefore;

    /** The config string of the backend under test, e.g. {@code docker-run}. */
    protected abstract String config();

    /**
     * The engine the backend under test uses, which the contract's own checks (images, inspection, foreign
     * containers, the cut engine) use too: the {@code unix://} or {@code tcp://} target of {@link #config()}, else
     * null (the default engine: {@code DOCKER_HOST} or the local socket).
     */
    protected String engineHost() {
        String target = target(config());
        return target != null && (target.startsWith("unix://") || target.startsWith("tcp://")) ? target : null;
    }

    /**
     * Why the backend's engine cannot run the contract here (e.g. no Podman service answers, with the error), or
     * null: then every case is skipped with that reason, so the report says why. Default null.
     */
    protected String unavailable() {
        return null;
    }

    /**
     * The cases (test method names) the backend's engine cannot do at all, each with the reason (what the engine
     * lacks): each is skipped with its reason. Only for what the engine truly cannot do; a case that is merely
     * written for Docker is to be fixed in the contract instead. Default none.
     */
    protected Map<String, String> unsupported() {
        return Map.of();
    }

    @BeforeAll
    void open() {
        String why = unavailable();
        Assumptions.assumeTrue(why == null, why);
        engineBefore = TestEngine.use(engineHost());
        engineSelected = true;
        TestImages.busybox();
        launcher = Launchers.open(config());
    }

    @BeforeEach
    void skipUnsupported(TestInfo test) {
        String name = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("");
        String why = unsupported().get(name);
        Assumptions.assumeTrue(why == null, () -> name + " is not supported here: " + why);
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
        deployments.clear();
    }

    @AfterAll
    void close() {
        if (launcher != null) {
            launcher.close();
        }
        if (engineSelected) {
            TestEngine.use(engineBefore);
        }
    }

    /** Reads a parity spec from the class path. */
    public static LaunchSpec spec(String name) {
        try (InputStream in = LauncherParityContract.class.getResourceAsStream("/io/slipway/parity/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no parity spec " + name);
            }
            return LaunchSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a parity spec that refers to other files ({@code include}): copies it and {@code files} (paths under
     * {@code io/slipway/parity/}) into a temp directory, and parses it from there.
     */
    public static LaunchSpec specInDirectory(String name, String... files) {
        try {
            Path dir = Files.createTempDirectory("slipway-parity-");
            for (String f : concat(name, files)) {
                try (InputStream in = LauncherParityContract.class.getResourceAsStream("/io/slipway/parity/" + f)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no parity file " + f);
                    }
                    Path target = dir.resolve(f);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
            return LaunchSpec.parse(dir.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    /**
     * A plan says what the apply right after it does: create, unchanged, replace (naming a changed secret input's
     * variable, never its value) and remove ({@link PlanParity}).
     */
    @Test
    void aPlanSaysWhatTheApplyRightAfterDoes() {
        String d = "parity-plan-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        if (!plans()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> launcher.plan(d, spec("service-and-task.yaml"), Inputs.empty()));
            assertTrue(e.getMessage().contains(launcher.backend()) && e.getMessage().contains("'" + d + "'"),
                    "the refusal names the backend and the deployment: " + e.getMessage());
            assertFalse(launcher.status(d).exists(), "a refused plan starts nothing");
            return;
        }
        new PlanParity(launcher, d).run();
    }

    /**
     * Whether the backend under test answers {@link ContainerLauncher#plan}; one that does not is checked to refuse as
     * documented instead. Default true.
     */
    protected boolean plans() {
        return true;
    }

    @Test
    void includedFilesJoinWithTheirOwnPathsAndEnv() {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        LaunchResult r = launcher.apply(d, specInDirectory("include.yaml", "include-part/compose.yaml",
                "include-part/.env", "include-part/conf/msg.txt"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(List.of("main", "part"), r.services().stream().map(s -> s.name()).sorted().toList());
        String part = r.service("part").logs();
        assertTrue(part.contains("hello from the included file"), "bind source relative to the included file: " + part);
        assertTrue(part.contains("tag=from-include-env"), "interpolated with the included file's .env: " + part);
        assertTrue(r.service("main").logs().contains("main sees no part name"), r.service("main").logs());
    }

    @Override
    protected ContainerLauncher launcher() {
        return launcher;
    }

    @Override
    protected LaunchResult applyFresh(LaunchSpec spec, Inputs inputs) {
        return apply(spec, inputs);
    }

    private LaunchResult apply(String spec, Inputs inputs) {
        return apply(spec(spec), inputs);
    }

    private LaunchResult apply(LaunchSpec spec, Inputs inputs) {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        return launcher.apply(d, spec, inputs);
    }

    @Test
    void aSecretFromAFileIsReadOnlyAtItsTargetsAndNeverInTheEnvironment() throws IOException {
        LaunchSpec spec = specInDirectory("secret-file/compose.yaml", "secret-file/token.txt");
        Path token = Path.of(spec.source()).resolveSibling("token.txt");
        String value = Files.readString(token).strip();
        Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        LaunchResult r = apply(spec, Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        String logs = r.service("show").logs();
        // Read at both targets (masked: a secret's content is, wherever it comes from), with the file's own mode.
        assertTrue(logs.contains("token=****** alias=****** mode=400"), logs);
        assertTrue(logs.contains("env-hits=0"), "the secret is not in the container's environment: " + logs);
        assertTrue(logs.contains("read-only"), logs);
        assertFalse(r.toJson().contains(value), r.toJson());
    }

    @Test
    void secretAndConfigOwnersAndModesAreTheGrantsAndAChangedModeReplacesTheContainer() throws Exception {
        // Giving a file to another user takes root; as any other user Slipway refuses these grants (unit-tested).
        org.junit.jupiter.api.Assumptions.assumeTrue(
                ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0, "needs root");
        LaunchSpec spec = specInDirectory("secret-owners/compose.yaml", "secret-owners/token.txt");
        Path token = Path.of(spec.source()).resolveSibling("token.txt");
        Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        String pw = "p4ss-" + UUID.randomUUID();
        LaunchResult r = apply(spec, Inputs.builder().secret("pw", pw).build());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        String logs = r.service("show").logs();
        // The grants' owners and modes (the file's copy too; pw's group and conf's owner are not given: root's), the
        // plain grant the host file's own; user 4242 of group 4343 reads exactly what they let it.
        assertTrue(logs.contains("token=4242 4343 400 pw=4242 0 440 conf=0 4343 440 plain=0 0 640"), logs);
        assertEquals(List.of("readable: /run/secrets/token /run/secrets/pw /etc/app.conf"),
                logs.lines().map(String::strip).filter(l -> l.startsWith("readable:")).toList(), logs);
        assertTrue(logs.contains("read-only"), logs);
        assertFalse(r.toJson().contains(pw), r.toJson());
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(token)), "the host file is not touched");
        if (plans()) {
            // The plan finds the copies where the apply put them: nothing would change.
            var plan = launcher.plan(r.deployment(), spec, Inputs.builder().secret("pw", pw).build());
            assertFalse(plan.changes(), plan.toString());
        }

        // A changed mode replaces the container: the task runs again and sees the new mode.
        LaunchResult again = launcher.apply(r.deployment(), spec,
                Inputs.builder().secret("pw", pw).put("pw_mode", "0404").build());
        assertEquals(Outcome.SUCCEEDED, again.status(), again.describe());
        assertTrue(again.service("show").logs().contains("token=4242 4343 400 pw=4242 0 404 conf=0 4343 440"),
                again.service("show").logs());
    }

    @Test
    void aDotEnvBesideAPlainComposeFileGivesItsVariables() {
        LaunchResult r = apply(specInDirectory("dotenv/compose.yaml", "dotenv/.env"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertTrue(r.service("greet").logs().contains("greeting=hello from .env default=fallback"),
                r.service("greet").logs());
    }

    @Test
    void extendsAServiceOfAnotherFileKeepingItsPaths() {
        LaunchResult r = apply(specInDirectory("extends-file/compose.yaml", "extends-file/lib/common.yaml",
                "extends-file/lib/conf/msg.txt"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(List.of("app"), r.services().stream().map(ServiceResult::name).toList(), "the base is not a service");
        assertTrue(r.service("app").logs().contains("role=app tier=common conf=from lib/conf"), r.service("app").logs());
    }

    @Test
    void aContainerNameAnotherContainerHasFailsNamingItAndThatContainerIsNotTouched() {
        DockerClient docker = TestEngine.client();
        String taken = "parity-foreign-" + UUID.randomUUID().toString().substring(0, 8);
        String foreign = docker.createContainerCmd(TestImages.busybox()).withName(taken)
                .withCmd("sleep", "300").withStopTimeout(1).exec().getId();
        try {
            docker.startContainerCmd(foreign).exec();
            LaunchResult r = apply("foreign-name.yaml", Inputs.builder().put("taken", taken).build());
            assertEquals(Outcome.FAILED, r.status(), r.describe());
            ServiceResult named = r.service("named");
            assertEquals(Outcome.FAILED, named.outcome(), r.describe());
            assertTrue(named.reason().contains("container name '" + taken + "' is in use by a container deployment '"
                    + r.deployment() + "' does not own"), named.reason());
            assertFalse(named.logs() != null && named.logs().contains("should not run"), named.logs());
            var still = docker.inspectContainerCmd(taken).exec();
            assertEquals(foreign, still.getId(), "the same container");
            assertTrue(Boolean.TRUE.equals(still.getState().getRunning()), "still running: " + still.getState());
            assertFalse(byService(r.deployment()).containsKey("named"), "no container of the deployment is 'named'");
            afterForeignContainerName(r.deployment(), r);

            launcher.delete(r.deployment());
            assertEquals(foreign, docker.inspectContainerCmd(taken).exec().getId(), "delete leaves it too");
            assertTrue(Boolean.TRUE.equals(docker.inspectContainerCmd(taken).exec().getState().getRunning()));
        } finally {
            docker.removeContainerCmd(foreign).withForce(true).exec();
        }
    }

    /** More checks a backend makes on {@link #aContainerNameAnotherContainerHasFailsNamingItAndThatContainerIsNotTouched}. */
    protected void afterForeignContainerName(String deployment, LaunchResult result) {
    }

    @Test
    void anExternalNetworkAndVolumeSurviveDelete() {
        DockerClient docker = TestEngine.client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String net = "parity-ext-net-" + suffix;
        String vol = "parity-ext-vol-" + suffix;
        String netId = docker.createNetworkCmd().withName(net).exec().getId();
        docker.createVolumeCmd().withName(vol).exec();
        try {
            LaunchResult r = apply("external.yaml", Inputs.builder().put("net", net).put("vol", vol).build());
            assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
            assertTrue(r.service("use").logs().contains("used kept"), r.service("use").logs());
            launcher.delete(r.deployment());
            assertFalse(launcher.status(r.deployment()).exists(), "the deployment is gone");
            assertEquals(netId, docker.inspectNetworkCmd().withNetworkId(net).exec().getId(), "the network is kept");
            assertEquals(vol, docker.inspectVolumeCmd(vol).exec().getName(), "the volume is kept");
        } finally {
            try {
                docker.removeNetworkCmd(net).exec();
            } finally {
                docker.removeVolumeCmd(vol).exec();
            }
        }
    }

    private Map<String, DeploymentStatus.ServiceStatus> byService(String deployment) {
        return launcher.status(deployment).services().stream()
                .collect(Collectors.toMap(DeploymentStatus.ServiceStatus::service, s -> s));
    }

    @Test
    void longRunningServiceWithPortWait() {
        LaunchResult r = apply("web-port.yaml", Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertNotNull(r.service("web").containerId());
        assertEquals(0, r.deployStatusCode());
    }

    @Test
    void oneShotTaskWithAcceptedExitCode() {
        LaunchResult r = apply("task-exit.yaml", Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(3, r.service("task").exitCode());
        assertEquals(3, r.outputs().get("task_exit"));
        assertTrue(r.service("task").logs().contains("task ran"), r.service("task").logs());
    }

    @Test
    void failingTask() {
        LaunchResult r = apply("task-fails.yaml", Inputs.empty());
        assertEquals(Outcome.FAILED, r.status());
        assertEquals(7, r.service("broken").exitCode());
        assertEquals(7, r.deployStatusCode());
        assertTrue(r.service("broken").reason().contains("code 7"), r.service("broken").reason());
        assertTrue(r.service("broken").logs().contains("something went wrong"), r.service("broken").logs());
    }

    @Test
    void healthcheck() {
        LaunchResult r = apply("healthcheck.yaml", Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
    }

    @Test
    void dependsOnWithConditions() {
        LaunchResult r = apply("depends-on.yaml", Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(List.of("db", "migrate", "app"), r.services().stream().map(s -> s.name()).toList());
        assertEquals(0, r.outputs().get("migrate_exit"));
    }

    @Test
    void inputsWithSecrets() {
        String secret = "p4ss-" + UUID.randomUUID();
        LaunchResult r = apply("inputs-secret.yaml",
                Inputs.builder().put("greeting", "hi there").put("debug", true).secret("db_password", secret).build());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertTrue(r.service("show").logs().contains("greeting=hi there replicas=2 debug=true pw=******"),
                r.service("show").logs());
        assertFalse(r.toJson().contains(secret));
    }

    @Test
    void envFileSuppliedByASecretInput() {
        String token = "tok-" + UUID.randomUUID();
        LaunchResult r = apply("env-file-input.yaml",
                Inputs.builder().secret("app_env", "# from an input\nMODE=file\nTOKEN=" + token + "\nLEVEL=3\n").build());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        // environment wins over the file; each value of a secret file is masked, but one too short to be a secret.
        assertTrue(r.service("show").logs().contains("mode=override token=****** level=3"), r.service("show").logs());
        assertFalse(r.toJson().contains(token));
    }

    @Test
    void secretsAndConfigsFromAnInputAndInlineContent() {
        String secret = "p4ss-" + UUID.randomUUID();
        LaunchResult r = apply("secrets.yaml", Inputs.builder().secret("db_password", secret).build());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        String logs = r.service("show").logs();
        // The task read the secret (masked in its logs) at both targets and the config at both.
        assertTrue(logs.contains("secret=****** alias=****** config=greeting=hello default=greeting=hello"), logs);
        assertTrue(logs.contains("env-hits=0"), "the secret is not in the container's environment: " + logs);
        assertTrue(logs.contains("read-only"), logs);
        assertFalse(r.toJson().contains(secret));

        // A changed secret replaces the container: the task runs again and reads the new value.
        String next = "n3xt-" + UUID.randomUUID();
        LaunchResult again = launcher.apply(r.deployment(), spec("secrets.yaml"),
                Inputs.builder().secret("db_password", next).put("greeting", "hi").build());
        assertEquals(Outcome.SUCCEEDED, again.status(), again.describe());
        assertTrue(again.service("show").logs().contains("secret=****** alias=****** config=greeting=hi"),
                again.service("show").logs());
        assertFalse(again.toJson().contains(next));
    }

    @Test
    void suspendStopsTheServiceAndResumeStartsItButNotTheTask() {
        LaunchResult first = apply("service-and-task.yaml", Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, first.status(), first.describe());
        String d = first.deployment();

        assertEquals(1, launcher.suspend(d), "only the running service is stopped");
        assertEquals("exited", byService(d).get("web").state());
        assertEquals(0, launcher.suspend(d), "suspending again stops nothing");

        assertEquals(1, launcher.resume(d), "the task is not run again");
        Map<String, DeploymentStatus.ServiceStatus> resumed = byService(d);
        assertEquals("running", resumed.get("web").state());
        assertEquals(first.service("web").containerId(), resumed.get("web").containerId(), "the same container");
        assertEquals("exited", resumed.get("task").state());
        assertEquals(0, launcher.resume(d), "resuming again starts nothing");

        LaunchResult again = launcher.apply(d, spec("service-and-task.yaml"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, again.status(), again.describe());
        assertEquals(first.service("web").containerId(), again.service("web").containerId(), "nothing recreated");
        assertEquals(first.service("task").containerId(), again.service("task").containerId(), "the task not run again");
    }

    @Test
    void networksIsolateAndAliasesResolve() {
        String dbContainer = "parity-db-" + UUID.randomUUID().toString().substring(0, 8);
        LaunchResult r = apply("networks.yaml", Inputs.builder().put("db_container", dbContainer).build());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(dbContainer, r.service("db").containerName(), "container_name as given");
        assertTrue(r.service("reach").logs().contains("reached all"), r.service("reach").logs());
        assertTrue(r.service("isolated").logs().contains("isolated from back"), r.service("isolated").logs());
        assertTrue(r.service("sealed").logs().contains("isolated from front"), r.service("sealed").logs());
    }

    @Test
    void engineKeysReachTheContainer() throws IOException {
        String text;
        try (InputStream in = LauncherParityContract.class.getResourceAsStream("/io/slipway/parity/engine-keys.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> refused = refusedProbeKeys();
        for (String key : refused) {
            String spec = text;
            SpecException e = assertThrows(SpecException.class, () -> apply(LaunchSpec.parse(spec), Inputs.empty()));
            assertEquals("services.probe." + key, e.path(), e.getMessage());
            text = text.replaceFirst("(?m)^ +" + key + ": .*\\n", "");
        }
        LaunchResult r = apply(LaunchSpec.parse(text), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        String logs = r.service("probe").logs();
        for (String expected : List.of("nofile=512", "mem=67108864", "pids=50", "shm=32768", "syncookies=0",
                "groups=0 1234", "search=example.org", refused.contains("domainname") ? "host=box." : "host=box.example.org",
                "pwd=/scratch", "sized=1024", "scratch-writable")) {
            assertTrue(logs.contains(expected), expected + " in " + logs);
        }
        // init: true runs the engine's init as PID 1: Docker's docker-init, Podman's catatonit as podman-init.
        assertTrue(logs.contains("pid1=docker-init") || logs.contains("pid1=podman-init"), "init: " + logs);
        assertFalse(logs.contains("rootfs-writable"), logs);
        assertFalse(logs.contains("hosttmp-writable"), "a read-only bind: " + logs);
    }

    @Test
    void engineKeysShowInTheContainersInspectData() throws IOException {
        String peer = "parity-keys-" + UUID.randomUUID().toString().substring(0, 8);
        Inputs inputs = Inputs.builder().put("peer", peer).put("platform", EngineKeyChecks.enginePlatform()).build();
        String full;
        try (InputStream in = LauncherParityContract.class.getResourceAsStream("/io/slipway/parity/engine-keys-inspect.yaml")) {
            full = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The engine's own file log driver: Podman has k8s-file where Docker has json-file.
        String text = full.replace("driver: json-file", "driver: " + EngineKeyChecks.fileLogDriver());
        List<String> refused = refusedEngineKeys(launcher.describeTool());
        for (String key : refused) {
            String spec = text;
            SpecException e = assertThrows(SpecException.class, () -> apply(LaunchSpec.parse(spec), inputs));
            assertEquals("services." + (key.contains(".") ? key : "keys." + key), e.path(), e.getMessage());
            text = text.replaceFirst("(?m)^ +" + key.substring(key.indexOf('.') + 1) + ": .*\\n", "");
        }
        LaunchResult r = apply(LaunchSpec.parse(text), inputs);
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        if (!refused.contains("probe.external_links")) {
            assertTrue(r.service("probe").logs().contains("peer-alias resolves"), "external_links: "
                    + r.service("probe").logs());
        }
        DockerClient docker = TestEngine.client();
        var keys = docker.inspectContainerCmd(r.service("keys").containerId()).exec();
        assertEquals("/" + peer, keys.getName(), "container_name");
        EngineKeyChecks.serviceLevel(keys, text.contains("cgroup: private"), text.contains("mac_address:"));
        EngineKeyChecks.deployLevel(docker.inspectContainerCmd(r.service("probe").containerId()).exec(), keys.getId());
    }

    @Test
    void aLogDriverTheEngineLacksIsRefusedBeforeAnythingStarts() {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        SpecException e = assertThrows(SpecException.class,
                () -> launcher.apply(d, spec("unknown-log-driver.yaml"), Inputs.empty()));
        assertEquals("services.second.logging.driver", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown log driver 'no-such-driver'; this engine has ")
                && e.getMessage().contains(EngineKeyChecks.fileLogDriver()), "names the engine's drivers: "
                + e.getMessage());
        assertFalse(launcher.status(d).exists(), "nothing of the deployment was created");
    }

    /**
     * The keys of {@code engine-keys.yaml}'s service {@code probe} that the backend refuses on its engine, in the order
     * it checks them: {@link #engineKeysReachTheContainer} asserts each refusal (the key's path), then runs the spec
     * without them. Default none.
     */
    protected List<String> refusedProbeKeys() {
        return List.of();
    }

    /**
     * The keys of {@code engine-keys-inspect.yaml}'s service {@code keys} ({@code KEY}) or of another of its services
     * ({@code SERVICE.KEY}) that the backend refuses by design, in the order it checks them:
     * {@link #engineKeysShowInTheContainersInspectData} asserts each refusal (exit 2, the key's path), then runs the
     * spec without them.
     */
    protected List<String> refusedEngineKeys(String tool) {
        return List.of();
    }

    @Test
    void extendsMergesAndOnlyActiveProfilesRun() {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        LaunchResult r = launcher.apply(d, spec("profiles-extends.yaml").withProfiles(List.of("tools")), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        assertEquals(List.of("base", "child", "tools"), r.services().stream().map(s -> s.name()).sorted().toList());
        assertTrue(r.service("child").logs().contains("hello child"), r.service("child").logs());
        assertTrue(r.service("tools").logs().contains("hello tools"), r.service("tools").logs());
        assertFalse(byService(d).containsKey("debug"), "a service of an inactive profile is not created");
    }

    @Test
    void eachDeploymentHasItsOwnNamedVolumeNamedAsComposeNamesIt() {
        String first = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(first);
        deployments.add(second);
        DockerClient docker = TestEngine.client();
        try {
            LaunchResult a = launcher.apply(first, spec("volumes.yaml"), Inputs.builder().put("token", "from-a").build());
            assertEquals(Outcome.SUCCEEDED, a.status(), a.describe());
            assertTrue(a.service("keep").logs().contains("found=none"), a.service("keep").logs());
            LaunchResult b = launcher.apply(second, spec("volumes.yaml"), Inputs.builder().put("token", "from-b").build());
            assertEquals(Outcome.SUCCEEDED, b.status(), b.describe());
            assertTrue(b.service("keep").logs().contains("found=none"),
                    "the second deployment must not see the first one's volume: " + b.service("keep").logs());
            for (String d : List.of(first, second)) {
                assertNotNull(docker.inspectVolumeCmd(ProjectNames.volume(d, "data")).exec(),
                        "named as the Compose tool names it: " + ProjectNames.volume(d, "data"));
            }
            // A changed input replaces the task: its new container mounts the same volume and finds the data.
            LaunchResult again = launcher.apply(first, spec("volumes.yaml"),
                    Inputs.builder().put("token", "from-a-again").build());
            assertEquals(Outcome.SUCCEEDED, again.status(), again.describe());
            assertTrue(again.service("keep").logs().contains("found=from-a"), again.service("keep").logs());
        } finally {
            for (String d : List.of(first, second)) {
                launcher.delete(d); // named volumes outlive a delete, as with docker compose down
                try {
                    docker.removeVolumeCmd(ProjectNames.volume(d, "data")).exec();
                } catch (NotFoundException e) {
                    // never made
                }
            }
        }
    }

    @Test
    void aRuntimeTheEngineLacksFailsNamingIt() {
        LaunchResult r = apply("wasm-runtime.yaml", Inputs.empty());
        assertEquals(Outcome.FAILED, r.status(), r.describe());
        assertTrue(r.service("server").reason().contains("io.containerd.wasmedge.v1"), r.service("server").reason());
    }

    @Test
    void replicasRunEachScaleDownAndDeleteRemovesThemAll() {
        LaunchResult r = apply("replicas.yaml", Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
        String d = r.deployment();
        ServiceResult web = r.service("web");
        assertEquals(List.of("web-1", "web-2", "web-3"), web.replicas().stream().map(ServiceResult::name).toList());
        assertEquals(3, hostnames(web, "host=").size(), "each replica ran in its own container: " + web.logs());
        ServiceResult task = r.service("task");
        assertEquals(List.of("task-1", "task-2"), task.replicas().stream().map(ServiceResult::name).toList());
        assertEquals(2, hostnames(task, "task on ").size(), task.logs());
        assertEquals(0, task.exitCode(), "every replica exited with 0");
        assertEquals(Outcome.SUCCEEDED, r.service("spare").outcome(), r.service("spare").reason());
        assertTrue(r.service("spare").replicas().isEmpty());

        List<DeploymentStatus.ServiceStatus> status = launcher.status(d).services();
        assertEquals(3, status.stream().filter(s -> s.service().equals("web")).count(), status.toString());
        assertEquals(2, status.stream().filter(s -> s.service().equals("task")).count(), status.toString());
        assertFalse(status.stream().anyMatch(s -> s.service().equals("spare")), status.toString());
        assertEquals(5, status.stream().map(DeploymentStatus.ServiceStatus::containerName).distinct().count());

        LaunchResult same = launcher.apply(d, spec("replicas.yaml"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, same.status(), same.describe());
        assertEquals(ids(web), ids(same.service("web")), "an unchanged count touches nothing");
        assertEquals(ids(task), ids(same.service("task")), "finished task replicas are not run again");

        LaunchResult down = launcher.apply(d, spec("replicas.yaml"), Inputs.builder().put("web_replicas", 2).build());
        assertEquals(Outcome.SUCCEEDED, down.status(), down.describe());
        assertEquals(ids(web).subList(0, 2), ids(down.service("web")), "replicas 1 and 2 are kept");
        List<DeploymentStatus.ServiceStatus> after = launcher.status(d).services();
        assertEquals(ids(web).subList(0, 2), after.stream().filter(s -> s.service().equals("web"))
                .map(DeploymentStatus.ServiceStatus::containerId).toList(), "replica 3 is removed: " + after);

        launcher.delete(d);
        assertFalse(launcher.status(d).exists(), "delete removes every replica");
    }

    @Test
    void oneWriterPerDeploymentTheOthersWaitOrWithNoWaitFailNamingTheHolder() throws Exception {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        String noWaitConfig = config() + (config().contains("?") ? "&" : "?") + "lock-timeout=0s";
        try (ContainerLauncher other = Launchers.open(config()); ContainerLauncher noWait = Launchers.open(noWaitConfig)) {
            CompletableFuture<LaunchResult> first = CompletableFuture.supplyAsync(
                    () -> launcher.apply(d, spec("slow-ready.yaml"), Inputs.empty()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (launcher.status(d).services().isEmpty() && !first.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50); // status is a reader: it never waits for the lock
            }
            assertFalse(first.isDone(), "the apply still waits for its service");
            DeploymentLockedException e = assertThrows(DeploymentLockedException.class, () -> noWait.delete(d));
            assertTrue(e.getMessage().startsWith("deployment '" + d + "' is locked by apply by pid "
                    + ProcessHandle.current().pid()), e.getMessage());
            assertEquals(d, e.deployment());
            assertEquals(Outcome.SUCCEEDED, first.join().status(), first.join().describe());

            // Two writers at once: one waits for the other, both succeed, one container.
            launcher.delete(d);
            CompletableFuture<LaunchResult> a = CompletableFuture.supplyAsync(
                    () -> launcher.apply(d, spec("slow-ready.yaml"), Inputs.empty()));
            CompletableFuture<LaunchResult> b = CompletableFuture.supplyAsync(
                    () -> other.apply(d, spec("slow-ready.yaml"), Inputs.empty()));
            assertEquals(Outcome.SUCCEEDED, a.join().status(), a.join().describe());
            assertEquals(Outcome.SUCCEEDED, b.join().status(), b.join().describe());
            assertEquals(1, launcher.status(d).services().size(), launcher.status(d).services().toString());
        }
    }

    @Test
    void anEngineThatStopsAnsweringGivesEveryServiceAResultAndOneThatComesBackIsWaitedFor() throws Exception {
        String host = engineHost();
        try (EngineProxy proxy = host != null && host.startsWith("unix://")
                        ? EngineProxy.start(Path.of(host.substring("unix://".length()))) : EngineProxy.start();
                ContainerLauncher viaProxy = Launchers.open(withTarget(config(), proxy.address()))) {
            String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
            deployments.add(d);
            Cue cue = new Cue();
            CompletableFuture<LaunchResult> lost = CompletableFuture.supplyAsync(
                    () -> viaProxy.apply(d, spec("engine-lost.yaml"), Inputs.empty(), cue));
            cue.await();
            proxy.cut();
            LaunchResult r = lost.get(2, TimeUnit.MINUTES);
            SlipwayException down = assertThrows(SlipwayException.class, () -> viaProxy.delete(d));
            assertTrue(down.getMessage().startsWith("engine at " + proxy.address() + " stopped answering during delete of '"
                    + d + "' ("), down.getMessage());
            proxy.restore();
            assertEquals(Outcome.FAILED, r.status(), r.describe());
            assertEquals(Outcome.SUCCEEDED, r.service("quick").outcome(), "what succeeded stays so: " + r.describe());
            ServiceResult slow = r.service("slow");
            assertEquals(Outcome.FAILED, slow.outcome(), r.describe());
            assertTrue(slow.reason().startsWith("engine at " + proxy.address() + " stopped answering while waiting ("),
                    slow.reason());
            assertFalse(r.describe().contains("Exception"), "no class names for a user: " + r.describe());

            // Back before the deadline: the wait goes on from the container's real state.
            String back = "parity-" + UUID.randomUUID().toString().substring(0, 8);
            deployments.add(back);
            Cue cue2 = new Cue();
            CompletableFuture<LaunchResult> resumed = CompletableFuture.supplyAsync(() -> viaProxy.apply(back,
                    spec("engine-lost.yaml"), Inputs.builder().put("ready_after", 3).build(), cue2));
            cue2.await();
            proxy.cut();
            Thread.sleep(1500);
            proxy.restore();
            LaunchResult ok = resumed.get(2, TimeUnit.MINUTES);
            assertEquals(Outcome.SUCCEEDED, ok.status(), ok.describe());
        }
    }

    @Test
    void aServiceRemovedFromTheSpecIsRemovedAndTheOthersAreLeftAlone() {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        LaunchResult first = launcher.apply(d, spec("remove-service.yaml"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, first.status(), first.describe());
        String keep = byService(d).get("keep").containerId();
        String gone = byService(d).get("gone").containerId();
        assertNotNull(gone, launcher.status(d).toString());

        LaunchResult second = launcher.apply(d, spec("remove-service-after.yaml"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, second.status(), second.describe());
        assertEquals(List.of("keep"), second.services().stream().map(ServiceResult::name).toList());
        assertFalse(second.service("keep").changed(), "the service still in the spec is left as it was");
        assertEquals(Set.of("keep"), byService(d).keySet(), "status no longer lists the removed service");
        assertEquals(keep, byService(d).get("keep").containerId());
        DockerClient docker = TestEngine.client();
        assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd(gone).exec(),
                "the removed service's container is gone from the engine");
        assertEquals(1, launcher.delete(d));
    }

    @Test
    void anUnchangedReApplyTouchesNothing() {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(d);
        LaunchResult first = launcher.apply(d, spec("service-and-task.yaml"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, first.status(), first.describe());
        Map<String, String> started = startTimes(d);
        assertEquals(Set.of("web", "task"), started.keySet(), launcher.status(d).toString());

        LaunchResult again = launcher.apply(d, spec("service-and-task.yaml"), Inputs.empty());
        assertEquals(Outcome.SUCCEEDED, again.status(), again.describe());
        assertTrue(again.services().stream().noneMatch(ServiceResult::changed), "nothing changed: " + again.describe());
        assertEquals(started, startTimes(d), "the same containers, not restarted (id=start time)");
    }

    /** Each service's container id and the time the engine says it started, as {@code id@startedAt}. */
    private Map<String, String> startTimes(String deployment) {
        DockerClient docker = TestEngine.client();
        return byService(deployment).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            String id = e.getValue().containerId();
            return id + "@" + docker.inspectContainerCmd(id).exec().getState().getStartedAt();
        }));
    }

    /** {@code config} with {@code target} as its engine address, {@code NAME:TARGET?options}, in place of its own. */
    static String withTarget(String config, String target) {
        int q = config.indexOf('?');
        String head = q < 0 ? config : config.substring(0, q);
        int colon = head.indexOf(':');
        return (colon < 0 ? head : head.substring(0, colon)) + ":" + target + (q < 0 ? "" : config.substring(q));
    }

    /** The engine address of {@code config} ({@code NAME:TARGET?options}), or null when it names none. */
    static String target(String config) {
        int q = config.indexOf('?');
        String head = q < 0 ? config : config.substring(0, q);
        int colon = head.indexOf(':');
        return colon < 0 || colon == head.length() - 1 ? null : head.substring(colon + 1);
    }

    /** Released once {@code quick} succeeded and {@code slow} is being waited for. */
    private static final class Cue implements LaunchListener {
        private final CountDownLatch quickDone = new CountDownLatch(1);
        private final CountDownLatch slowWaiting = new CountDownLatch(1);

        @Override
        public void waiting(String service, String containerName, String condition) {
            if (service.equals("slow")) {
                slowWaiting.countDown();
            }
        }

        @Override
        public void finished(ServiceResult result) {
            if (result.name().equals("quick") && result.succeeded()) {
                quickDone.countDown();
            }
        }

        void await() throws InterruptedException {
            assertTrue(quickDone.await(60, TimeUnit.SECONDS) && slowWaiting.await(60, TimeUnit.SECONDS),
                    "quick succeeded and slow is waited for");
        }
    }

    private static Set<String> hostnames(ServiceResult service, String prefix) {
        return service.replicas().stream().map(r -> r.logs().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in " + r.name() + ": " + r.logs())))
                .collect(Collectors.toSet());
    }

    private static List<String> ids(ServiceResult service) {
        return service.replicas().stream().map(ServiceResult::containerId).toList();
    }
}
