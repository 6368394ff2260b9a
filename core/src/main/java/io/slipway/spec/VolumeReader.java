package io.slipway.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a service's {@code volumes} in both Compose syntaxes: short ({@code "/host:/ctr"},
 * {@code "./rel:/ctr:ro"}, {@code "name:/ctr"}, {@code "/ctr"}) and long ({@code {type, source, target,
 * read_only}}). Relative bind sources are resolved against the spec's directory, a leading {@code ~} is the home
 * directory ({@link HomePaths}); named volumes must be
 * declared under the top-level {@code volumes}, as Compose requires.
 */
final class VolumeReader {

    /** The keys of the long syntax. */
    static final List<String> LONG_KEYS = List.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs",
            "consistency");
    private static final List<String> BIND_KEYS = List.of("create_host_path", "propagation", "selinux");
    private static final List<String> PROPAGATIONS = List.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");
    /** What a named volume may be called (Docker's rule). */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> TYPES = List.of("bind", "volume", "tmpfs");

    private final Values v;
    private final Path baseDir;
    private final Set<String> declared;

    /**
     * @param baseDir what relative bind sources are resolved against
     * @param declared the names under the top-level {@code volumes}
     */
    VolumeReader(Values v, Path baseDir, Set<String> declared) {
        this.v = v;
        this.baseDir = baseDir;
        this.declared = declared;
    }

    /** The mounts of an interpolated {@code volumes} list at {@code path}. */
    List<VolumeMount> read(Object node, String path) {
        List<Object> items = v.list(node, path);
        List<VolumeMount> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            Object item = items.get(i);
            out.add(item instanceof Map<?, ?> ? longForm(v.map(item, at), at) : shortForm(v.requiredString(item, at), at));
        }
        return out;
    }

    /** {@code [SOURCE:]TARGET[:ro|rw]}. */
    private VolumeMount shortForm(String entry, String path) {
        String[] parts = entry.split(":", -1);
        if (parts.length == 1) {
            return new VolumeMount("volume", null, target(parts[0], path), false);
        }
        if (parts.length > 3) {
            throw v.fail(path, "invalid volume '" + entry + "'; write [SOURCE:]TARGET[:ro|rw]");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            for (String option : parts[2].split(",", -1)) {
                if (!option.equals("ro") && !option.equals("rw")) {
                    throw v.fail(path, "unknown volume option '" + option + "' in '" + entry + "'; valid: ro, rw");
                }
                readOnly = option.equals("ro");
            }
        }
        String source = parts[0];
        String target = target(parts[1], path);
        // Compose's rule: a source that looks like a path is a bind mount, anything else a volume name.
        if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
            return new VolumeMount("bind", bindSource(source, path), target, readOnly);
        }
        return new VolumeMount("volume", volumeName(source, path), target, readOnly);
    }

    private VolumeMount longForm(Map<String, Object> m, String path) {
        v.checkKeys(m, path, LONG_KEYS);
        String type = v.string(m.get("type"), path + ".type");
        if (!TYPES.contains(type)) {
            throw v.fail(path + ".type", (type == null ? "a value is required" : "invalid type '" + type + "'")
                    + "; valid: " + String.join(", ", TYPES));
        }
        String source = v.string(m.get("source"), path + ".source");
        String target = target(v.requiredString(m.get("target"), path + ".target"), path + ".target");
        boolean readOnly = v.bool(m.get("read_only"), path + ".read_only", false);
        String at = path + ".source";
        switch (type) {
            case "bind" -> {
                if (source == null || source.isEmpty()) {
                    throw v.fail(at, "a bind mount needs a source");
                }
                source = bindSource(source, at);
            }
            case "volume" -> source = source == null || source.isEmpty() ? null : volumeName(source, at);
            default -> {
                if (source != null) {
                    throw v.fail(at, "a tmpfs mount has no source");
                }
            }
        }
        for (String options : List.of("bind", "volume", "tmpfs")) {
            if (m.get(options) != null && !options.equals(type)) {
                throw v.fail(path + "." + options, "'" + options + "' options are for a mount of type " + options
                        + ", but this one is of type " + type);
            }
        }
        Map<String, Object> bind = v.map(m.get("bind"), path + ".bind");
        v.checkKeys(bind, path + ".bind", BIND_KEYS);
        String propagation = v.string(bind.get("propagation"), path + ".bind.propagation");
        if (propagation != null && !PROPAGATIONS.contains(propagation)) {
            throw v.fail(path + ".bind.propagation", "invalid propagation '" + propagation + "'; valid: "
                    + String.join(", ", PROPAGATIONS));
        }
        String selinux = v.string(bind.get("selinux"), path + ".bind.selinux");
        if (selinux != null && !selinux.equals("z") && !selinux.equals("Z")) {
            throw v.fail(path + ".bind.selinux", "invalid selinux '" + selinux + "'; valid: z (shared), Z (private)");
        }
        Map<String, Object> volume = v.map(m.get("volume"), path + ".volume");
        v.checkKeys(volume, path + ".volume", List.of("nocopy"));
        Map<String, Object> tmpfs = v.map(m.get("tmpfs"), path + ".tmpfs");
        v.checkKeys(tmpfs, path + ".tmpfs", List.of("size", "mode"));
        List<String> tmpfsOptions = new java.util.ArrayList<>();
        Long size = v.bytes(tmpfs.get("size"), path + ".tmpfs.size");
        if (size != null) {
            tmpfsOptions.add("size=" + size);
        }
        Long mode = v.longValue(tmpfs.get("mode"), path + ".tmpfs.mode");
        if (mode != null) {
            // YAML reads 1777 as the decimal number the user meant as octal digits, as Compose does.
            tmpfsOptions.add("mode=" + mode);
        }
        return new VolumeMount(type, source, target, readOnly, tmpfsOptions.isEmpty() ? null : String.join(",", tmpfsOptions),
                new VolumeMount.Options(v.bool(bind.get("create_host_path"), path + ".bind.create_host_path", true),
                        propagation, selinux, v.bool(volume.get("nocopy"), path + ".volume.nocopy", false)));
    }

    private String target(String target, String path) {
        if (!target.startsWith("/")) {
            throw v.fail(path, "invalid container path '" + target + "'; it must be absolute");
        }
        return target;
    }

    /** An absolute path: relative ones against the spec's directory. */
    private String bindSource(String source, String path) {
        // As Compose: the home of the user running Slipway, as relative paths are the spec's directory on this host.
        source = HomePaths.expand(source, path, v);
        Path p = Path.of(source);
        return p.isAbsolute() ? source : baseDir.resolve(p).normalize().toString();
    }

    private String volumeName(String name, String path) {
        if (!NAME.matcher(name).matches()) {
            throw v.fail(path, "invalid volume name '" + name + "'; a name matches " + NAME.pattern());
        }
        if (!declared.contains(name)) {
            throw v.fail(path, "undefined volume '" + name + "'; declare it under the top-level volumes");
        }
        return name;
    }
}
