package io.slipway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slipway.ContainerLauncher;
import io.slipway.DeploymentStatus;
import io.slipway.DeploymentStatus.ServiceStatus;
import io.slipway.Launchers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway status DEPLOYMENT [-b CONFIG] [--json]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the containers DEPLOYMENT owns, as the backend reports them.")
final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    private SlipwayCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's name.")
    private String deployment;

    @Mixin
    private BackendOption backend;

    @Option(names = "--json", description = "Print {deployment, backend, services: [{service, containerId,"
            + " containerName, state, exitCode, health}], tool} on stdout.")
    private boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Deployments.check(deployment);
        DeploymentStatus status;
        String tool;
        try (ContainerLauncher launcher = Launchers.open(backend.resolve(parent.env()))) {
            status = launcher.status(deployment);
            tool = launcher.describeTool();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = toMap(status);
            m.put("tool", tool);
            out.println(JSON.writeValueAsString(m));
        } else {
            out.println(describe(status));
            out.println("  through " + tool);
        }
        return SlipwayCommand.OK;
    }

    /** The JSON form. */
    static Map<String, Object> toMap(DeploymentStatus status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", status.deployment());
        m.put("backend", status.backend());
        List<Map<String, Object>> services = new ArrayList<>();
        for (ServiceStatus s : status.services()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("service", s.service());
            sm.put("containerId", s.containerId());
            sm.put("containerName", s.containerName());
            sm.put("state", s.state());
            sm.put("exitCode", s.exitCode());
            sm.put("health", s.health());
            services.add(sm);
        }
        m.put("services", services);
        return m;
    }

    /** The human form: a header line, then one line per container (or service without one). */
    static String describe(DeploymentStatus status) {
        StringBuilder sb = new StringBuilder("deployment '" + status.deployment() + "' on " + status.backend() + ": ");
        if (!status.exists()) {
            return sb.append("nothing deployed").toString();
        }
        long n = status.services().stream().filter(s -> s.containerId() != null).count();
        sb.append(n).append(n == 1 ? " container" : " containers");
        long without = status.services().size() - n;
        if (without > 0) {
            sb.append(" and ").append(without).append(without == 1 ? " service" : " services").append(" without one");
        }
        for (ServiceStatus s : status.services()) {
            sb.append("\n  ").append(s.service()).append(": ").append(s.state());
            if (s.exitCode() != null) {
                sb.append(" (exit code ").append(s.exitCode()).append(')');
            }
            if (s.health() != null) {
                sb.append(", ").append(s.health());
            }
            if (s.containerId() != null) {
                sb.append(", container ").append(s.containerName()).append(" (").append(s.containerId()).append(')');
            }
        }
        return sb.toString();
    }
}
