package io.slipway.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

/**
 * The engine as the harness sees it: the raw docker-java client (the raw Engine API competitor, and the
 * harness's own inspections), a stream client for the event subscription, the image, and the sweep that
 * removes everything the benchmark made.
 */
final class BenchEngine implements AutoCloseable {

    /** Every container a benchmark competitor makes carries this label (value: the run's id). */
    static final String LABEL = "io.slipway.bench";

    final DockerClient docker;
    final DockerClient streams;
    final String image;
    final String apiVersion;
    final String engineVersion;
    final EngineEvents events;

    BenchEngine() {
        docker = TestEngine.client();
        apiVersion = TestEngine.apiVersion();
        image = TestImages.busybox();
        engineVersion = docker.versionCmd().exec().getVersion();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withApiVersion(apiVersion).build();
        streams = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10)).build());
        events = new EngineEvents(streams);
    }

    /** Removes every container labelled {@link #LABEL}, 16 at a time; returns how many. */
    int sweepContainers() {
        List<Container> all = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Container c : all) {
                done.add(pool.submit(() -> removeQuietly(c.getId())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cleaning up benchmark containers failed", e);
        } finally {
            pool.shutdownNow();
        }
        return all.size();
    }

    /** Removes networks whose names start with {@code prefix} and that no container uses any more. */
    void sweepNetworks(String prefix) {
        for (Network n : docker.listNetworksCmd().exec()) {
            if (n.getName() != null && n.getName().startsWith(prefix)) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                } catch (RuntimeException e) {
                    // in use by something that is not ours, or gone
                }
            }
        }
    }

    void removeQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone
        } catch (RuntimeException e) {
            // "removal already in progress"
        }
    }

    @Override
    public void close() {
        events.close();
        try {
            streams.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
