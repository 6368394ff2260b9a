package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a deployment owns on the engine, found by its labels: containers and its network. */
final class DeploymentContainers {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentContainers.class);

    private DeploymentContainers() {
    }

    /** Every container {@code backend} made for {@code deployment} (running or not), grouped by service name. */
    static Map<String, List<Container>> byService(DockerClient docker, String deployment, String backend) {
        Map<String, List<Container>> out = new TreeMap<>();
        for (Container c : list(docker, deployment, backend)) {
            String service = c.getLabels().getOrDefault(Labels.SERVICE, "");
            out.computeIfAbsent(service, k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /**
     * Every container {@code backend} made for {@code deployment}: a deployment of the same name on another backend
     * (compose labels its containers too) is not this backend's to change or remove.
     */
    static List<Container> list(DockerClient docker, String deployment, String backend) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.DEPLOYMENT, deployment, Labels.BACKEND, backend)).exec();
    }

    /** Removes a container, running or not, with its anonymous volumes; a container already gone is fine. */
    static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            // "removal already in progress": someone else is removing it
            LOG.debug("Container {} is being removed already", id);
        }
    }

    /**
     * Stops {@code c} when it runs, giving it {@code stopTimeout} (or its own, {@link #stopSeconds}) to finish as
     * {@code docker stop} does, then removes it as {@link #remove} does: a database gets to flush before its
     * container goes, as with {@code docker compose down}.
     */
    static void stopAndRemove(DockerClient docker, Container c, Duration stopTimeout) {
        if ("running".equals(c.getState())) {
            stop(docker, c, stopTimeout);
        }
        remove(docker, c.getId());
    }

    /**
     * Stops {@code c} as {@code docker stop} does, with {@code stopTimeout} or its own grace period
     * ({@link #stopSeconds}); returns false when it was gone or stopped already.
     */
    static boolean stop(DockerClient docker, Container c, Duration stopTimeout) {
        try {
            // docker-java always sends a timeout (10 s unless set), which overrides the container's own.
            docker.stopContainerCmd(c.getId()).withTimeout(stopSeconds(c, stopTimeout)).exec();
            return true;
        } catch (NotFoundException | NotModifiedException e) {
            return false;
        }
    }

    /**
     * Stops and removes {@code containers} ({@link #stopAndRemove}), several at a time ({@link #inParallel}): each
     * waits on the engine (the grace period, the teardown), so one at a time a hundred took ~10 s even killed.
     */
    static void removeAll(DockerClient docker, List<Container> containers, Duration stopTimeout) {
        inParallel(containers, c -> stopAndRemove(docker, c, stopTimeout));
    }

    /**
     * The grace period to stop {@code c} with, in whole seconds: {@code stopTimeout} (the launcher's
     * {@code stop-timeout}) when set, else the container's own ({@link Labels#STOP_TIMEOUT}), else the engine's 10 s.
     */
    static int stopSeconds(Container c, Duration stopTimeout) {
        if (stopTimeout != null) {
            return (int) Math.max(0, (stopTimeout.toMillis() + 999) / 1000);
        }
        try {
            return Integer.parseInt(c.getLabels().getOrDefault(Labels.STOP_TIMEOUT, "10"));
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    /**
     * Runs {@code action} on each container, up to {@link DockerRunApply#MAX_THREADS} at a time, for engine calls
     * that wait (stop, remove) or are many (the inspects of a status).
     *
     * @throws RuntimeException the first error, after every container was tried
     */
    static void inParallel(List<Container> containers, Consumer<Container> action) {
        if (containers.size() <= 1) {
            containers.forEach(action);
            return;
        }
        int threads = Math.min(DockerRunApply.MAX_THREADS, containers.size());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "slipway-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture.allOf(containers.stream()
                    .map(c -> CompletableFuture.runAsync(() -> action.accept(c), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdown();
        }
    }

    /** Removes the networks the deployment owns; returns how many. */
    static int removeNetworks(DockerClient docker, String deployment, String backend) {
        int n = 0;
        for (Network net : DeploymentNetworks.owned(docker, deployment, backend)) {
            try {
                docker.removeNetworkCmd(net.getId()).exec();
                n++;
            } catch (NotFoundException e) {
                // already gone
            }
        }
        return n;
    }
}
