package io.slipway.examples.hello;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.nio.file.Path;

/**
 * The hello example in Java: the same spec the command line applies, through the API.
 *
 * <pre>{@code java io.slipway.examples.hello.HelloExample examples/hello/hello.yaml "Hello" [config]}</pre>
 */
public final class HelloExample {

    private HelloExample() {
    }

    /** Applies the spec, prints the result as JSON, and exits 0 on success, 1 otherwise. */
    public static void main(String[] args) {
        Path spec = Path.of(args.length > 0 ? args[0] : "examples/hello/hello.yaml");
        String greeting = args.length > 1 ? args[1] : "Hello from Slipway";
        String config = args.length > 2 ? args[2] : "docker-run";
        try (ContainerLauncher launcher = Launchers.open(config)) {
            LaunchResult result = launcher.apply("hello", LaunchSpec.parse(spec),
                    Inputs.builder().put("greeting", greeting).build());
            System.out.println(result.toJson());
            System.exit(result.succeeded() ? 0 : 1);
        }
    }
}
