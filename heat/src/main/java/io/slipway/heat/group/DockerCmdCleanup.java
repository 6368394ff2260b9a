package io.slipway.heat.group;

import io.slipway.heat.DispatcherFile;
import io.slipway.heat.HookItem;
import io.slipway.heat.tool.ContainerTool;
import io.slipway.heat.tool.ContainerTool.Managed;
import io.slipway.heat.tool.ContainerTool.NamedContainer;
import io.slipway.heat.tool.ContainerTool.ToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What heat-agents does in a separate os-refresh-config script ({@code 50-heat-config-docker-cmd}), which runs
 * before the dispatcher runs the hooks.
 *
 * <ul>
 * <li>{@link #configure(ContainerTool, Map)} is that script, with its sequence of commands ({@code slipway hook
 *     cleanup docker-cmd}, installed as {@code 50-heat-config-docker-cmd} beside the hook): containers whose
 *     {@code config_id} is in none of the dispatcher's current docker-cmd deployments ({@code HEAT_SHELL_CONFIG})
 *     are removed, then every container whose name is not its {@code container_name} label is renamed to it where
 *     that name is free.</li>
 * <li>{@link #beforeRun(Map)} is what the hook itself does before a CREATE or UPDATE when it talks to the engine
 *     (no {@code HEAT_DOCKER_CMD}): the same, plus the containers of the deployment's previous config ids, from one
 *     listing. With {@code HEAT_DOCKER_CMD} the hook calls the tool exactly as heat-agents' hook does and leaves
 *     this to the installed script.</li>
 * </ul>
 * Failures are logged, never fatal, as in the original.
 */
final class DockerCmdCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(DockerCmdCleanup.class);

    private final ContainerTool tool;
    private final HookItem item;

    DockerCmdCleanup(ContainerTool tool, HookItem item) {
        this.tool = tool;
        this.item = item;
    }

    /**
     * heat-agents' {@code 50-heat-config-docker-cmd}, command for command: list the managed containers'
     * {@code config_id}s; for each id (in sorted order) that the dispatcher's file does not list, list its
     * containers and {@code rm -f} each; then list every container's name and {@code container_name} and rename
     * those whose desired name no container has. Without a readable dispatcher file nothing is done.
     *
     * @return 0, as the original's exit code (failures are logged)
     */
    static int configure(ContainerTool tool, Map<String, String> env) {
        List<Map<?, ?>> deployments = DispatcherFile.deployments(env);
        if (deployments == null) {
            LOG.warn("docker-cmd cleanup: no readable deployments file, nothing to do");
            return 0;
        }
        Set<String> current = new HashSet<>();
        for (Map<?, ?> d : deployments) {
            if (DockerCmdGroup.NAME.equals(d.get("group")) && d.get("id") != null) {
                current.add(String.valueOf(d.get("id")));
            }
        }
        try {
            for (String id : new TreeSet<>(tool.configIds())) {
                if (!current.contains(id)) {
                    LOG.info("docker-cmd cleanup: config {} no longer exists, removing its containers", id);
                    for (String container : tool.containersOf(id)) {
                        ToolResult r = tool.remove(container);
                        if (!r.ok()) {
                            LOG.error("docker-cmd cleanup: error removing container {}: {}", container, r.stderr().strip());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("docker-cmd cleanup: removing stale containers failed: {}", e.toString());
        }
        try {
            renameAll(tool);
        } catch (RuntimeException e) {
            LOG.error("docker-cmd cleanup: renaming containers failed: {}", e.toString());
        }
        return 0;
    }

    /** Every container whose name is not its container_name label renamed to it, where no container has that name. */
    private static void renameAll(ContainerTool tool) {
        List<NamedContainer> all = tool.containerNames();
        if (all == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        Map<String, String> renames = new TreeMap<>();
        for (NamedContainer c : all) {
            names.add(c.name());
            if (!c.containerName().isEmpty() && !c.containerName().equals(c.name())) {
                renames.put(c.name(), c.containerName());
            }
        }
        renames.forEach((current, desired) -> {
            if (names.contains(desired)) {
                LOG.info("docker-cmd cleanup: cannot rename {} since {} still exists", current, desired);
            } else {
                ToolResult r = tool.rename(current, desired);
                if (!r.ok()) {
                    LOG.warn("docker-cmd cleanup: cannot rename {} to {}: {}", current, desired, r.stderr().strip());
                }
            }
        });
    }

    /**
     * Before a CREATE or UPDATE through the engine: containers of the deployment's previous config ids and of
     * configs the dispatcher's file no longer lists are removed, suffixed containers renamed back; one listing.
     */
    void beforeRun(Map<String, String> env) {
        Set<String> current = currentConfigIds(env);
        List<Managed> kept = new ArrayList<>();
        for (Managed m : tool.managed()) {
            String id = m.label(DockerCmdGroup.CONFIG_ID);
            if (sameDeployment(m) && !id.equals(item.id())) {
                remove(m, "its deployment '" + item.name() + "' now has config " + item.id());
            } else if (current != null && !id.isEmpty() && !current.contains(id)) {
                remove(m, "its config is in none of the current deployments");
            } else {
                kept.add(m);
            }
        }
        renameBack(kept);
    }

    /** DELETE through the CLI: heat-agents' cleanup commands for this config id (list its containers, rm -f each). */
    int deleteConfig() {
        int removed = 0;
        for (String container : tool.containersOf(DockerCmdGroup.labelValue(item.id()))) {
            ToolResult r = tool.remove(container);
            if (r.ok()) {
                removed++;
            } else {
                LOG.error("docker-cmd: error removing container {}: {}", container, r.stderr().strip());
            }
        }
        return removed;
    }

    /** DELETE: every container of this config, and of any earlier config of the same deployment. */
    int deleteDeployment() {
        return removeWhere(m -> m.label(DockerCmdGroup.CONFIG_ID).equals(item.id()) || sameDeployment(m),
                "deployment '" + item.name() + "' is deleted");
    }

    /** Whether {@code m} was run by a config of the same deployment: same item name, stack and resource. */
    private boolean sameDeployment(Managed m) {
        return item.name() != null && m.label(DockerCmdGroup.CONFIG_NAME).equals(item.name())
                && m.label(DockerCmdGroup.DEPLOY_STACK_ID).equals(DockerCmdGroup.labelValue(item.text("deploy_stack_id")))
                && m.label(DockerCmdGroup.DEPLOY_RESOURCE_NAME).equals(DockerCmdGroup.labelValue(item.text("deploy_resource_name")));
    }

    private int removeWhere(Predicate<Managed> stale, String why) {
        int removed = 0;
        for (Managed m : tool.managed()) {
            if (stale.test(m) && remove(m, why)) {
                removed++;
            }
        }
        return removed;
    }

    private boolean remove(Managed m, String why) {
        LOG.info("docker-cmd: removing container {} (config {}): {}", m.name(), m.label(DockerCmdGroup.CONFIG_ID), why);
        ToolResult r = tool.remove(m.id());
        if (!r.ok()) {
            LOG.error("docker-cmd: error removing container {}: {}", m.name(), r.stderr().strip());
        }
        return r.ok();
    }

    /**
     * The ids of the current docker-cmd deployments in the dispatcher's configuration file, plus this item's;
     * null when the file is absent or unreadable (then nothing is removed for it).
     */
    Set<String> currentConfigIds(Map<String, String> env) {
        List<Map<?, ?>> deployments = DispatcherFile.deployments(env);
        if (deployments == null) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        for (Map<?, ?> m : deployments) {
            if (DockerCmdGroup.NAME.equals(m.get("group")) && m.get("id") != null) {
                ids.add(String.valueOf(m.get("id")));
            }
        }
        if (item.id() != null) {
            ids.add(item.id());
        }
        return ids;
    }

    /** Renames containers whose name is not their {@code container_name} back to it, where that name is free. */
    private void renameBack(List<Managed> kept) {
        List<Managed> all = new ArrayList<>(kept);
        all.sort(Comparator.comparing(Managed::name));
        for (Managed m : all) {
            String desired = m.label(DockerCmdGroup.CONTAINER_NAME);
            if (desired.isEmpty() || desired.equals(m.name())) {
                continue;
            }
            if (tool.exists(desired)) {
                LOG.info("docker-cmd: cannot rename {} to {}: that name is taken", m.name(), desired);
                continue;
            }
            ToolResult r = tool.rename(m.id(), desired);
            if (r.ok()) {
                LOG.info("docker-cmd: renamed {} to {}", m.name(), desired);
            } else {
                LOG.warn("docker-cmd: cannot rename {} to {}: {}", m.name(), desired, r.stderr().strip());
            }
        }
    }
}
