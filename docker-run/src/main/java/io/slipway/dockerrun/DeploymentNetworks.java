package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceNetworking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks of a deployment on the engine, as Compose makes them: each network a service joins is created with
 * its declared driver, options and address pools unless it exists, labelled as the deployment's, so {@code delete}
 * removes exactly those. An {@code external} network must exist and is never created nor removed; a network with
 * a {@code name} of its own that exists already (someone else's) is joined as it is.
 */
public final class DeploymentNetworks {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentNetworks.class);
    /** The label naming the network's key in the spec. */
    public static final String NETWORK_LABEL = "io.slipway.network";

    private DeploymentNetworks() {
    }

    /**
     * The engine's name of network {@code key}: its {@code name} when given, {@code slipway_<deployment>} for the
     * default one, else {@code slipway_<deployment>_<key>}.
     */
    public static String engineName(String deployment, NetworkSpec n) {
        if (n.name() != null) {
            return n.name();
        }
        return n.key().equals(ServiceNetworking.DEFAULT_NETWORK) ? "slipway_" + deployment
                : "slipway_" + deployment + "_" + n.key();
    }

    /**
     * Makes every network a service of {@code spec} joins exist; returns their engine names by key.
     *
     * @throws io.slipway.SlipwayException naming an external network that does not exist
     */
    static synchronized Map<String, String> ensure(DockerClient docker, String deployment, String backend,
            ResolvedSpec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        for (NetworkSpec n : spec.usedNetworks()) {
            String name = engineName(deployment, n);
            names.put(n.key(), name);
            if (exists(docker, name)) {
                continue;
            }
            if (n.external()) {
                throw new io.slipway.SlipwayException("external network '" + name + "' (networks." + n.key()
                        + ") does not exist; create it first, or drop 'external: true' to let Slipway create it");
            }
            create(docker, deployment, backend, n, name);
        }
        return names;
    }

    private static boolean exists(DockerClient docker, String name) {
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void create(DockerClient docker, String deployment, String backend, NetworkSpec n, String name) {
        Map<String, String> labels = new LinkedHashMap<>(n.labels());
        labels.put(Labels.DEPLOYMENT, deployment);
        labels.put(Labels.BACKEND, backend);
        labels.put(NETWORK_LABEL, n.key());
        CreateNetworkCmd cmd = docker.createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(true)
                .withInternal(n.internal()).withAttachable(n.attachable()).withEnableIpv6(n.enableIpv6());
        if (n.driver() != null) {
            cmd.withDriver(n.driver());
        }
        if (!n.driverOpts().isEmpty()) {
            cmd.withOptions(n.driverOpts());
        }
        if (!n.ipamPools().isEmpty() || n.ipamDriver() != null) {
            Network.Ipam ipam = new Network.Ipam();
            if (n.ipamDriver() != null) {
                ipam.withDriver(n.ipamDriver());
            }
            ipam.withConfig(n.ipamPools().stream().map(p -> {
                Network.Ipam.Config c = new Network.Ipam.Config().withSubnet(p.subnet());
                if (p.gateway() != null) {
                    c.withGateway(p.gateway());
                }
                if (p.ipRange() != null) {
                    c.withIpRange(p.ipRange());
                }
                return c;
            }).toList());
            cmd.withIpam(ipam);
        }
        cmd.exec();
        LOG.debug("Created network {} ({}) for '{}'", name, n.key(), deployment);
    }

    /** The networks {@code backend} made for {@code deployment}. */
    static List<Network> owned(DockerClient docker, String deployment, String backend) {
        return docker.listNetworksCmd().withFilter("label", List.of(Labels.DEPLOYMENT + "=" + deployment,
                Labels.BACKEND + "=" + backend)).exec();
    }
}
