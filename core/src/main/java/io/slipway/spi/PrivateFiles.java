package io.slipway.spi;

import io.slipway.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that may hold secrets, for backends that hand inputs to a tool through files (env files, configs):
 * directories 0700, files 0600, each file replaced whole through a 0600 temporary file in the same directory,
 * so it is never readable by others, never half written, and never keeps the tail of a longer earlier version.
 *
 * <pre>{@code
 * Path dir = PrivateFiles.directory(workDir.resolve(deployment));
 * PrivateFiles.write(dir.resolve("inputs.env"), envText);
 * }</pre>
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and missing parents 0700 (an existing {@code dir} is reset to 0700).
     *
     * @throws SlipwayException naming the directory when it cannot be created
     */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            Files.setPosixFilePermissions(dir, DIR);
            return dir;
        } catch (IOException e) {
            throw new SlipwayException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code file} with {@code content} (UTF-8), mode 0600; its directory is created 0700 when missing.
     *
     * @throws SlipwayException naming the file when it cannot be written
     */
    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} with {@code content}, mode 0600; its directory is created 0700 when missing.
     *
     * @throws SlipwayException naming the file when it cannot be written
     */
    public static void write(Path file, byte[] content) {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            directory(parent);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE));
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new SlipwayException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // it is 0600; nothing more to do
                }
            }
        }
    }

    /**
     * Removes {@code dir} and everything in it (symbolic links are removed, not followed); a missing {@code dir}
     * is fine.
     *
     * @throws SlipwayException naming the directory when something in it cannot be removed
     */
    public static void removeTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SlipwayException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
