package io.slipway.heat.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import io.slipway.engine.DockerEngine;
import io.slipway.heat.group.DockerCmdGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker-cmd}'s commands through the Engine API (the engine {@code DOCKER_HOST} names, else the local
 * socket), with the outputs and exit codes the {@code docker} CLI gives: a detached run prints the container id,
 * a foreground run the container's output and its exit code; a run that cannot start exits 125, or 126/127 when
 * the command cannot be executed or found; a missing image is pulled first, as {@code docker run} does.
 */
public final class EngineTool implements ContainerTool {

    private static final Logger LOG = LoggerFactory.getLogger(EngineTool.class);
    /** docker-java's message for an error response: the status, then the daemon's JSON body. */
    private static final Pattern DAEMON_ERROR = Pattern.compile("^Status \\d+: (\\{.*\\})$", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerEngine engine;
    private final DockerClient docker;
    private final Map<String, String> env;
    private final Path workDir;

    /**
     * Connects to the engine named by {@code env} ({@code DOCKER_HOST}, ...).
     *
     * @param workDir the directory relative {@code env_file} paths resolve against
     */
    public EngineTool(Map<String, String> env, Path workDir) {
        this.engine = DockerEngine.connect(null, null, null, null, env);
        this.docker = engine.calls();
        this.env = env;
        this.workDir = workDir;
    }

    @Override
    public boolean exists(String name) {
        try {
            String found = docker.inspectContainerCmd(name).exec().getName();
            return ("/" + name).equals(found); // not an id prefix that happens to match
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public ToolResult run(String name, Map<String, String> labels, DockerCmdContainer c) {
        if (c.image().isBlank()) {
            return new ToolResult("", "docker: invalid reference format: container '" + c.key() + "' has no image.\n", 125);
        }
        List<String> environment;
        HostConfig host;
        try {
            environment = DockerEnvironment.of(c, env, workDir);
            host = hostConfig(c);
        } catch (IllegalArgumentException e) {
            return new ToolResult("", "docker: " + e.getMessage() + ".\n", 125);
        }
        String id;
        StringBuilder err = new StringBuilder();
        try {
            id = create(name, labels, c, environment, host, err);
        } catch (DockerException e) {
            return new ToolResult("", err + "docker: Error response from daemon: " + daemon(e) + ".\n", 125);
        }
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            String m = daemon(e);
            int code = m.contains("permission denied") ? 126
                    : m.contains("executable file not found") || m.contains("no such file or directory") ? 127 : 125;
            return new ToolResult("", err + "docker: Error response from daemon: " + m + ".\n", code);
        }
        if (c.detach()) {
            return new ToolResult(id + "\n", err.toString(), 0);
        }
        Integer code = docker.waitContainerCmd(id).start().awaitStatusCode();
        String[] out = logs(id);
        return new ToolResult(out[0], err + out[1], code == null ? 125 : code);
    }

    private String create(String name, Map<String, String> labels, DockerCmdContainer c, List<String> environment,
            HostConfig host, StringBuilder err) {
        try {
            return createCmd(name, labels, c, environment, host).exec().getId();
        } catch (NotFoundException missingImage) {
            err.append("Unable to find image '").append(c.image()).append("' locally\n");
            pull(c.image());
            return createCmd(name, labels, c, environment, host).exec().getId();
        }
    }

    private CreateContainerCmd createCmd(String name, Map<String, String> labels, DockerCmdContainer c,
            List<String> environment, HostConfig host) {
        CreateContainerCmd cmd = docker.createContainerCmd(c.image()).withName(name).withLabels(labels)
                .withEnv(environment).withHostConfig(host);
        List<Volume> anonymous = new ArrayList<>();
        for (String v : c.volumes()) {
            if (!v.contains(":")) {
                anonymous.add(new Volume(v));
            }
        }
        if (!anonymous.isEmpty()) {
            cmd.withVolumes(anonymous);
        }
        if (!c.command().isEmpty()) {
            cmd.withCmd(c.command());
        }
        if (c.user() != null) {
            cmd.withUser(c.user());
        }
        return cmd;
    }

    private void pull(String image) {
        String repository = image;
        String tag = "latest";
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (image.contains("@")) {
            tag = null;
        } else if (colon > slash) {
            repository = image.substring(0, colon);
            tag = image.substring(colon + 1);
        }
        LOG.info("docker-cmd: pulling {}", image);
        try {
            var cmd = docker.pullImageCmd(repository);
            if (tag != null) {
                cmd.withTag(tag);
            }
            if (!cmd.exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pulling " + image + " took longer than 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + image, e);
        }
    }

    private static HostConfig hostConfig(DockerCmdContainer c) {
        HostConfig host = HostConfig.newHostConfig();
        List<Bind> binds = new ArrayList<>();
        for (String v : c.volumes()) {
            if (v.contains(":")) {
                binds.add(Bind.parse(v));
            }
        }
        host.withBinds(binds);
        if (!c.volumesFrom().isEmpty()) {
            host.withVolumesFrom(c.volumesFrom().stream().map(VolumesFrom::parse).toArray(VolumesFrom[]::new));
        }
        if (c.net() != null) {
            host.withNetworkMode(c.net());
        }
        if (c.pid() != null) {
            host.withPidMode(c.pid());
        }
        if (c.privileged() != null) {
            host.withPrivileged(c.privileged());
        }
        if (c.restart() != null) {
            host.withRestartPolicy(c.restart().equals("no") ? RestartPolicy.noRestart() : RestartPolicy.parse(c.restart()));
        }
        return host;
    }

    @Override
    public ToolResult exec(String container, DockerCmdContainer c, List<String> args) {
        if (args.isEmpty()) {
            return new ToolResult("", "\"docker exec\" requires at least 2 arguments.\n", 1);
        }
        String execId;
        try {
            ExecCreateCmd x = docker.execCreateCmd(container).withCmd(args.toArray(String[]::new)).withAttachStdout(true)
                    .withAttachStderr(true);
            if (c.privileged() != null) {
                x.withPrivileged(c.privileged());
            }
            if (c.user() != null) {
                x.withUser(c.user());
            }
            execId = x.exec().getId();
        } catch (NotFoundException e) {
            return new ToolResult("", "Error: No such container: " + container + "\n", 1);
        } catch (DockerException e) {
            return new ToolResult("", "Error response from daemon: " + daemon(e) + "\n", 1);
        }
        Output out = new Output();
        try {
            docker.execStartCmd(execId).exec(out).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolResult(out.stdout(), out.stderr() + "interrupted\n", 130);
        } catch (DockerException e) {
            return new ToolResult(out.stdout(), out.stderr() + daemon(e) + "\n", 126);
        }
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ToolResult(out.stdout(), out.stderr(), code == null ? 126 : code.intValue());
    }

    @Override
    public List<String> names(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            out.add(name(c));
        }
        return out;
    }

    @Override
    public List<Managed> managed() {
        List<Managed> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerCmdGroup.MANAGED_BY, DockerCmdGroup.NAME)).exec()) {
            out.add(new Managed(c.getId(), name(c), "running".equals(c.getState()),
                    c.getLabels() == null ? Map.of() : c.getLabels()));
        }
        return out;
    }

    @Override
    public List<String> configIds() {
        List<String> out = new ArrayList<>();
        for (Managed m : managed()) {
            if (!m.label(DockerCmdGroup.CONFIG_ID).isEmpty()) {
                out.add(m.label(DockerCmdGroup.CONFIG_ID));
            }
        }
        return out;
    }

    @Override
    public List<String> containersOf(String configId) {
        List<String> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(
                Map.of(DockerCmdGroup.MANAGED_BY, DockerCmdGroup.NAME, DockerCmdGroup.CONFIG_ID, configId)).exec()) {
            out.add(c.getId());
        }
        return out;
    }

    @Override
    public List<NamedContainer> containerNames() {
        List<NamedContainer> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
            String label = c.getLabels() == null ? null : c.getLabels().get(DockerCmdGroup.CONTAINER_NAME);
            out.add(new NamedContainer(name(c), label == null ? "" : label));
        }
        return out;
    }

    private static String name(Container c) {
        String[] names = c.getNames();
        return names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
    }

    @Override
    public ToolResult remove(String id) {
        return call(id, () -> docker.removeContainerCmd(id).withForce(true).exec());
    }

    @Override
    public ToolResult rename(String id, String name) {
        return call(id, () -> docker.renameContainerCmd(id).withName(name).exec());
    }

    @Override
    public ToolResult stop(String id) {
        return call(id, () -> docker.stopContainerCmd(id).exec());
    }

    @Override
    public ToolResult start(String id) {
        return call(id, () -> docker.startContainerCmd(id).exec());
    }

    private static ToolResult call(String id, Runnable call) {
        try {
            call.run();
            return new ToolResult(id + "\n", "", 0);
        } catch (NotModifiedException e) {
            return new ToolResult(id + "\n", "", 0);
        } catch (NotFoundException e) {
            return new ToolResult("", "Error: No such container: " + id + "\n", 1);
        } catch (ConflictException e) {
            return new ToolResult("", "Error response from daemon: " + daemon(e) + "\n", 1);
        } catch (DockerException e) {
            return new ToolResult("", "Error response from daemon: " + daemon(e) + "\n", 1);
        }
    }

    /** A container's stdout and stderr so far. */
    private String[] logs(String id) {
        Output out = new Output();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(out).awaitCompletion(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new String[] {out.stdout(), out.stderr()};
    }

    @Override
    public void close() {
        engine.close();
    }

    /** What the daemon said: the {@code message} of its JSON error body when there is one. */
    static String daemon(Exception e) {
        String m = DockerEngine.rootMessage(e);
        Matcher body = DAEMON_ERROR.matcher(m);
        if (body.matches()) {
            try {
                Object message = JSON.readValue(body.group(1), Map.class).get("message");
                if (message instanceof String text && !text.isBlank()) {
                    return text.strip();
                }
            } catch (JsonProcessingException notJson) {
                // keep the whole text
            }
        }
        return m;
    }

    /** Collects a multiplexed stream's frames by stream. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();

        @Override
        public synchronized void onNext(Frame f) {
            String s = new String(f.getPayload(), StandardCharsets.UTF_8);
            (f.getStreamType() == StreamType.STDERR ? stderr : stdout).append(s);
        }

        synchronized String stdout() {
            return stdout.toString();
        }

        synchronized String stderr() {
            return stderr.toString();
        }
    }
}
