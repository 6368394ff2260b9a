package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real-engine tests of the atomic backend: one agent per test class under a name of its own (so that no
 * other test or user agent is touched), a fresh deployment per test, everything deleted after, the agent
 * removed at the end of the class.
 */
abstract class AtomicEngineTestBase {

    static String agentName;
    static ContainerLauncher launcher;
    final List<String> deployments = new ArrayList<>();

    @BeforeAll
    static void openLauncher() {
        TestImages.busybox();
        AgentImages.agent();
        agentName = "slipway-agent-it-" + UUID.randomUUID().toString().substring(0, 8);
        launcher = Launchers.open(config(""));
    }

    @AfterAll
    static void closeLauncher() {
        launcher.close();
        removeContainer(agentName);
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
        deployments.clear();
    }

    /** The config string of this class's agent, with {@code extra} options ({@code &key=value...}). */
    static String config(String extra) {
        return "atomic?agent-image=" + AgentImages.AGENT + "&privileged-agent=true&agent-name=" + agentName + extra;
    }

    /** A deployment name unique to this run, deleted after the test. */
    String deployment() {
        String name = "a-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(name);
        return name;
    }

    LaunchResult apply(String deployment, String yaml) {
        return launcher.apply(deployment, LaunchSpec.parse(yaml), Inputs.empty());
    }

    LaunchResult apply(String deployment, String yaml, Inputs inputs) {
        return launcher.apply(deployment, LaunchSpec.parse(yaml), inputs);
    }

    static DockerClient docker() {
        return TestEngine.client();
    }

    /** The container called {@code name}, or null. */
    static InspectContainerResponse container(String name) {
        try {
            return docker().inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    static void removeContainer(String name) {
        try {
            docker().removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone
        }
    }

    /** Whether the engine has a volume called {@code name}. */
    static boolean volumeExists(String name) {
        try {
            docker().inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Everything the engine has that carries the deployment's label or name: containers, volumes, networks. */
    static List<String> leftovers(String deployment) {
        List<String> left = new ArrayList<>();
        docker().listContainersCmd().withShowAll(true).exec().forEach(c -> {
            String name = c.getNames()[0].replaceFirst("^/", "");
            if (name.startsWith(deployment + "-") || deployment.equals(c.getLabels().get("io.slipway.deployment"))) {
                left.add("container " + name);
            }
        });
        var volumes = docker().listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            volumes.stream().filter(v -> v.getName().startsWith("slipway-atomic." + deployment + "-")).forEach(v -> left.add("volume " + v.getName()));
        }
        docker().listNetworksCmd().exec().stream().filter(n -> n.getName().contains(deployment))
                .forEach(n -> left.add("network " + n.getName()));
        return left;
    }
}
