package io.slipway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private files: 0700 directories, 0600 files replaced whole, trees removed without following links. */
class PrivateFilesTest {

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void filesArePrivateAndReplacedWhole(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a/b");
        Path file = dir.resolve("inputs.env");
        PrivateFiles.write(file, "x".repeat(10_000));
        PrivateFiles.write(file, "short");
        assertEquals("short", Files.readString(file));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(dir));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.directory(dir);
        assertEquals("rwx------", mode(dir), "an existing directory is reset to 0700");
    }

    @Test
    void removeTreeRemovesLinksNotWhatTheyPointAt(@TempDir Path tmp) throws Exception {
        Path keep = Files.writeString(Files.createDirectories(tmp.resolve("keep")).resolve("precious"), "x");
        Path dir = tmp.resolve("work");
        PrivateFiles.write(dir.resolve("sub/file"), "secret");
        Files.createSymbolicLink(dir.resolve("link"), keep.getParent());
        PrivateFiles.removeTree(dir);
        assertFalse(Files.exists(dir));
        assertTrue(Files.exists(keep));
        PrivateFiles.removeTree(dir); // already gone: fine
    }
}
