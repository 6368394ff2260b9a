package io.slipway.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recording fake Compose tool ({@code fake-compose} in the test resources), installed under a name in a
 * directory of its own: what it answers is set with files beside it, what it was called with is read back.
 */
final class FakeTool {

    final Path dir;
    final Path binary;

    private FakeTool(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
    }

    /** Installs the fake as {@code dir/name}, executable. */
    static FakeTool install(Path dir, String name) {
        Path binary = dir.resolve(name);
        try (InputStream in = FakeTool.class.getResourceAsStream("fake-compose")) {
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FakeTool(dir, binary);
    }

    /** What {@code version} prints. */
    FakeTool version(String output) {
        return file("version", output + "\n");
    }

    /** What {@code compose version} prints. */
    FakeTool composeVersion(String output) {
        return file("compose-version", output + "\n");
    }

    /** Makes {@code up} hang. */
    FakeTool hang() {
        return file("hang", "");
    }

    private FakeTool file(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** How many times it was called. */
    int calls() {
        try {
            Path f = dir.resolve("calls");
            return Files.exists(f) ? Integer.parseInt(Files.readString(f).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments of call {@code n} (from 1), without the program. */
    List<String> argv(int n) {
        return Arrays.asList(read("call-" + n + ".argv").split("\0"));
    }

    /** The whole environment of call {@code n}. */
    Map<String, String> env(int n) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : read("call-" + n + ".env").split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    /** The first call whose arguments contain {@code subcommand}, from 1; 0 if none. */
    int callOf(String subcommand) {
        for (int i = 1; i <= calls(); i++) {
            if (argv(i).contains(subcommand)) {
                return i;
            }
        }
        return 0;
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
