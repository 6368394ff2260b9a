package io.slipway.junit;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.slipway.Launchers;
import io.slipway.ServiceResult;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.EngineOptions;
import io.slipway.spec.PortMapping;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Host ports of a deployment's containers. Every built-in backend runs containers on a Docker engine, so the port the
 * engine bound is read there, from the engine the config string names (found as the backend finds it; swarm publishes
 * in host mode, so a task's container binds its port too); else the port the spec publishes. One connection, opened on first
 * use and closed with the deployment.
 */
final class HostPorts implements AutoCloseable {

    private final String config;
    private DockerEngine engine;

    HostPorts(String config) {
        this.config = config;
    }

    synchronized int hostPort(String deployment, ServiceResult service, int containerPort, Supplier<ResolvedSpec> spec) {
        List<String> published = new ArrayList<>();
        if (service.containerId() != null) {
            InspectContainerResponse inspect = engine().calls().inspectContainerCmd(service.containerId()).exec();
            Ports ports = inspect.getNetworkSettings() == null ? null : inspect.getNetworkSettings().getPorts();
            Map<ExposedPort, Ports.Binding[]> bindings = ports == null ? Map.of() : ports.getBindings();
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : bindings.entrySet()) {
                for (Ports.Binding b : e.getValue() == null ? new Ports.Binding[0] : e.getValue()) {
                    if (b.getHostPortSpec() == null || b.getHostPortSpec().isBlank()) {
                        continue;
                    }
                    published.add(b.getHostPortSpec() + "->" + e.getKey());
                    if (e.getKey().getPort() == containerPort && e.getKey().getProtocol() == com.github.dockerjava.api
                            .model.InternetProtocol.TCP) {
                        return Integer.parseInt(b.getHostPortSpec());
                    }
                }
            }
        }
        ServiceSpec s = spec.get().services().stream().filter(x -> x.name().equals(service.name())).findFirst()
                .orElse(null);
        if (s != null) {
            for (PortMapping p : s.networking().ports()) {
                if (p.containerPort() == containerPort && p.hostPort() != null && "tcp".equalsIgnoreCase(p.protocol())) {
                    return p.hostPort();
                }
                if (p.hostPort() != null) {
                    published.add(p.hostPort() + "->" + p.containerPort() + "/" + p.protocol());
                }
            }
        }
        throw new IllegalArgumentException("service '" + service.name() + "' of deployment '" + deployment
                + "' publishes no host port for " + containerPort + "/tcp"
                + (service.containerId() == null ? " (it has no single container: " + service.replicas().size()
                        + " replicas)" : "")
                + "; it publishes " + (published.isEmpty() ? "none" : String.join(", ", published))
                + " (publish it in the spec: ports: [\"" + containerPort + "\"])");
    }

    private DockerEngine engine() {
        if (engine == null) {
            LauncherConfig lc = Launchers.configure(provider(), config);
            engine = DockerEngine.connect(EngineOptions.endpoint(lc, System.getenv()), lc.get(EngineOptions.API_VERSION),
                    System.getenv());
        }
        return engine;
    }

    private LauncherProvider provider() {
        String name = config.split("[:?]", 2)[0];  // the backend's name: the rest may hold a password
        return Launchers.available().stream().filter(p -> p.name().equals(name) || p.aliases().contains(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("no backend '" + name + "' installed"));
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
