package io.slipway.heat.tool;

import io.slipway.heat.tool.ContainerTool.ToolResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs a tool the way heat-agents' hooks do ({@code subprocess.Popen(...).communicate()}): output captured, never inherited. */
public final class Processes {

    private Processes() {
    }

    /**
     * Runs {@code command} with exactly {@code env} as its environment, in {@code dir}, and waits for it.
     * A command that cannot be started exits 127 with the reason on stderr, as a shell reports it.
     */
    public static ToolResult run(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ToolResult("", command.get(0) + ": " + e.getMessage() + "\n", 127);
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        try {
            int code = p.waitFor();
            return new ToolResult(out, err.join(), code);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ToolResult(out, "interrupted\n", 130);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
