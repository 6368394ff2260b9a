package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.slipway.spec.NetworkSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceNetworking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
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
     * @throws io.slipway.SlipwayException naming an external network that does not exist, or a network the engine
     *         refuses to create, with the engine's reason
     */
    public static synchronized Map<String, String> ensure(DockerClient docker, String deployment, String backend,
            ResolvedSpec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        for (NetworkSpec n : spec.usedNetworks()) {
            String name = engineName(deployment, n);
            names.put(n.key(), name);
            List<Network> found = named(docker, name);
            if (found.isEmpty()) {
                if (n.external()) {
                    throw new io.slipway.SlipwayException("external network '" + name + "' (networks." + n.key()
                            + ") does not exist; create it first, or drop 'external: true' to let Slipway create it");
                }
                create(docker, deployment, backend, n, name);
                // The engine's duplicate check is best effort: another writer may have made one at the same time.
                found = named(docker, name);
            }
            if (found.size() > 1 && !n.external()) {
                heal(docker, Labels.DEPLOYMENT, deployment, name, found);
            }
        }
        return names;
    }

    /** The networks named exactly {@code name} (the engine's name filter also matches parts of names). */
    private static List<Network> named(DockerClient docker, String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> name.equals(n.getName()))
                .toList();
    }

    /**
     * Heals every network name that labels {@code ownerLabel=owner} give to several networks (see {@link #ensure}):
     * for a tool that makes the networks itself, before it runs.
     */
    public static void healDuplicates(DockerClient docker, String ownerLabel, String owner) {
        Map<String, List<Network>> byName = new LinkedHashMap<>();
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(ownerLabel + "=" + owner)).exec()) {
            byName.computeIfAbsent(n.getName(), k -> new ArrayList<>()).add(n);
        }
        byName.forEach((name, found) -> {
            if (found.size() > 1) {
                heal(docker, ownerLabel, owner, name, found);
            }
        });
    }

    /**
     * Leaves one network of {@code name}, where a race (or an older Slipway) made several and containers would fail
     * with "network ... is ambiguous": the one with the most containers is kept (the oldest among equals); the others
     * the deployment owns and no container uses are removed.
     */
    private static void heal(DockerClient docker, String ownerLabel, String owner, String name, List<Network> found) {
        List<Network> inspected = new ArrayList<>();
        for (Network n : found) {
            try {
                inspected.add(docker.inspectNetworkCmd().withNetworkId(n.getId()).exec());
            } catch (NotFoundException e) {
                // removed meanwhile
            }
        }
        inspected.sort(Comparator.comparingInt((Network n) -> -attached(n)).thenComparing(n -> created(n)));
        for (Network extra : inspected.subList(Math.min(1, inspected.size()), inspected.size())) {
            boolean ours = extra.getLabels() != null && owner.equals(extra.getLabels().get(ownerLabel));
            if (!ours || attached(extra) > 0) {
                LOG.warn("Network {} exists {} times; kept {} ({})", name, inspected.size(), extra.getId(),
                        ours ? "containers use it" : "not made by this deployment");
                continue;
            }
            try {
                docker.removeNetworkCmd(extra.getId()).exec();
                LOG.warn("Removed duplicate network {} ({}) of '{}', left by concurrent applies", name,
                        extra.getId(), owner);
            } catch (NotFoundException e) {
                // removed meanwhile
            } catch (DockerException e) {
                LOG.warn("Could not remove duplicate network {} ({}): {}", name, extra.getId(),
                        DockerEngine.rootMessage(e));
            }
        }
    }

    private static int attached(Network n) {
        return n.getContainers() == null ? 0 : n.getContainers().size();
    }

    private static Date created(Network n) {
        return n.getCreated() == null ? new Date(0) : n.getCreated();
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
        try {
            cmd.exec();
        } catch (DockerException e) {
            // e.g. enable_ipv6 without an IPv6 subnet on an engine with no default IPv6 pool: the engine says why.
            throw new io.slipway.SlipwayException("cannot create network '" + name + "' (networks." + n.key()
                    + "): the engine says: " + engineWords(DockerEngine.rootMessage(e)), e);
        }
        LOG.debug("Created network {} ({}) for '{}'", name, n.key(), deployment);
    }

    /** The engine's own message out of docker-java's {@code Status 500: {"message":"..."}}, else the text as it is. */
    static String engineWords(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"") : text;
    }

    /** The networks {@code backend} made for {@code deployment}. */
    public static List<Network> owned(DockerClient docker, String deployment, String backend) {
        return docker.listNetworksCmd().withFilter("label", List.of(Labels.DEPLOYMENT + "=" + deployment,
                Labels.BACKEND + "=" + backend)).exec();
    }
}
