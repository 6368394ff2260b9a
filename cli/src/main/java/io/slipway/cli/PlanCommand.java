package io.slipway.cli;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentPlan;
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
 * {@code slipway plan DEPLOYMENT -f SPEC [-b CONFIG] [-i name=value]... [--json] [--progress=FORMAT]}: what
 * {@code apply} would do, doing none of it ({@link ContainerLauncher#plan}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Says what 'apply' with the same options would do to DEPLOYMENT, without doing it: per service"
                + " create, replace (naming the settings that changed), unchanged or remove; networks, volumes, secrets"
                + " and image builds; the resolved inputs, secret ones masked.",
                "Exit code 0: nothing would change; 3: something would; 2: invalid spec, input or backend config;"
                        + " 1: the backend could not be reached or cannot plan."})
final class PlanCommand implements Callable<Integer> {

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
    private ProgressOption progress;

    @Option(names = "--json", description = "Print the plan as one JSON document on stdout (nothing else goes to stdout).")
    private boolean json;

    @Override
    public Integer call() {
        return plan(parent, spec, deployment, specOptions, backend, progress, json);
    }

    /** The plan, printed; its exit code. Shared with {@code apply --dry-run}. */
    static int plan(SlipwayCommand parent, CommandSpec spec, String deployment, SpecOptions specOptions,
            BackendOption backend, ProgressOption progressOption, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        Deployments.check(deployment);
        SpecOptions.Given given = specOptions.read(parent.env());
        Progress progress = progressOption.open(spec.commandLine().getErr(), deployment, true);
        try (ContainerLauncher launcher = Launchers.open(backend.resolve(parent.env()))) {
            progress.started("plan", launcher.backend());
            DeploymentPlan plan;
            try {
                plan = launcher.plan(deployment, given.spec(), given.inputs());
            } catch (UnsupportedOperationException e) {
                throw new io.slipway.SlipwayException(e.getMessage());
            }
            out.println(json ? plan.toJson() : plan.describe());
            progress.done(plan.changes() ? "changes" : "no_changes",
                    plan.changes() ? "apply would change the deployment" : "apply would change nothing");
            return plan.changes() ? SlipwayCommand.CHANGES : SlipwayCommand.OK;
        }
    }
}
