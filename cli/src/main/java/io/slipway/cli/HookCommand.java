package io.slipway.cli;

import io.slipway.heat.Hooks;
import io.slipway.heat.group.HookGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code slipway hook GROUP}: a heat-config hook. Reads one deployment item as JSON on stdin and writes exactly
 * one JSON object on stdout ({@code deploy_stdout}, {@code deploy_stderr}, {@code deploy_status_code}, outputs);
 * exits 0 even when the deployment failed. {@code slipway hook install --dir DIR} writes the hook scripts.
 */
@Command(name = "hook", mixinStandardHelpOptions = true, subcommands = {HookInstallCommand.class, HookCleanupCommand.class},
        description = {"Runs a heat-config software-config hook: one deployment item as JSON on stdin, exactly one JSON"
                + " object on stdout, exit code 0 (a failure travels in deploy_status_code).",
                "GROUP: docker-compose, docker-cmd, atomic (drop-ins for heat-agents' hooks) or slipway.",
                "'slipway hook install --dir DIR' writes the hook scripts into a heat-config hooks directory;"
                        + " 'slipway hook cleanup GROUP' is the cleanup heat-agents runs before the dispatcher."})
final class HookCommand implements Callable<Integer> {

    @ParentCommand
    private SlipwayCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP",
            description = "The config group: docker-compose, docker-cmd, atomic or slipway.")
    private String group;

    @Override
    public Integer call() {
        SlipwayCommand.Streams s = parent.streams();
        return Hooks.run(group, s.in(), s.out(), s.err(), parent.env());
    }

    /** The environment the command reads. */
    java.util.Map<String, String> env() {
        return parent.env();
    }

    /** The groups, for help texts and the installer. */
    static String groups() {
        return String.join(", ", HookGroup.NAMES);
    }
}
