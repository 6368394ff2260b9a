package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
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
     * Removes {@code containers} as {@link #remove} does, several at a time ({@link #inParallel}): each removal
     * waits on the engine (a kill, the container's teardown), so one at a time a hundred took ~10 s.
     */
    static void removeAll(DockerClient docker, List<Container> containers) {
        inParallel(containers, c -> remove(docker, c.getId()));
    }

    /**
     * Runs {@code action} on each container, up to {@link DeploymentRun#MAX_THREADS} at a time, for engine calls
     * that wait (stop, remove).
     *
     * @throws RuntimeException the first error, after every container was tried
     */
    static void inParallel(List<Container> containers, Consumer<Container> action) {
        if (containers.size() <= 1) {
            containers.forEach(action);
            return;
        }
        int threads = Math.min(DeploymentRun.MAX_THREADS, containers.size());
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

    /** The name of the deployment's network. */
    static String networkName(String deployment) {
        return "slipway_" + deployment;
    }

    /** Creates the deployment's network unless it exists; returns its name. */
    static synchronized String ensureNetwork(DockerClient docker, String deployment, String backend) {
        String name = networkName(deployment);
        if (!networks(docker, deployment, backend).isEmpty()) {
            return name;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.DEPLOYMENT, deployment);
        labels.put(Labels.BACKEND, backend);
        docker.createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(true).exec();
        return name;
    }

    /** The networks the deployment owns. */
    static List<Network> networks(DockerClient docker, String deployment, String backend) {
        return docker.listNetworksCmd().withFilter("label", List.of(Labels.DEPLOYMENT + "=" + deployment,
                Labels.BACKEND + "=" + backend)).exec();
    }

    /** Removes the networks the deployment owns; returns how many. */
    static int removeNetworks(DockerClient docker, String deployment, String backend) {
        int n = 0;
        for (Network net : networks(docker, deployment, backend)) {
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
