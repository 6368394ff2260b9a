package io.slipway.cli;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * [--json]}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Makes DEPLOYMENT's services match SPEC and waits until each succeeds, fails or times out.",
                "Exit code 0: every service succeeded; 1: one failed or timed out; 2: bad usage or invalid"
                        + " spec, input or backend config (nothing is started)."})
final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    private SlipwayCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's name: letters, digits, '_', '.', '-'.")
    private String deployment;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC",
            description = "The spec: a Compose-format YAML or JSON file with x-slipway extensions.")
    private Path specFile;

    @Mixin
    private BackendOption backend;

    @Mixin
    private LockOption lock;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE",
            description = "An input, typed by the spec's declaration; repeatable; wins over --inputs.")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--inputs", paramLabel = "FILE",
            description = "A JSON (.json) or YAML file mapping input names to values; values keep their types.")
    private Path inputsFile;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = {"A dotenv file (KEY=VALUE lines, Compose's syntax) giving input values, as docker compose"
                    + " --env-file does; repeatable, a later file wins; -i and --inputs win over every file.",
                    "Without it, the .env beside SPEC is read if there is one. Entries the spec does not use are ignored."})
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME",
            description = {"Activate a Compose profile (repeatable; * for all): services that list profiles run only"
                    + " when one of theirs is active, as docker compose --profile does.",
                    "Without it, COMPOSE_PROFILES (comma-separated) is read, as Compose does."})
    private List<String> profiles = new ArrayList<>();

    @Option(names = "--strict", description = "An input, or a variable SPEC refers to without a default, that the"
            + " spec does not declare (x-slipway.inputs) is an error.")
    private boolean strict;

    @Option(names = "--json", description = "Print the result as JSON on stdout (nothing else goes to stdout).")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Deployments.check(deployment);
        LaunchSpec launchSpec = LaunchSpec.parse(specFile).withProfiles(activeProfiles(parent.env()));
        Inputs given = InputsReader.read(launchSpec, inputsFile, inputs, strict, envFiles);
        // Validate before a backend is even opened: a bad input is exit code 2 on every backend, engine up or not.
        launchSpec.resolve(given);
        try (ContainerLauncher launcher = Launchers.open(lock.applyTo(backend.resolve(parent.env())))) {
            err.println("applying " + deployment + " with " + launcher.backend() + "...");
            LaunchResult result = launcher.apply(deployment, launchSpec, given, new Progress(err));
            out.println(json ? result.toJson() : result.describe());
            return result.succeeded() ? SlipwayCommand.OK : SlipwayCommand.FAILED;
        }
    }

    /** {@code --profile}, else {@code COMPOSE_PROFILES}, as Compose picks them. */
    private List<String> activeProfiles(Map<String, String> env) {
        if (!profiles.isEmpty()) {
            return profiles;
        }
        String fromEnv = env.get("COMPOSE_PROFILES");
        return fromEnv == null || fromEnv.isBlank() ? List.of()
                : java.util.Arrays.stream(fromEnv.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** Progress on stderr, one line per event; backends call it from their own threads. */
    private record Progress(PrintWriter err) implements LaunchListener {
        @Override
        public void waiting(String service, String containerName, String condition) {
            err.println("  " + service + ": waiting for " + condition + " (container " + containerName + ")");
        }

        @Override
        public void building(String service, String line) {
            err.println("  " + service + ": build | " + line);
        }

        @Override
        public void finished(ServiceResult s) {
            err.println("  " + s.name() + ": " + s.outcome() + " after " + Elapsed.show(s.duration())
                    + (s.changed() || s.outcome() != Outcome.SUCCEEDED ? "" : " (unchanged)"));
        }
    }
}
