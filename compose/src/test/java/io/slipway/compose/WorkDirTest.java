package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories 0700, files 0600 and always whole, wherever the work directory is. */
class WorkDirTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void missingDirectoriesAreCreatedPrivate() throws Exception {
        WorkDir work = new WorkDir(tmp.resolve("state/slipway/compose"));
        Path dir = work.prepare("shop");
        assertEquals(tmp.resolve("state/slipway/compose/shop"), dir);
        for (Path p : List.of(tmp.resolve("state"), tmp.resolve("state/slipway"), work.root(), dir)) {
            assertEquals("rwx------", mode(p), p.toString());
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        work.prepare("shop");
        assertEquals("rwx------", mode(dir), "an existing directory is made private again");
    }

    @Test
    void secretFilesAndOwnedCopiesAreWrittenAndStaleOnesRemoved() throws Exception {
        WorkDir work = new WorkDir(tmp);
        work.prepare("shop");
        Path plain = work.secretFilePath("shop", io.slipway.spec.SecretSpec.Kind.SECRET, "pw");
        Path copy = work.secretFilePath("shop", io.slipway.spec.SecretSpec.Kind.SECRET, "pw@m440");
        io.slipway.spec.SecretMount grant = new io.slipway.spec.SecretMount(io.slipway.spec.SecretSpec.Kind.SECRET,
                "pw", "/run/secrets/pw", null, null, 0440);
        work.writeSecretFiles("shop", Map.of(plain, "one".getBytes()),
                Map.of(copy, new ComposeSecrets.Copy("one".getBytes(), grant)));
        assertEquals("rw-------", mode(plain));
        assertEquals("r--r-----", mode(copy), "the grant's mode");
        assertEquals("one", Files.readString(copy));

        Path other = work.secretFilePath("shop", io.slipway.spec.SecretSpec.Kind.SECRET, "pw@m400");
        work.writeSecretFiles("shop", Map.of(plain, "one".getBytes()), Map.of(other, new ComposeSecrets.Copy(
                "one".getBytes(), new io.slipway.spec.SecretMount(grant.kind(), "pw", grant.target(), null, null, 0400))));
        assertFalse(Files.exists(copy), "a copy no grant has any more is removed");
        assertEquals("r--------", mode(other));
        assertTrue(Files.exists(plain));
    }

    @Test
    void aFileIsReplacedWholeWithMode0600() throws Exception {
        WorkDir work = new WorkDir(tmp);
        work.prepare("shop");
        Path file = work.envFile("shop");
        Files.writeString(file, "x".repeat(10_000));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        work.write(file, "short\n");
        assertEquals("short\n", Files.readString(file), "no stale tail");
        assertEquals("rw-------", mode(file));
        try (Stream<Path> files = Files.list(work.dir("shop"))) {
            assertEquals(List.of(WorkDir.ENV_FILE), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
        work.remove("shop");
        assertFalse(Files.exists(work.dir("shop")));
    }

    @Test
    void theDefaultIsPerUser() {
        assertEquals(Path.of("/state/slipway/compose"), WorkDir.defaultRoot(Map.of("XDG_STATE_HOME", "/state", "HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/slipway/compose"), WorkDir.defaultRoot(Map.of("HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/slipway/compose"),
                WorkDir.defaultRoot(Map.of("XDG_STATE_HOME", "relative", "HOME", "/h")), "a relative XDG dir is ignored");
        assertTrue(WorkDir.defaultRoot(Map.of()).endsWith(".local/state/slipway/compose"));
    }
}
