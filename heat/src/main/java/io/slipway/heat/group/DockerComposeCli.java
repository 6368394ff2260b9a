package io.slipway.heat.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.slipway.heat.DispatcherFile;
import io.slipway.heat.HookException;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.tool.ContainerTool.ToolResult;
import io.slipway.heat.tool.Processes;
import io.slipway.spi.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code docker-compose} group in heat-agents' compatibility mode: {@code HEAT_DOCKER_COMPOSE_CMD} names the
 * Compose tool, and the hook runs it exactly as heat-agents' {@code hook-docker-compose.py} does.
 *
 * <ul>
 * <li>The project directory {@code $HEAT_DOCKER_COMPOSE_WORKING/<item name>} is created 0700; the item's config is
 *     written there as {@value DockerComposeGroup#COMPOSE_FILE} as given (YAML text as it is, a map as YAML), which
 *     heat-agents' {@code 50-heat-config-docker-compose} did before the hook ran: Compose decides what is valid.</li>
 * <li>The {@code env_files} a service's {@code env_file} names are written 0600 into the project directory.</li>
 * <li>One call: {@code $HEAT_DOCKER_COMPOSE_CMD up -d --no-build}, in the project directory, with the hook's whole
 *     environment; the answer is the tool's stdout, stderr and exit code, as they are.</li>
 * <li>Slipway's additions come after that sequence or instead of the original's nothing: DELETE runs
 *     {@code down} in the project directory and removes it, SUSPEND runs {@code stop}. Stale projects are taken
 *     down by the installed {@code 50-heat-config-docker-compose} ({@code slipway hook cleanup docker-compose}),
 *     as in heat-agents.</li>
 * </ul>
 */
final class DockerComposeCli {

    private static final Logger LOG = LoggerFactory.getLogger(DockerComposeCli.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final String cmd;
    private final Map<String, String> env;
    private final Path root;

    /** Runs {@code cmd} with {@code env}, projects under {@code root}. */
    DockerComposeCli(String cmd, Map<String, String> env, Path root) {
        this.cmd = cmd;
        this.env = env;
        this.root = root;
    }

    HookResponse run(HookItem item) {
        String action = item.action();
        Path project = root.resolve(DockerComposeGroup.projectName(item));
        PrivateFiles.directory(project);
        if (action.equals("DELETE")) {
            down(project);
            return HookResponse.of("", "", 0);
        }
        if (!item.hasConfig()) {
            LOG.debug("docker-compose: no config, nothing to do");
            return HookResponse.of("", "", 0);
        }
        Object config = item.config();
        PrivateFiles.write(project.resolve(DockerComposeGroup.COMPOSE_FILE), config instanceof String s ? s : yaml(config));
        Map<String, Object> document = null;
        try {
            document = DockerComposeGroup.document(item);
        } catch (HookException e) {
            LOG.warn("docker-compose: {}; no env files written, the tool decides", e.getMessage());
        }
        if (document != null) {
            DockerComposeGroup.writeEnvFiles(item, document, project);
        }
        List<String> args = action.equals("SUSPEND") ? List.of("stop") : List.of("up", "-d", "--no-build");
        ToolResult r = call(args, project);
        if (r.exitCode() != 0) {
            LOG.error("docker-compose: error running {} {}: exit code {}", cmd, String.join(" ", args), r.exitCode());
        }
        return HookResponse.of(r.stdout(), r.stderr(), r.exitCode());
    }

    /**
     * What heat-agents' {@code 50-heat-config-docker-compose} does before the hooks run: each project directory
     * (one with a {@value DockerComposeGroup#COMPOSE_FILE}) whose name is in none of the dispatcher's current
     * deployments is taken down ({@code down} there, where the original ran {@code kill}) and removed.
     *
     * @return 0 (failures are logged), as the original
     */
    int configure() {
        List<Map<?, ?>> deployments = DispatcherFile.deployments(env);
        if (deployments == null) {
            LOG.warn("docker-compose cleanup: no readable deployments file, nothing to do");
            return 0;
        }
        for (Path dir : staleProjects(root, deployments, null)) {
            down(dir);
        }
        return 0;
    }

    /** The project directories under {@code root} that none of {@code deployments} (nor {@code keep}) names. */
    static List<Path> staleProjects(Path root, List<Map<?, ?>> deployments, String keep) {
        Set<String> current = new HashSet<>();
        deployments.forEach(d -> current.add(String.valueOf(d.get("name"))));
        if (keep != null) {
            current.add(keep);
        }
        List<Path> stale = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return stale;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(dir.resolve(DockerComposeGroup.COMPOSE_FILE))
                        && !current.contains(name)) {
                    stale.add(dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("docker-compose: cannot list {}: {}", root, e.getMessage());
        }
        stale.sort(null);
        return stale;
    }

    /** {@code down} in {@code project} when it has a compose file, then the directory removed (kept if down failed). */
    private void down(Path project) {
        if (Files.isRegularFile(project.resolve(DockerComposeGroup.COMPOSE_FILE))) {
            ToolResult r = call(List.of("down"), project);
            if (r.exitCode() != 0) {
                LOG.error("docker-compose: {} down in {} failed (exit code {}), directory kept: {}", cmd, project,
                        r.exitCode(), r.stderr().strip());
                return;
            }
        }
        try {
            PrivateFiles.removeTree(project);
            LOG.info("docker-compose: took down and removed {}", project);
        } catch (RuntimeException e) {
            LOG.error("docker-compose: cannot remove {}: {}", project, e.getMessage());
        }
    }

    private ToolResult call(List<String> args, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(cmd);
        command.addAll(args);
        LOG.debug("docker-compose: running {} in {}", command, dir);
        return Processes.run(command, env, dir);
    }

    private static String yaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the compose file", e);
        }
    }
}
