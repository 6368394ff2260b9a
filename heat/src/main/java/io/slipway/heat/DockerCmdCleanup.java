package io.slipway.heat;

import io.slipway.heat.ContainerTool.Managed;
import io.slipway.heat.ContainerTool.ToolRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What heat-agents did in a separate os-refresh-config script ({@code 50-heat-config-docker-cmd}), done by the
 * hook before it runs anything: containers of a deployment's previous config are removed when the deployment
 * arrives with a new config id; containers whose {@code config_id} is in none of the dispatcher's current
 * deployments ({@code HEAT_SHELL_CONFIG}) are removed; a container that got a unique suffix is renamed back to
 * its {@code container_name} once that name is free. Failures are logged, never fatal, as in the original.
 */
final class DockerCmdCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(DockerCmdCleanup.class);

    private final ContainerTool tool;
    private final HookItem item;

    DockerCmdCleanup(ContainerTool tool, HookItem item) {
        this.tool = tool;
        this.item = item;
    }

    /** Everything before a CREATE or UPDATE runs: previous configs, stale configs, renames. */
    void beforeRun(Map<String, String> env) {
        removeWhere(m -> sameDeployment(m) && !m.label(DockerCmdGroup.CONFIG_ID).equals(item.id()),
                "its deployment '" + item.name() + "' now has config " + item.id());
        Set<String> current = currentConfigIds(env);
        if (current != null) {
            removeWhere(m -> !m.label(DockerCmdGroup.CONFIG_ID).isEmpty() && !current.contains(m.label(DockerCmdGroup.CONFIG_ID)),
                    "its config is in none of the current deployments");
        }
        renameBack();
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
            if (stale.test(m)) {
                LOG.info("docker-cmd: removing container {} (config {}): {}", m.name(), m.label(DockerCmdGroup.CONFIG_ID), why);
                ToolRun r = tool.remove(m.id());
                if (r.ok()) {
                    removed++;
                } else {
                    LOG.error("docker-cmd: error removing container {}: {}", m.name(), r.stderr().strip());
                }
            }
        }
        return removed;
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
    private void renameBack() {
        List<Managed> all = new ArrayList<>(tool.managed());
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
            ToolRun r = tool.rename(m.id(), desired);
            if (r.ok()) {
                LOG.info("docker-cmd: renamed {} to {}", m.name(), desired);
            } else {
                LOG.warn("docker-cmd: cannot rename {} to {}: {}", m.name(), desired, r.stderr().strip());
            }
        }
    }
}
