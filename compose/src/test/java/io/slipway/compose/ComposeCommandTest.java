package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argv of each command, per generation and version. */
class ComposeCommandTest {

    private static final ComposeTool V1 = new ComposeTool(List.of("/usr/bin/docker-compose"), "1.29.2",
            ComposeTool.Generation.V1, "binary=auto");
    private static final ComposeTool OLD_V1 = new ComposeTool(List.of("/usr/bin/docker-compose"), "1.27.4",
            ComposeTool.Generation.V1, "binary=auto");
    private static final ComposeTool V2 = new ComposeTool(List.of("/usr/bin/docker", "compose"), "2.29.1",
            ComposeTool.Generation.V2, "binary=docker");

    private static ComposeCommand cmd(ComposeTool tool, Duration stop) {
        return new ComposeCommand(tool, "shop", Path.of("/specs"), Path.of("/w/shop/compose.json"),
                Path.of("/w/shop/inputs.env"), stop);
    }

    private static final List<String> GLOBAL = List.of("-p", "shop", "--project-directory", "/specs",
            "-f", "/w/shop/compose.json", "--env-file", "/w/shop/inputs.env");

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }

    @Test
    void v1() {
        ToolCommand up = cmd(V1, null).up(List.of());
        assertEquals("docker-compose up", up.what());
        assertEquals(concat(List.of("/usr/bin/docker-compose", "--ansi", "never"), GLOBAL,
                List.of("up", "-d", "--remove-orphans", "--no-build")), up.argv());
        assertEquals(concat(List.of("/usr/bin/docker-compose", "--no-ansi"), GLOBAL, List.of("down", "--remove-orphans")),
                cmd(OLD_V1, null).down(false).argv());
    }

    @Test
    void v2() {
        assertEquals(concat(List.of("/usr/bin/docker", "compose", "--ansi", "never"), GLOBAL,
                List.of("up", "-d", "--remove-orphans", "--no-build", "-t", "2", "--no-deps", "web", "db")),
                cmd(V2, Duration.ofMillis(1500)).up(List.of("web", "db")).argv());
        assertEquals("docker compose down", cmd(V2, null).down(true).what());
        assertEquals(concat(List.of("/usr/bin/docker", "compose", "--ansi", "never"), GLOBAL,
                List.of("down", "--remove-orphans", "-v", "-t", "0")), cmd(V2, Duration.ZERO).down(true).argv());
        assertEquals(List.of("config", "--hash=a,b"), tail(cmd(V2, null).configHash(List.of("a", "b")).argv(), 2));
        assertEquals(List.of("pull", "--quiet"), tail(cmd(V2, null).pull().argv(), 2));
        assertEquals(List.of("stop", "-t", "2"), tail(cmd(V2, Duration.ofMillis(1500)).stop().argv(), 3));
        assertEquals(List.of("/w/shop/inputs.env", "stop"), tail(cmd(V1, null).stop().argv(), 2));
        assertEquals(List.of("start", "web", "db"), tail(cmd(V2, null).start(List.of("web", "db")).argv(), 3));
    }

    private static List<String> tail(List<String> l, int n) {
        return l.subList(l.size() - n, l.size());
    }
}
