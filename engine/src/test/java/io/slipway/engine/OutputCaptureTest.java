package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    private static Frame out(String s) {
        return new Frame(StreamType.STDOUT, s.getBytes(StandardCharsets.UTF_8));
    }

    private static Frame err(String s) {
        return new Frame(StreamType.STDERR, s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAcrossFramesAndALastLineWithoutItsEnd() {
        OutputCapture c = new OutputCapture();
        c.add(out("fir"));
        c.add(out("st\nsec"));
        c.add(out("ond\nno line end"));
        assertEquals("first\nsecond\nno line end", c.tail());
    }

    @Test
    void aStderrLineDoesNotSplitAnUnfinishedStdoutLine() {
        // As the engine's log keeps them: each stream's line once it is complete.
        OutputCapture c = new OutputCapture();
        c.add(out("progress: 5"));
        c.add(err("warning\n"));
        c.add(out("0%\n"));
        c.add(err("unfinished"));
        assertEquals("warning\nprogress: 50%\nunfinished", c.tail());
    }

    @Test
    void keepsTheLastFiftyLinesCountingAnUnfinishedOne() {
        OutputCapture c = new OutputCapture();
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= 80; i++) {
            all.append("line ").append(i).append('\n');
        }
        c.add(out(all.toString()));
        assertEquals(50, c.tail().split("\n").length);
        assertEquals("line 31\n", c.tail().substring(0, 8));
        c.add(out("tail"));
        String t = c.tail();
        assertEquals(50, t.split("\n").length);
        assertEquals("line 32\n", t.substring(0, 8));
        assertEquals("line 80\ntail", t.substring(t.length() - 12));
    }

    @Test
    void closingEndsItAsBroken() {
        OutputCapture c = new OutputCapture();
        c.close();
        assertFalse(c.ended().join());
    }
}
