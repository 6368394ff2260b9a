package io.slipway.heat.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's environment as {@code docker run} builds it from {@code --env-file} and {@code --env}: each env
 * file in order, then each entry. The docker CLI's rules, not Compose's: a line is {@code KEY=VALUE} taken as
 * written (quotes included), blank lines and {@code #} comments are skipped, and a bare {@code KEY} takes its
 * value from the caller's environment (here the hook's).
 */
final class DockerEnvironment {

    private DockerEnvironment() {
    }

    /**
     * The environment of {@code c}.
     *
     * @param hookEnv the hook's environment, for bare {@code KEY} entries
     * @param workDir the directory relative env files resolve against
     * @throws IllegalArgumentException with the docker CLI's wording for a missing file or a bad variable name
     */
    static List<String> of(DockerCmdContainer c, Map<String, String> hookEnv, Path workDir) {
        List<String> out = new ArrayList<>();
        for (String file : c.envFiles()) {
            out.addAll(envFile(workDir.resolve(file), hookEnv));
        }
        for (String e : c.environment()) {
            out.add(fromHook(e, hookEnv));
        }
        return out;
    }

    private static List<String> envFile(Path file, Map<String, String> hookEnv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new IllegalArgumentException("open " + file + ": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String variable = line.split("=", 2)[0];
            if (variable.isEmpty() || variable.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("variable '" + variable.strip() + "' in " + file + " contains whitespaces");
            }
            out.add(line.contains("=") ? line : fromHook(line, hookEnv));
        }
        return out;
    }

    private static String fromHook(String entry, Map<String, String> hookEnv) {
        if (entry.contains("=")) {
            return entry;
        }
        String v = hookEnv.get(entry);
        return v == null ? entry : entry + "=" + v;
    }
}
