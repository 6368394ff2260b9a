package io.slipway.cli;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slipway apply DEPLOYMENT -f SPEC [-b CONFIG] [-i name=value]... [--inputs FILE] [--env-file FILE]... [--strict]
 * [--json] [--progress=FORMAT] [--dry-run]}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Makes DEPLOYMENT's services match SPEC and waits until each succeeds, fails or times out.",
                "Exit code 0: every service succeeded; 1: one failed or timed out; 2: bad usage or invalid"
                        + " spec, input or backend config (nothing is started). With --dry-run, those of 'plan'."})
final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    private SlipwayCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's name: letters, digits, '_', '.', '-'.")
    private String deployment;

    @Mixin
    private SpecOptions specOptions;

    @Mixin
    private BackendOption backend;

    @Mixin
    private LockOption lock;

    @Mixin
    private ProgressOption progress;

    @Option(names = "--dry-run", description = "Do nothing: say what would be done, as 'slipway plan' does (and with its"
            + " exit codes: 0 nothing would change, 3 something would).")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON on stdout (nothing else goes to stdout).")
    private boolean json;

    @Override
    public Integer call() {
        if (dryRun) {
            return PlanCommand.plan(parent, spec, deployment, specOptions, backend, progress, json);
        }
        PrintWriter out = spec.commandLine().getOut();
        Deployments.check(deployment);
        SpecOptions.Given given = specOptions.read(parent.env());
        // The text result shows the logs of what did not succeed only: the rest need not be read.
        Progress listener = progress.open(spec.commandLine().getErr(), deployment, json);
        try (ContainerLauncher launcher = Launchers.open(lock.applyTo(backend.resolve(parent.env())))) {
            listener.started("apply", launcher.backend());
            LaunchResult result = launcher.apply(deployment, given.spec(), given.inputs(), listener);
            out.println(json ? result.toJson() : result.describe());
            listener.done(result.succeeded() ? "succeeded" : "failed", result.status().name());
            return result.succeeded() ? SlipwayCommand.OK : SlipwayCommand.FAILED;
        }
    }
}
