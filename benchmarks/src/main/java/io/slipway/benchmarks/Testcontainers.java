package io.slipway.benchmarks;

import com.github.dockerjava.api.model.HealthCheck;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers competitor: {@code GenericContainer.start()} with startup checks that need no shell in
 * the container, and a pull policy that never pulls (nothing can be pulled here). Ryuk must be off
 * ({@code TESTCONTAINERS_RYUK_DISABLED=true}): its image cannot be pulled either.
 */
final class Testcontainers {

    private final String image;
    private final String runId;
    private final String[] task;
    private final Duration healthInterval;

    private Testcontainers(String image, String runId, BenchConfig config) {
        this.image = image;
        this.runId = runId;
        this.task = Specs.task(config.taskSeconds());
        this.healthInterval = config.healthInterval();
    }

    /** The competitor, or the reason it cannot run here. */
    static Testcontainers open(String image, String runId, BenchConfig config) {
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))
                && !"true".equalsIgnoreCase(System.getProperty("ryuk.disabled"))) {
            throw new IllegalStateException("set TESTCONTAINERS_RYUK_DISABLED=true (its Ryuk image cannot be pulled)");
        }
        DockerClientFactory.instance().client(); // initialise once, outside every timed region
        return new Testcontainers(image, runId, config);
    }

    @SuppressWarnings("resource")
    private GenericContainer<?> container(String... command) {
        return new GenericContainer<>(DockerImageName.parse(image)).withCommand(command)
                .withLabel(BenchEngine.LABEL, runId).withImagePullPolicy(name -> false);
    }

    /** A long-running container, checked with {@link IsRunningStartupCheckStrategy}. */
    GenericContainer<?> running() {
        return container(Specs.SLEEP).withStartupCheckStrategy(new IsRunningStartupCheckStrategy());
    }

    /** A one-shot container: {@code start()} returns once it exited 0. */
    GenericContainer<?> task() {
        return container(task).withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)));
    }

    /** A container with the benchmark's healthcheck: {@code start()} returns once it is healthy. */
    GenericContainer<?> healthy() {
        HealthCheck hc = Specs.healthCheck(healthInterval);
        return container(Specs.SLEEP).withStartupCheckStrategy(new IsRunningStartupCheckStrategy())
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(hc))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(30)));
    }
}
