package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.Outcome;
import io.slipway.SlipwayException;
import io.slipway.engine.SecretFiles;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ProjectNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The parity contract's cases for the sub-keys of top-level {@code networks} and {@code volumes} and of the long form
 * of a service's {@code networks} and {@code volumes}: each observed inside the containers and by inspecting what the
 * engine made, the same on every backend. {@link LauncherParityContract} runs them with its launcher.
 */
public abstract class NetworkVolumeParity {

    /** The config string of the backend under test. */
    protected abstract String config();

    /** The launcher under test. */
    protected abstract ContainerLauncher launcher();

    /** Applies {@code spec} as a fresh deployment, deleted after the test. */
    protected abstract LaunchResult applyFresh(LaunchSpec spec, Inputs inputs);

    /**
     * Whether the backend honours {@code bind.create_host_path}; one that does not must refuse a spec with it before
     * anything starts, naming the key.
     */
    protected boolean honoursCreateHostPath() {
        return true;
    }

    @Test
    void networkKeysReachTheEngineAndTheContainers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        DockerClient docker = TestEngine.client();
        String deployment = null;
        try {
            LaunchResult r = applyFresh(LauncherParityContract.spec("network-keys.yaml"),
                    Inputs.builder().put("run", run).build());
            deployment = r.deployment();
            assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
            String logs = r.service("probe").logs();
            // The higher priority network is eth0 with the fixed address, its MTU and its gateway as default route.
            for (String expected : List.of("eth0=10.213.250.23/24", "mtu=1400", "route=10.213.250.254",
                    "v6=fd5a:1f0e:77:", "peer=10.213.250.")) {
                assertTrue(logs.contains(expected), expected + " in " + logs);
            }
            List<Network> made = docker.listNetworksCmd().withFilter("label", List.of("parity.run=" + run)).exec();
            assertEquals(2, made.size(), made.toString());
            Network fixed = made.stream().filter(n -> "fixed".equals(n.getLabels().get("parity.tier"))).findFirst()
                    .orElseThrow();
            Network alpha = made.stream().filter(n -> n != fixed).findFirst().orElseThrow();
            Network zeta = docker.inspectNetworkCmd().withNetworkId(fixed.getId()).exec();
            assertEquals("bridge", zeta.getDriver());
            // Podman shows the same network its own way: the MTU as its "mtu" option, the first address of a subnet
            // without a gateway as its gateway, and no Attachable (it has no swarm, whose services it is about).
            boolean podman = TestEngine.isPodman();
            assertEquals("1400", zeta.getOptions().get(podman ? "mtu" : "com.docker.network.driver.mtu"),
                    "driver_opts mtu: " + zeta.getOptions());
            String raw = TestEngine.get("/networks/" + zeta.getId());
            assertTrue(podman || raw.replace(" ", "").contains("\"Attachable\":true"), "attachable: " + raw);
            assertTrue(Boolean.TRUE.equals(zeta.getEnableIPv6()), "enable_ipv6");
            assertFalse(Boolean.TRUE.equals(zeta.getInternal()));
            assertEquals(List.of("10.213.250.0/24 via 10.213.250.254",
                    "fd5a:1f0e:77::/64 via " + (podman ? "fd5a:1f0e:77::1" : "null")),
                    zeta.getIpam().getConfig().stream().map(c -> c.getSubnet() + " via " + c.getGateway()).toList());
            assertTrue(Boolean.TRUE.equals(docker.inspectNetworkCmd().withNetworkId(alpha.getId()).exec().getInternal()),
                    "internal");

            launcher().delete(r.deployment());
            assertEquals(List.of(), docker.listNetworksCmd().withFilter("label", List.of("parity.run=" + run)).exec(),
                    "delete removes the networks it made");
        } finally {
            if (deployment != null) {
                launcher().delete(deployment); // before its networks: a failed assertion left its containers
            }
            docker.listNetworksCmd().withFilter("label", List.of("parity.run=" + run)).exec()
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }

    /**
     * An IPv6 network the engine cannot make (no IPv6 subnet, no default pool) fails clearly: naming the network, with
     * the engine's reason, and nothing runs. An engine with a default IPv6 pool makes it: then the task runs.
     */
    @Test
    void anIpv6NetworkTheEngineCannotMakeFailsNamingItWithTheEnginesReason() {
        String message;
        try {
            LaunchResult r = applyFresh(LauncherParityContract.spec("ipv6-no-pool.yaml"), Inputs.empty());
            if (r.succeeded()) {
                return; // this engine has a default IPv6 pool
            }
            assertEquals(Outcome.FAILED, r.service("v6").outcome(), r.describe());
            message = r.service("v6").reason();
            assertFalse(r.service("v6").logs() != null && r.service("v6").logs().contains("should not run"), r.describe());
        } catch (SlipwayException e) {
            message = e.getMessage();
        }
        assertTrue(message.contains("only6") && message.contains("IPv6 address pool"), message);
    }

    @Test
    void volumeKeysReachTheEngineAndNocopyLeavesAFreshVolumeEmpty() {
        String scratch = "parity-scratch-" + UUID.randomUUID().toString().substring(0, 8);
        DockerClient docker = TestEngine.client();
        String deployment = null;
        try {
            LaunchResult r = applyFresh(LauncherParityContract.spec("volume-keys.yaml"),
                    Inputs.builder().put("scratch", scratch).build());
            deployment = r.deployment();
            assertEquals(Outcome.SUCCEEDED, r.status(), r.describe());
            String seeded = r.service("seeded").logs();
            assertTrue(seeded.contains("seeded=index.html"), "a fresh volume is filled from the image: " + seeded);
            assertTrue(seeded.contains("scratch=tmpfs,1024"), "a 1 MiB tmpfs: " + seeded);
            assertTrue(r.service("bare").logs().contains("bare=0"), "nocopy: " + r.service("bare").logs());
            InspectVolumeResponse v = docker.inspectVolumeCmd(scratch).exec();
            assertEquals("local", v.getDriver());
            assertEquals("scratch", v.getLabels().get("parity.kind"));
            assertEquals(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"), v.getOptions());
        } finally {
            if (deployment != null) {
                launcher().delete(deployment);
                for (String name : List.of(scratch, ProjectNames.volume(deployment, "seeded"),
                        ProjectNames.volume(deployment, "bare"))) {
                    try {
                        docker.removeVolumeCmd(name).exec();
                    } catch (NotFoundException e) {
                        // never made
                    }
                }
            }
        }
    }

    /**
     * {@code on-failure=remove}: a failed apply leaves none of what it created: no container, network, named volume,
     * private secret copy or image built under Slipway's tag.
     */
    @Test
    void aFailedApplyWithOnFailureRemoveLeavesNothingItCreated() {
        String d = "parity-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "t0ken-" + UUID.randomUUID();
        String backend = config().split("[:?]", 2)[0];
        String withRemove = config() + (config().contains("?") ? "&" : "?") + "on-failure=remove";
        DockerClient docker = TestEngine.client();
        LaunchSpec spec = LauncherParityContract.specInDirectory("failed-apply/compose.yaml", "failed-apply/app/Dockerfile");
        try (ContainerLauncher remove = Launchers.open(withRemove)) {
            LaunchResult r = remove.apply(d, spec, Inputs.builder().secret("token", token).build());
            assertEquals(Outcome.FAILED, r.status(), r.describe());
            assertEquals(5, r.service("broken").exitCode(), r.describe());
            assertTrue(r.service("broken").logs().contains("failing on purpose"), "it got its secret and volume: "
                    + r.service("broken").logs());
            assertEquals(List.of(), remove.status(d).services(), "no container is left");
            assertEquals(List.of(), docker.listNetworksCmd().exec().stream().map(Network::getName)
                    .filter(n -> n.contains(d)).toList(), "no network is left");
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd().exec().getVolumes();
            assertEquals(List.of(), volumes == null ? List.of() : volumes.stream().map(InspectVolumeResponse::getName)
                    .filter(n -> n.contains(d)).toList(), "no volume is left");
            assertFalse(imageExists(d + "-broken"), "the image built under Slipway's tag is removed");
            Path state = SecretFiles.defaultRoot(backend, System.getenv()).resolve(d);
            assertFalse(Files.exists(state), "no secret copy is left: " + state);
        } finally {
            launcher().delete(d);
            try {
                docker.removeVolumeCmd(ProjectNames.volume(d, "data")).exec();
            } catch (NotFoundException e) {
                // removed, as it should be
            }
            TestEngine.removeImage(d + "-broken");
        }
    }

    private static boolean imageExists(String tag) {
        try {
            TestEngine.client().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void createHostPathMakesAMissingDirectoryOrFailsNamingIt() throws IOException {
        Path dir = Files.createTempDirectory("slipway-bind-");
        Path made = dir.resolve("made");
        Path missing = dir.resolve("missing");
        Inputs inputs = Inputs.builder().put("made", made.toString()).put("missing", missing.toString()).build();
        try {
            if (!honoursCreateHostPath()) {
                SlipwayException e = org.junit.jupiter.api.Assertions.assertThrows(SlipwayException.class,
                        () -> applyFresh(LauncherParityContract.spec("bind-paths.yaml"), inputs));
                assertTrue(e.getMessage().contains("create_host_path"), e.getMessage());
                assertFalse(Files.exists(made), "nothing started");
                return;
            }
            LaunchResult r = applyFresh(LauncherParityContract.spec("bind-paths.yaml"), inputs);
            assertEquals(Outcome.SUCCEEDED, r.service("made").outcome(), r.describe());
            assertTrue(r.service("made").logs().contains("wrote made"), r.service("made").logs());
            assertEquals("made\n", Files.readString(made.resolve("mark")), "the created host directory is the bind");
            assertEquals(Outcome.FAILED, r.service("strict").outcome(), r.describe());
            assertTrue(r.service("strict").reason().contains(missing.toString()), r.service("strict").reason());
            assertFalse(Files.exists(missing), "create_host_path: false created it");
        } finally {
            Files.deleteIfExists(made.resolve("mark"));
            Files.deleteIfExists(made);
            Files.deleteIfExists(dir);
        }
    }
}
