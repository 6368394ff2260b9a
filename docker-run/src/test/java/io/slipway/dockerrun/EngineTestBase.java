package io.slipway.dockerrun;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real-engine tests: one launcher per class, a fresh deployment name per test, everything deleted after. Public for
 * the engine classes' tests kept here ({@code io.slipway.engine}): they need test-support, which needs the engine.
 */
public abstract class EngineTestBase {

    static ContainerLauncher launcher;
    final List<String> deployments = new ArrayList<>();

    @BeforeAll
    static void openLauncher() {
        TestImages.busybox();
        // No grace period: busybox as PID 1 ignores SIGTERM, so every delete would wait 10 s (LifecycleIT checks
        // the grace periods with a launcher of its own).
        launcher = Launchers.open("docker-run?stop-timeout=0s");
    }

    @AfterAll
    static void closeLauncher() {
        launcher.close();
    }

    @AfterEach
    void deleteDeployments() {
        deployments.forEach(launcher::delete);
    }

    /** A deployment name unique to this test run, deleted after the test. */
    protected String deployment() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        deployments.add(name);
        return name;
    }

    LaunchResult apply(String deployment, String yaml) {
        return launcher.apply(deployment, LaunchSpec.parse(yaml), Inputs.empty());
    }

    LaunchResult apply(String deployment, String yaml, Inputs inputs) {
        return launcher.apply(deployment, LaunchSpec.parse(yaml), inputs);
    }

    /** A one-service spec running {@code command} (a YAML flow list) with {@code xslipway} under the service. */
    static String service(String command, String xslipway) {
        return "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: " + command + "\n"
                + (xslipway == null ? "" : "    x-slipway: " + xslipway + "\n");
    }

    protected static com.github.dockerjava.api.DockerClient docker() {
        return TestEngine.client();
    }
}
