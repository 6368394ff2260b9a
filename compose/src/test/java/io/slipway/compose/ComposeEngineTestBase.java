package io.slipway.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ProjectNames;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real-engine tests with the real docker-compose: one launcher per class with its own work directory and
 * no stop grace period (busybox as PID 1 ignores SIGTERM, so Compose's default would wait 10 s per stop),
 * a fresh deployment per test, everything deleted after.
 */
abstract class ComposeEngineTestBase {

    static Path work;
    static ComposeLauncher launcher;
    final List<String> deployments = new ArrayList<>();

    @BeforeAll
    static void openLauncher() throws IOException {
        TestImages.busybox();
        work = Files.createTempDirectory("slipway-compose-test");
        launcher = open("compose?stop-timeout=0s&work-dir=" + work, System.getenv());
    }

    @AfterAll
    static void closeLauncher() {
        launcher.close();
        deleteTree(work);
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
        deployments.clear();
    }

    /** Opens a compose launcher for {@code config} with {@code env} as its process environment. */
    static ComposeLauncher open(String config, Map<String, String> env) {
        return new ComposeLauncher(Launchers.configure(new ComposeProvider(), config), env);
    }

    /** A deployment name unique to this test run, deleted after the test. */
    String deployment() {
        String name = "c-" + UUID.randomUUID().toString().substring(0, 8);
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

    /** Every container labelled with the deployment's Compose project. */
    static List<Container> projectContainers(String deployment) {
        return docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ComposeProject.PROJECT, ProjectNames.of(deployment))).exec();
    }

    /** How many networks are labelled with the deployment's Compose project. */
    static int projectNetworks(String deployment) {
        return docker().listNetworksCmd()
                .withFilter("label", List.of(ComposeProject.PROJECT + "=" + ProjectNames.of(deployment))).exec().size();
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
