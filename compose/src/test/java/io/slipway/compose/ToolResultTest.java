package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed run says why in one line, with the tool's error lines rather than its progress. */
class ToolResultTest {

    private static ToolResult run(int exit, String stderr, boolean killed) {
        return new ToolResult(new ToolCommand("docker-compose up", List.of("docker-compose", "up")), exit, "", stderr,
                killed, Duration.ofMinutes(10), Duration.ofSeconds(1));
    }

    @Test
    void errorLinesWinOverProgress() {
        String stderr = "Creating network \"p_default\" with the default driver\nCreating p_db_1 ... \n"
                + "Creating p_db_1 ... done\n\nERROR: for app  Container \"1d2\" exited with code 3.\n"
                + "ERROR: Encountered errors while bringing up the project.\n";
        assertEquals("docker-compose up exited with code 1: ERROR: for app  Container \"1d2\" exited with code 3. | "
                + "ERROR: Encountered errors while bringing up the project.", run(1, stderr, false).failure());
    }

    @Test
    void withoutErrorLinesTheLastLinesAreShown() {
        assertEquals("docker-compose up exited with code 2: a | b | c | d | e",
                run(2, "x\na\nb\nc\nd\ne\n", false).failure());
        assertEquals("docker-compose up exited with code 2", run(2, "", false).failure());
    }

    @Test
    void aKilledRunSaysSo() {
        assertEquals("docker-compose up did not finish within 10m and was killed (option timeout)",
                run(143, "", true).failure());
    }
}
