package io.slipway.spec;

import io.slipway.spec.Origins.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compose's {@code extends}: a service takes another's definition (in the same file, or under {@code services} of
 * {@code file:}) and overrides it, by the Compose Specification's merge rules: mappings are merged (the extending
 * service wins), sequences appended (a mount, port, secret or config with the same target is replaced), and
 * {@code command}, {@code entrypoint} and {@code healthcheck.test} are replaced. Relative paths of a service taken from
 * another directory are rewritten to stay where that file meant them. Done before anything else reads the document,
 * so every backend and the Compose tool see the flattened services.
 */
final class Extends {

    private static final List<String> KEYS = List.of("service", "file");
    private static final List<String> REPLACED = List.of("command", "entrypoint");
    /** "Map or list" keys: a list of {@code KEY=VALUE} is read as the map it means. */
    private static final List<String> KEY_VALUES = List.of("environment", "labels", "sysctls", "annotations");
    /** Sequences whose entries are unique by target: a later entry replaces an earlier one with the same target. */
    private static final List<String> BY_TARGET = List.of("volumes", "secrets", "configs", "ports");

    private final Function<Path, Map<String, Object>> reader;
    private final Origins origins;

    /**
     * @param reader reads (and checks) another Compose file into plain maps, for {@code extends.file}
     * @param origins told where each part of an extending service came from
     */
    Extends(Function<Path, Map<String, Object>> reader, Origins origins) {
        this.reader = reader;
        this.origins = origins;
    }

    /**
     * {@code services} with each {@code extends} resolved; services without one are returned as they are.
     *
     * @param file the name of the file {@code services} is from, as {@link Origins} shows it (null: the spec's own)
     */
    Map<String, Object> flatten(Map<String, Object> services, Path dir, String file, Values v) {
        Map<String, Object> out = new LinkedHashMap<>();
        services.forEach((name, node) -> {
            Map<String, Origin> parts = new LinkedHashMap<>();
            out.put(name, resolve(name, services, dir, dir, file, new ArrayList<>(), v, parts));
            Origin own = new Origin(file, "services." + name, false);
            parts.forEach((key, origin) -> {
                if (!origin.equals(own)) {
                    origins.put("services." + name + "." + key, origin);
                }
            });
        });
        return out;
    }

    /**
     * The service {@code name} of {@code services} (read from directory {@code dir}, file {@code file}) with its
     * {@code extends} resolved, its relative paths made relative to {@code home} (the spec's directory); {@code parts}
     * gets the origin of each key (and of each entry of a map both it and its base define).
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String name, Map<String, Object> services, Path dir, Path home, String file,
            List<String> trail, Values v, Map<String, Origin> parts) {
        String at = "services." + name;
        String key = dir + ":" + name;
        if (trail.contains(key)) {
            List<String> cycle = new ArrayList<>(trail.subList(trail.indexOf(key), trail.size()));
            cycle.add(key);
            throw v.fail(at + ".extends", "extends cycle: " + String.join(" -> ", cycle.stream()
                    .map(k -> k.substring(k.lastIndexOf(':') + 1)).toList()));
        }
        Map<String, Object> service = new LinkedHashMap<>(v.map(services.get(name), at));
        Object ext = service.remove("extends");
        Map<String, Object> local = dir.equals(home) ? service : relocate(service, dir, home);
        Origin own = new Origin(file, at, !trail.isEmpty());
        if (ext == null) {
            local.keySet().forEach(k -> parts.put(k, own));
            return local;
        }
        String base;
        String baseFile = null;
        if (ext instanceof Map<?, ?>) {
            Map<String, Object> e = v.map(ext, at + ".extends");
            v.checkKeys(e, at + ".extends", KEYS);
            base = v.requiredString(e.get("service"), at + ".extends.service");
            baseFile = v.string(e.get("file"), at + ".extends.file");
        } else {
            base = v.requiredString(ext, at + ".extends");
        }
        Path baseDir = dir;
        Map<String, Object> baseServices = services;
        String baseLabel = file;
        if (baseFile != null) {
            Path path = dir.resolve(HomePaths.expand(baseFile, at + ".extends.file", v)).normalize();
            Map<String, Object> other = reader.apply(path);
            baseServices = v.map(other.get("services"), baseFile + ": services");
            baseDir = path.getParent();
            baseLabel = origins.label(path);
        }
        if (!baseServices.containsKey(base)) {
            throw v.fail(at + ".extends", "unknown service '" + base + "'" + (baseFile == null ? "" : " in " + baseFile)
                    + "; services: " + String.join(", ", baseServices.keySet()));
        }
        trail.add(key);
        Map<String, Object> parent = resolve(base, baseServices, baseDir, home, baseLabel, trail, v, parts);
        trail.remove(trail.size() - 1);
        own(parts, parent, local, own);
        return merge(parent, local);
    }

    /**
     * Makes {@code own} the origin of what {@code local} writes over {@code base}: a key, or, where both define a
     * map ({@code environment}, {@code deploy}, ...), each entry of {@code local}'s.
     */
    private static void own(Map<String, Origin> parts, Map<String, Object> base, Map<String, Object> local, Origin own) {
        local.forEach((key, value) -> {
            boolean entries = base.get(key) instanceof Map<?, ?> && value instanceof Map<?, ?> && !REPLACED.contains(key);
            parts.keySet().removeIf(k -> entries ? false : k.equals(key) || k.startsWith(key + "."));
            if (entries) {
                ((Map<?, ?>) value).keySet().forEach(sub -> {
                    String p = key + "." + sub;
                    parts.keySet().removeIf(k -> k.equals(p) || k.startsWith(p + "."));
                    parts.put(p, own);
                });
            } else {
                parts.put(key, own);
            }
        });
    }

    /** {@code base} overridden by {@code local}, by Compose's merge rules. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> local) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        local.forEach((key, value) -> {
            Object old = out.get(key);
            if (old == null || value == null || REPLACED.contains(key)) {
                out.put(key, value);
            } else if (KEY_VALUES.contains(key)) {
                Map<String, Object> merged = new LinkedHashMap<>(keyValues(old));
                merged.putAll(keyValues(value));
                out.put(key, merged);
            } else if (key.equals("depends_on") || key.equals("networks")) {
                Map<String, Object> merged = new LinkedHashMap<>(names(old));
                names(value).forEach((k, x) -> merged.merge(k, x, (a, b) -> a instanceof Map<?, ?> am
                        && b instanceof Map<?, ?> bm ? merge((Map<String, Object>) am, (Map<String, Object>) bm) : b));
                out.put(key, merged);
            } else if (key.equals("healthcheck") && old instanceof Map<?, ?> o && value instanceof Map<?, ?> n) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) o);
                merged.putAll((Map<String, Object>) n); // test is replaced, as every scalar is
                out.put(key, merged);
            } else if (old instanceof Map<?, ?> o && value instanceof Map<?, ?> n) {
                out.put(key, merge((Map<String, Object>) o, (Map<String, Object>) n));
            } else if (old instanceof List<?> o && value instanceof List<?> n) {
                out.put(key, append(key, o, n));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static List<Object> append(String key, List<?> base, List<?> local) {
        List<Object> out = new ArrayList<>();
        for (Object o : base) {
            boolean replaced = local.stream().anyMatch(n -> n.equals(o)
                    || (BY_TARGET.contains(key) && Objects.equals(target(key, o), target(key, n)) && target(key, o) != null));
            if (!replaced) {
                out.add(o);
            }
        }
        out.addAll(local);
        return out;
    }

    /** The unique key of a mount, port, secret or config entry, in either form. */
    private static String target(String key, Object entry) {
        if (entry instanceof Map<?, ?> m) {
            Object target = m.get("target");
            return target == null && !key.equals("ports") ? String.valueOf(m.get("source")) : String.valueOf(target);
        }
        String s = String.valueOf(entry);
        return switch (key) {
            case "volumes" -> s.split(":").length > 1 ? s.split(":")[1] : s;
            case "ports" -> s;
            default -> s;
        };
    }

    private static Map<String, Object> keyValues(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                out.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, x) -> out.put(String.valueOf(k), x));
        }
        return out;
    }

    /** {@code depends_on} or {@code networks} in either form as a map (a list entry maps to null). */
    private static Map<String, Object> names(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof List<?> list) {
            list.forEach(n -> out.put(String.valueOf(n), null));
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, x) -> out.put(String.valueOf(k), x));
        }
        return out;
    }

    /**
     * {@code service} (from directory {@code from}) with its relative paths ({@code build}, {@code env_file}, bind
     * sources) rewritten relative to {@code to}, where the spec that uses it lives.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> relocate(Map<String, Object> service, Path from, Path to) {
        Map<String, Object> out = new LinkedHashMap<>(service);
        Function<Object, Object> path = p -> p instanceof String s && !s.contains("$") && !Path.of(s).isAbsolute()
                && !s.startsWith("~") ? relative(from.resolve(s).normalize(), to) : p;
        if (out.get("build") instanceof String s) {
            out.put("build", path.apply(s));
        } else if (out.get("build") instanceof Map<?, ?> b && b.get("context") != null) {
            Map<String, Object> build = new LinkedHashMap<>((Map<String, Object>) b);
            build.put("context", path.apply(build.get("context")));
            out.put("build", build);
        }
        if (out.get("env_file") != null) {
            List<Object> files = new ArrayList<>();
            for (Object f : out.get("env_file") instanceof List<?> l ? l : List.of(out.get("env_file"))) {
                if (f instanceof Map<?, ?> m) {
                    Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) m);
                    entry.put("path", path.apply(entry.get("path")));
                    files.add(entry);
                } else {
                    files.add(path.apply(f));
                }
            }
            out.put("env_file", files);
        }
        if (out.get("volumes") instanceof List<?> volumes) {
            List<Object> mounts = new ArrayList<>();
            for (Object m : volumes) {
                if (m instanceof String s && s.startsWith(".") && s.contains(":")) {
                    int colon = s.indexOf(':');
                    mounts.add(path.apply(s.substring(0, colon)) + s.substring(colon));
                } else if (m instanceof Map<?, ?> mm && "bind".equals(mm.get("type"))) {
                    Map<String, Object> mount = new LinkedHashMap<>((Map<String, Object>) mm);
                    mount.put("source", path.apply(mount.get("source")));
                    mounts.add(mount);
                } else {
                    mounts.add(m);
                }
            }
            out.put("volumes", mounts);
        }
        return out;
    }

    /** {@code target} relative to {@code dir}, starting with {@code ./} or {@code ../} so Compose reads it as a path. */
    static String relative(Path target, Path dir) {
        String r = dir.relativize(target).toString();
        return r.isEmpty() ? "." : r.startsWith("..") ? r : "./" + r;
    }
}
