package io.slipway.heat.tool;

import io.slipway.heat.group.DockerCmdGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker-cmd}'s commands run through the CLI that {@code HEAT_DOCKER_CMD} names (podman, a wrapper, a
 * pinned docker), with the arguments heat-agents' {@code hook-docker-cmd.py} and its cleanup script
 * {@code 50-heat-config-docker-cmd} pass, but {@code --volumes-from} spelled as the CLI spells it.
 */
public final class CliTool implements ContainerTool {

    private static final Logger LOG = LoggerFactory.getLogger(CliTool.class);
    /** The labels {@link #managed()} reads, in the order of its format's columns after id, name and state. */
    private static final List<String> LABELS = List.of(DockerCmdGroup.CONFIG_ID, DockerCmdGroup.CONFIG_NAME,
            DockerCmdGroup.CONTAINER_NAME, DockerCmdGroup.DEPLOY_STACK_ID, DockerCmdGroup.DEPLOY_RESOURCE_NAME,
            DockerCmdGroup.MANAGED_BY);

    private final String cli;
    private final Map<String, String> env;
    private final Path workDir;

    /** Runs {@code cli} with {@code env} as its environment, in {@code workDir}. */
    public CliTool(String cli, Map<String, String> env, Path workDir) {
        this.cli = cli;
        this.env = env;
        this.workDir = workDir;
    }

    private ToolResult call(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(cli);
        command.addAll(args);
        LOG.debug("docker-cmd: running {} {}", cli, args.isEmpty() ? "" : args.get(0));
        return Processes.run(command, env, workDir);
    }

    @Override
    public boolean exists(String name) {
        ToolResult r = call(List.of("inspect", "--format", "exists", name));
        return r.ok() && !r.stdout().isBlank();
    }

    @Override
    public ToolResult run(String name, Map<String, String> labels, DockerCmdContainer c) {
        List<String> a = new ArrayList<>(List.of("run", "--name", name));
        labels.forEach((k, v) -> {
            a.add("--label");
            a.add(k + "=" + v);
        });
        if (c.detach()) {
            a.add("--detach=true");
        }
        c.envFiles().forEach(f -> a.add("--env-file=" + f));
        c.environment().forEach(e -> a.add("--env=" + e));
        if (c.net() != null) {
            a.add("--net=" + c.net());
        }
        if (c.pid() != null) {
            a.add("--pid=" + c.pid());
        }
        if (c.privileged() != null) {
            a.add("--privileged=" + c.privileged());
        }
        if (c.restart() != null) {
            a.add("--restart=" + c.restart());
        }
        if (c.user() != null) {
            a.add("--user=" + c.user());
        }
        c.volumes().forEach(v -> a.add("--volume=" + v));
        c.volumesFrom().forEach(v -> a.add("--volumes-from=" + v));
        a.add(c.image());
        a.addAll(c.command());
        return call(a);
    }

    @Override
    public ToolResult exec(String container, DockerCmdContainer c, List<String> args) {
        List<String> a = new ArrayList<>(List.of("exec"));
        if (c.privileged() != null) {
            a.add("--privileged=" + c.privileged());
        }
        if (c.user() != null) {
            a.add("--user=" + c.user());
        }
        a.add(container);
        a.addAll(args);
        return call(a);
    }

    @Override
    public List<String> names(Map<String, String> labels) {
        List<String> a = new ArrayList<>(List.of("ps", "-a"));
        labels.forEach((k, v) -> {
            a.add("--filter");
            a.add("label=" + k + "=" + v);
        });
        a.add("--format");
        a.add("{{.Names}}");
        ToolResult r = call(a);
        return r.ok() ? words(r.stdout()) : List.of();
    }

    @Override
    public List<Managed> managed() {
        StringBuilder format = new StringBuilder("{{.ID}}\t{{.Names}}\t{{.State}}");
        LABELS.forEach(l -> format.append("\t{{.Label \"").append(l).append("\"}}"));
        ToolResult r = call(List.of("ps", "-a", "--filter", "label=" + DockerCmdGroup.MANAGED_BY + "=" + DockerCmdGroup.NAME,
                "--format", format.toString()));
        List<Managed> out = new ArrayList<>();
        if (!r.ok()) {
            LOG.warn("docker-cmd: cannot list managed containers: {}", r.stderr().strip());
            return out;
        }
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 3 + LABELS.size() || f[0].isBlank()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < LABELS.size(); i++) {
                if (!f[3 + i].isEmpty() && !f[3 + i].equals("<no value>")) {
                    labels.put(LABELS.get(i), f[3 + i]);
                }
            }
            out.add(new Managed(f[0].strip(), f[1].strip(), f[2].strip().equals("running"), labels));
        }
        return out;
    }

    @Override
    public List<String> configIds() {
        ToolResult r = call(List.of("ps", "-a", "--filter", "label=" + DockerCmdGroup.MANAGED_BY + "=" + DockerCmdGroup.NAME,
                "--format", "{{.Label \"" + DockerCmdGroup.CONFIG_ID + "\"}}"));
        return r.ok() ? words(r.stdout()) : List.of();
    }

    @Override
    public List<String> containersOf(String configId) {
        ToolResult r = call(List.of("ps", "-q", "-a", "--filter", "label=" + DockerCmdGroup.MANAGED_BY + "=" + DockerCmdGroup.NAME,
                "--filter", "label=" + DockerCmdGroup.CONFIG_ID + "=" + configId));
        return r.ok() ? words(r.stdout()) : List.of();
    }

    @Override
    public List<NamedContainer> containerNames() {
        ToolResult r = call(List.of("ps", "-a", "--format", "{{.Names}} {{.Label \"" + DockerCmdGroup.CONTAINER_NAME + "\"}}"));
        if (!r.ok()) {
            return null;
        }
        List<NamedContainer> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            List<String> w = words(line);
            if (!w.isEmpty()) {
                // as heat-agents reads it: the first word is the name, the last the label, when there are two
                out.add(new NamedContainer(w.get(0), w.size() < 2 ? "" : w.get(w.size() - 1)));
            }
        }
        return out;
    }

    @Override
    public ToolResult remove(String id) {
        return call(List.of("rm", "-f", id));
    }

    @Override
    public ToolResult rename(String id, String name) {
        return call(List.of("rename", id, name));
    }

    @Override
    public ToolResult stop(String id) {
        return call(List.of("stop", id));
    }

    @Override
    public ToolResult start(String id) {
        return call(List.of("start", id));
    }

    @Override
    public void close() {
        // nothing held
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
