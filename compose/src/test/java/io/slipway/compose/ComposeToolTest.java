package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** v1 or v2 is decided by what the tool says its version is. */
class ComposeToolTest {

    private static ComposeTool parse(String output) {
        return ComposeTool.fromVersionOutput(List.of("/x/docker-compose"), output, "binary=auto");
    }

    @Test
    void versionLinesOfBothGenerations() {
        ComposeTool v1 = parse("docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3\n");
        assertEquals(ComposeTool.Generation.V1, v1.generation());
        assertEquals("1.29.2", v1.version());
        ComposeTool v2 = parse("Docker Compose version v2.29.1\n");
        assertEquals(ComposeTool.Generation.V2, v2.generation());
        assertEquals("2.29.1", v2.version());
        assertEquals("2.24.6", parse("Docker Compose version 2.24.6+ds1-0ubuntu1~22.04.1").version());
        assertEquals(ComposeTool.Generation.V2, parse("Docker Compose version v5.0.0").generation());
        assertNull(parse("Docker version 28.2.2, build e6534b4"));
        assertNull(parse(""));
    }

    @Test
    void describeSaysWhatWhereAndWhy() {
        ComposeTool plugin = new ComposeTool(List.of("/usr/bin/docker", "compose"), "2.29.1", ComposeTool.Generation.V2,
                "binary=auto");
        assertEquals("docker compose", plugin.displayName());
        assertEquals("docker compose 2.29.1 (v2) at /usr/bin/docker compose, chosen by binary=auto", plugin.describe());
    }
}
