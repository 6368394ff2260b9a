package io.slipway.cli;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that say what to apply, shared by {@code apply} and {@code plan} so that a plan reads exactly the
 * inputs its apply would: {@code -f}, {@code -i}, {@code --inputs}, {@code --env-file}, {@code --profile},
 * {@code --strict}.
 */
final class SpecOptions {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC",
            description = "The spec: a Compose-format YAML or JSON file with x-slipway extensions.")
    private Path specFile;

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

    /** The spec and its inputs as the options give them, validated (a bad input fails here: exit 2). */
    Given read(Map<String, String> env) {
        LaunchSpec launchSpec = LaunchSpec.parse(specFile).withProfiles(activeProfiles(env));
        Inputs given = InputsReader.read(launchSpec, inputsFile, inputs, strict, envFiles);
        // Validate before a backend is even opened: a bad input is exit code 2 on every backend, engine up or not.
        launchSpec.resolve(given);
        return new Given(launchSpec, given);
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

    /** A parsed spec and its validated inputs. */
    record Given(LaunchSpec spec, Inputs inputs) {
    }
}
