package io.slipway.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a service's {@code build}, short form (the context) or long form ({@link BuildSpec#KEYS}). */
final class BuildReader {

    /** A remote context (a Git or HTTP URL), which Slipway does not fetch. */
    private static final Pattern REMOTE = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://|git@).*");

    private BuildReader() {
    }

    /** Checks the keys of a long-form {@code build} before interpolation. */
    static void checkKeys(Object node, String path, Values v) {
        if (node instanceof Map<?, ?>) {
            v.checkKeys(v.map(node, path), path, BuildSpec.KEYS);
        } else if (node != null && !(node instanceof String)) {
            throw v.fail(path, "expected a context directory or a map of " + String.join(", ", BuildSpec.KEYS)
                    + " but was " + Values.describe(node));
        }
    }

    /**
     * The service's build, or null when it has none.
     *
     * @param extraHosts how {@code extra_hosts} entries are read (the service's own rules)
     */
    static BuildSpec read(Object node, String path, Path baseDir, Values v,
            java.util.function.BiFunction<Object, String, List<String>> extraHosts) {
        if (node == null) {
            return null;
        }
        Map<String, Object> m = node instanceof Map<?, ?> ? v.map(node, path) : Map.of("context", node);
        String at = node instanceof Map<?, ?> ? path + ".context" : path;
        String context = m.get("context") == null ? "." : v.requiredString(m.get("context"), at);
        if (REMOTE.matcher(context).matches()) {
            throw v.fail(at, "a remote build context ('" + context + "') is not supported; give a directory");
        }
        Path dir = baseDir.resolve(HomePaths.expand(context, at, v)).normalize();
        if (!Files.isDirectory(dir)) {
            throw v.fail(at, "build context '" + dir + "' is not a directory");
        }
        String dockerfile = v.string(m.get("dockerfile"), path + ".dockerfile");
        String inline = v.string(m.get("dockerfile_inline"), path + ".dockerfile_inline");
        if (dockerfile != null && inline != null) {
            throw v.fail(path + ".dockerfile_inline", "give either dockerfile or dockerfile_inline, not both");
        }
        if (dockerfile == null && inline == null) {
            dockerfile = "Dockerfile";
        }
        if (dockerfile != null && !Files.isRegularFile(dir.resolve(dockerfile))) {
            throw v.fail(path + ".dockerfile", "Dockerfile '" + dir.resolve(dockerfile).normalize()
                    + "' does not exist; dockerfile is relative to the context " + dir);
        }
        Map<String, String> args = new LinkedHashMap<>();
        v.keyValues(m.get("args"), path + ".args").forEach((key, value) -> {
            // As in environment: an argument without a value takes the input of that name, or is left out.
            String resolved = value != null ? value : v.variables().get(key);
            if (resolved != null) {
                args.put(key, resolved);
            }
        });
        Map<String, String> labels = new LinkedHashMap<>();
        v.keyValues(m.get("labels"), path + ".labels").forEach((key, value) -> labels.put(key, value == null ? "" : value));
        return new BuildSpec(dir, dockerfile, inline, Collections.unmodifiableMap(args),
                v.string(m.get("target"), path + ".target"), Collections.unmodifiableMap(labels),
                v.string(m.get("network"), path + ".network"), v.bytes(m.get("shm_size"), path + ".shm_size"),
                extraHosts.apply(m.get("extra_hosts"), path + ".extra_hosts"),
                m.get("pull") == null ? null : v.bool(m.get("pull"), path + ".pull"));
    }
}
