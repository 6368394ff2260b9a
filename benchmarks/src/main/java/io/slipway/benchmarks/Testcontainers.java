package io.slipway.benchmarks;

import com.github.dockerjava.api.model.HealthCheck;
import java.time.Duration;
import java.util.List;
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

    private Testcontainers(String image, String runId) {
        this.image = image;
        this.runId = runId;
    }

    /** The competitor, or the reason it cannot run here. */
    static Testcontainers open(String image, String runId) {
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))
                && !"true".equalsIgnoreCase(System.getProperty("ryuk.disabled"))) {
            throw new IllegalStateException("set TESTCONTAINERS_RYUK_DISABLED=true (its Ryuk image cannot be pulled)");
        }
        DockerClientFactory.instance().client(); // initialise once, outside every timed region
        return new Testcontainers(image, runId);
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
        return container(Specs.TASK).withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)));
    }

    /** A container with the benchmark's healthcheck: {@code start()} returns once it is healthy. */
    GenericContainer<?> healthy() {
        HealthCheck hc = new HealthCheck().withTest(List.of("CMD", "true")).withInterval(Specs.HEALTH_INTERVAL_NANOS)
                .withTimeout(5_000_000_000L).withRetries(3);
        return container(Specs.SLEEP).withStartupCheckStrategy(new IsRunningStartupCheckStrategy())
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(hc))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(30)));
    }
}
