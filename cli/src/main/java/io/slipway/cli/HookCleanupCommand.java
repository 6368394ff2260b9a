package io.slipway.cli;

import io.slipway.heat.Hooks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code slipway hook cleanup GROUP}: the cleanup heat-agents ships as os-refresh-config scripts
 * ({@code 50-heat-config-docker-cmd}, {@code 50-heat-config-docker-compose}), run before the dispatcher: removes the
 * containers (docker-cmd) or projects (docker-compose) of deployments the dispatcher's file ({@code HEAT_SHELL_CONFIG})
 * no longer lists. {@code slipway hook install} writes it as {@code 50-heat-config-GROUP}. Logs on stderr; exits 0
 * even when something could not be removed, as the originals do, so os-refresh-config goes on.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Removes what belongs to deployments the dispatcher's file (HEAT_SHELL_CONFIG) no longer lists,"
                + " as heat-agents' 50-heat-config-GROUP scripts do before the dispatcher runs the hooks.",
                "GROUP: docker-cmd or docker-compose."})
final class HookCleanupCommand implements Callable<Integer> {

    @ParentCommand
    private HookCommand parent;

    @Parameters(index = "0", paramLabel = "GROUP", description = "docker-cmd or docker-compose.")
    private String group;

    @Override
    public Integer call() {
        if (!Hooks.CLEANUP_GROUPS.contains(group)) {
            throw new UsageException("no cleanup for group '" + group + "'; groups with one: "
                    + String.join(", ", Hooks.CLEANUP_GROUPS));
        }
        return Hooks.cleanup(group, parent.env());
    }
}
