package io.slipway.cli;

import io.slipway.ContainerLauncher;
import io.slipway.Launchers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway delete DEPLOYMENT [-b CONFIG] [--progress=FORMAT]}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Removes every container DEPLOYMENT owns, and nothing else.")
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    private SlipwayCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's name.")
    private String deployment;

    @Mixin
    private BackendOption backend;

    @Mixin
    private LockOption lock;

    @Mixin
    private ProgressOption progress;

    @Override
    public Integer call() {
        Deployments.check(deployment);
        try (ContainerLauncher launcher = Launchers.open(lock.applyTo(backend.resolve(parent.env())))) {
            Progress p = progress.open(spec.commandLine().getErr(), deployment, true);
            p.started("delete", launcher.backend());
            int removed = launcher.delete(deployment);
            String said = "deleted deployment '" + deployment + "' on " + launcher.backend() + ": " + removed
                    + (removed == 1 ? " container" : " containers") + " removed";
            spec.commandLine().getOut().println(said);
            p.done("deleted", said);
            return SlipwayCommand.OK;
        }
    }
}
