package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The static/dynamic check that keeps Debian's dynamic busybox out of a FROM scratch image. */
class ElfTest {

    @Test
    void dynamicBinaryHasAnInterpreter() throws Exception {
        Path sh = Path.of("/bin/sh").toRealPath();
        assumeTrue(Files.isRegularFile(sh));
        assertTrue(TestImages.Elf.hasInterpreter(Files.readAllBytes(sh)), sh + " should be dynamically linked");
    }

    @Test
    void staticBusyboxHasNone() throws Exception {
        assumeTrue(Files.isRegularFile(TestImages.HOST_BUSYBOX));
        assertFalse(TestImages.Elf.hasInterpreter(Files.readAllBytes(TestImages.HOST_BUSYBOX)));
    }

    @Test
    void notElfIsNotDynamic() {
        assertFalse(TestImages.Elf.hasInterpreter("#!/bin/sh\necho hi\n".getBytes()));
    }
}
