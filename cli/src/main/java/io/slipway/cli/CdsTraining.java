package io.slipway.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of {@code bin/slipway}'s AppCDS archive (its class list, {@code -XX:DumpLoadedClassList}, is dumped
 * into a static archive by {@code scripts/cli-class-archive.sh}): the commands a user runs most, in one JVM, so that
 * the archive holds the classes of a real {@code apply} (docker-java's commands and models, the Jackson serializers
 * and deserializers made for them, the wait), of an unchanged re-apply, of {@code status} and of {@code delete}, not
 * only those of a start-up that found no engine. Classes
 * loaded from the archive skip parsing and verification: they were half of a cold {@code apply}'s time
 * (BENCHMARKS.md, "Issue 17: the command line").
 *
 * <p>Arguments: {@code BACKEND IMAGE}. With an engine behind {@code BACKEND} the run deploys one service and one
 * one-shot task of {@code IMAGE} under a deployment of its own ({@code slipway-cds-training-<pid>}) and deletes it
 * again (about 2 s); without one, each command fails at once and the archive holds what ran until then, as before.
 * Nothing is printed: the commands' output goes nowhere, and the run always exits 0.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    /**
     * Runs the training commands.
     *
     * @param args {@code BACKEND IMAGE}: the backend config string and the image the training services run
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CdsTraining BACKEND IMAGE");
        }
        String backend = args[0];
        String image = args[1];
        String deployment = "slipway-cds-training-" + ProcessHandle.current().pid();
        Path dir = Files.createTempDirectory("slipway-cds-training-");
        Path spec = dir.resolve("training.yaml");
        Files.writeString(spec, "services:\n"
                + "  task:\n"
                + "    image: " + image + "\n"
                + "    command: [\"true\"]\n"
                + "    x-slipway: {oneshot: true, wait: {exited: [0], timeout: 20s}}\n"
                + "  web:\n"
                + "    image: " + image + "\n"
                + "    command: [\"sleep\", \"60\"]\n"
                + "    stop_grace_period: 0s\n"
                + "    depends_on:\n"
                + "      task: {condition: service_completed_successfully}\n", StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("SLIPWAY_LAUNCHER");
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        String f = spec.toString();
        try {
            for (List<String> command : List.of(
                    List.of("backends"),
                    List.of("plan", deployment, "-f", f, "-b", backend),
                    List.of("apply", deployment, "-f", f, "-b", backend),
                    List.of("apply", deployment, "-f", f, "-b", backend, "--json"),
                    List.of("status", deployment, "-b", backend),
                    List.of("status", deployment, "-b", backend, "--json"),
                    List.of("delete", deployment, "-b", backend))) {
                SlipwayCommand.run(command.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), none, none,
                        env);
            }
        } finally {
            Files.deleteIfExists(spec);
            Files.deleteIfExists(dir);
        }
    }
}
