package io.slipway.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.slipway.SlipwayException;
import io.slipway.engine.Labels;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SpecException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's networks as attachable overlay networks ({@code <deployment>_<key>}, {@code default} included),
 * as {@code docker stack deploy} creates them; external ones must exist and are never touched.
 */
final class SwarmNetworks {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmNetworks.class);

    private SwarmNetworks() {
    }

    /** Drivers whose networks are local to one engine: a swarm service cannot join them (the engine says so late). */
    private static final java.util.Set<String> LOCAL_DRIVERS = java.util.Set.of("bridge", "host", "none");

    /**
     * Refuses, before anything is created, a network the deployment would create with a driver local to one engine:
     * swarm services join only swarm-scoped networks (overlay), as {@code docker stack deploy} requires.
     */
    static void checkDrivers(ResolvedSpec spec) {
        for (NetworkSpec n : spec.usedNetworks()) {
            if (!n.external() && n.driver() != null && LOCAL_DRIVERS.contains(n.driver())) {
                throw new SpecException("networks." + n.key() + ".driver", "driver '" + n.driver() + "' makes a network "
                        + "of one engine, which swarm services cannot join; on the swarm backend use overlay (the default) "
                        + "or a swarm-scoped plugin driver");
            }
        }
    }

    static void ensure(SwarmContext ctx, String deployment, ResolvedSpec spec) {
        DockerClient docker = ctx.engine().calls();
        for (NetworkSpec n : spec.usedNetworks()) {
            if (n.external()) {
                String name = n.name() != null ? n.name() : n.key();
                try {
                    docker.inspectNetworkCmd().withNetworkId(name).exec();
                } catch (NotFoundException e) {
                    throw new SpecException("networks." + n.key(), "external network '" + name + "' does not exist");
                }
                continue;
            }
            String name = StackMapping.networkName(deployment, n);
            if (!docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(x -> name.equals(x.getName()))) {
                Map<String, String> labels = new LinkedHashMap<>(n.labels());
                labels.putAll(SwarmContext.owned(deployment));
                labels.put(StackMapping.NAMESPACE, io.slipway.spec.ProjectNames.of(deployment));
                var cmd = docker.createNetworkCmd().withName(name).withDriver(n.driver() != null ? n.driver() : "overlay")
                        .withAttachable(true).withInternal(n.internal()).withOptions(n.driverOpts()).withLabels(labels);
                if (!n.ipamPools().isEmpty()) {
                    cmd.withIpam(new Network.Ipam().withConfig(n.ipamPools().stream().map(p -> new Network.Ipam.Config()
                            .withSubnet(p.subnet()).withGateway(p.gateway()).withIpRange(p.ipRange())).toList()));
                }
                cmd.exec();
                LOG.debug("Created overlay network {}", name);
            }
        }
    }

    /**
     * Removes the deployment's networks. A task's container leaves its networks a moment after its service is
     * removed, so a network still in use is retried until {@code timeout}.
     */
    static int removeAll(DockerClient docker, String deployment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Network> nets = docker.listNetworksCmd().withFilter("label", List.of(Labels.DEPLOYMENT + "=" + deployment,
                Labels.BACKEND + "=" + SwarmProvider.NAME)).exec();
        int removed = 0;
        for (Network n : nets) {
            while (true) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                    removed++;
                    break;
                } catch (NotFoundException e) {
                    break;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw new SlipwayException("cannot remove network " + n.getName() + " of deployment '"
                                + deployment + "': " + SwarmApply.rootMessage(e), e);
                    }
                    pause();
                }
            }
        }
        return removed;
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted", e);
        }
    }
}
