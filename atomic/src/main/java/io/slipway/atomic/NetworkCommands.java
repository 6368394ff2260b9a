package io.slipway.atomic;

import static io.slipway.atomic.DefaultRunCommand.add;

import io.slipway.engine.DeploymentNetworks;
import io.slipway.engine.Labels;
import io.slipway.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/** The agent's {@code docker network create} for one of the deployment's networks, with its declared options. */
final class NetworkCommands {

    private NetworkCommands() {
    }

    /** {@code docker network create} of network {@code n} as {@code name}, labelled as the deployment's. */
    static List<String> create(String deployment, NetworkSpec n, String name) {
        List<String> argv = new ArrayList<>(List.of("docker", "network", "create"));
        n.labels().forEach((k, v) -> add(argv, "--label", k + "=" + v));
        add(argv, "--label", Labels.DEPLOYMENT + "=" + deployment);
        add(argv, "--label", Labels.BACKEND + "=" + AtomicProvider.NAME);
        add(argv, "--label", DeploymentNetworks.NETWORK_LABEL + "=" + n.key());
        if (n.driver() != null) {
            add(argv, "--driver", n.driver());
        }
        n.driverOpts().forEach((k, v) -> add(argv, "--opt", k + "=" + v));
        if (n.internal()) {
            argv.add("--internal");
        }
        if (n.attachable()) {
            argv.add("--attachable");
        }
        if (n.enableIpv6()) {
            argv.add("--ipv6");
        }
        if (n.ipamDriver() != null) {
            add(argv, "--ipam-driver", n.ipamDriver());
        }
        for (NetworkSpec.IpamPool p : n.ipamPools()) {
            add(argv, "--subnet", p.subnet());
            if (p.gateway() != null) {
                add(argv, "--gateway", p.gateway());
            }
            if (p.ipRange() != null) {
                add(argv, "--ip-range", p.ipRange());
            }
        }
        argv.add(name);
        return argv;
    }
}
