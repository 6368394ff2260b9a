package io.slipway.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose's top-level {@code include}: other Compose files whose services, networks, volumes, secrets and configs join
 * the deployment. Short form: a list of paths; long form: {@code path} (a path, or a list of a file and its override
 * files), {@code project_directory} and {@code env_file}. Done when the spec is read, before {@code extends} and every
 * check, so backends (and the Compose tool, which gets one resolved document) see one model.
 *
 * <p>As in Compose v2: relative paths in an included file are relative to its {@code project_directory} (by default
 * its own directory; a relative one is against the including file's directory), rewritten here to stay where that
 * file meant them ({@link Extends#relocate}); an included file's own includes and {@code extends} are resolved in its
 * directory; a resource name defined twice (by the including file and an included one, or two included ones) is an
 * error naming both files, unless both definitions are the same; an include cycle and a missing file are errors. Only
 * the five resource maps are taken from an included file ({@code name}, {@code version} and {@code x-} keys at its
 * top level are not).
 *
 * <p>Interpolation (Slipway's choice, close to Compose v2): an included file's variables take their values from the
 * including deployment first (inputs, its env files or {@code .env}, declared defaults: in Compose the including
 * project's environment wins too), then from the include's {@code env_file}s, or else the {@code .env} in its
 * project directory. Unlike Compose, such a value is one value of the deployment: two included env files giving one
 * variable (that their files use) different values is an error naming both, rather than two values in two files.
 * Values of {@code include} itself are not interpolated: they are read before any input is known.
 */
final class Include {

    static final List<String> KEYS = List.of("path", "project_directory", "env_file");
    /** The top-level maps an included file contributes. */
    static final List<String> SECTIONS = List.of("services", "networks", "volumes", "secrets", "configs");

    private final Function<Path, Map<String, Object>> reader;
    private final Function<Path, Map<String, Object>> extendsReader;
    private final Origins origins;
    /** Variables from included env files, for names the included files use: the lowest layer of values. */
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> envOrigin = new LinkedHashMap<>();

    /**
     * @param reader reads an included Compose file into plain maps, checking its top-level keys
     * @param extendsReader reads a file named by {@code extends.file}
     * @param origins told which file each included resource came from
     */
    Include(Function<Path, Map<String, Object>> reader, Function<Path, Map<String, Object>> extendsReader,
            Origins origins) {
        this.reader = reader;
        this.extendsReader = extendsReader;
        this.origins = origins;
    }

    /** Values of variables from the included env files, by name, for the names the included files use. */
    Map<String, String> env() {
        return env;
    }

    /**
     * Merges the files {@code doc} includes into it and removes its {@code include}.
     *
     * @param source the name of the file {@code doc} was read from, for messages
     * @param file that file, absolute, or null when the document was not read from a file
     * @param dir the directory {@code doc}'s relative paths are relative to (where its includes are looked for)
     */
    void apply(Map<String, Object> doc, String source, Path file, Path dir, Values v) {
        List<Path> trail = new ArrayList<>();
        if (file != null) {
            trail.add(file);
        }
        apply(doc, source, dir, trail, Map.of(), v);
    }

    private void apply(Map<String, Object> doc, String source, Path dir, List<Path> trail, Map<String, String> above,
            Values v) {
        Object node = doc.remove("include");
        if (node == null) {
            return;
        }
        if (!(node instanceof List<?> entries)) {
            throw v.fail("include", "expected a list of paths or {path, project_directory, env_file} maps but was "
                    + Values.describe(node));
        }
        Map<String, String> origin = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            v.map(doc.get(section), section).keySet().forEach(name -> origin.put(section + "." + name, source));
        }
        for (int i = 0; i < entries.size(); i++) {
            include(doc, entries.get(i), "include[" + i + "]", dir, trail, above, origin, v);
        }
    }

    /** Merges one {@code include} entry (at {@code at}) into {@code doc}. */
    private void include(Map<String, Object> doc, Object entry, String at, Path dir, List<Path> trail,
            Map<String, String> above, Map<String, String> origin, Values v) {
        List<String> paths;
        String projectDirectory = null;
        List<String> envFiles = null;
        if (entry instanceof Map<?, ?>) {
            Map<String, Object> m = v.map(entry, at);
            v.checkKeys(m, at, KEYS);
            paths = m.get("path") instanceof List<?> ? v.strings(m.get("path"), at + ".path")
                    : List.of(v.requiredString(m.get("path"), at + ".path"));
            if (paths.isEmpty()) {
                throw v.fail(at + ".path", "expected at least one path");
            }
            projectDirectory = literal(v.string(m.get("project_directory"), at + ".project_directory"),
                    at + ".project_directory", v);
            envFiles = m.get("env_file") == null ? null : m.get("env_file") instanceof List<?>
                    ? v.strings(m.get("env_file"), at + ".env_file") : List.of(v.requiredString(m.get("env_file"), at + ".env_file"));
        } else {
            paths = List.of(v.requiredString(entry, at));
        }
        String pathAt = entry instanceof Map<?, ?> ? at + ".path" : at;
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            Path file = dir.resolve(HomePaths.expand(literal(p, pathAt, v), pathAt, v)).normalize();
            if (!Files.isRegularFile(file)) {
                throw v.fail(pathAt, "no file " + file + (Files.exists(file) ? " (it is not a regular file)" : "")
                        + "; a relative path is resolved against " + dir);
            }
            files.add(file);
        }
        Path main = files.get(0);
        if (trail.contains(main)) {
            List<String> cycle = new ArrayList<>(trail.subList(trail.indexOf(main), trail.size()).stream()
                    .map(Path::toString).toList());
            cycle.add(main.toString());
            throw v.fail(pathAt, "include cycle: " + String.join(" -> ", cycle));
        }
        Path project = projectDirectory == null ? main.getParent()
                : dir.resolve(HomePaths.expand(projectDirectory, at + ".project_directory", v)).normalize();
        List<Path> envPaths = envFiles(envFiles, at, dir, project, v);
        Map<String, String> own = EnvFile.readInterpolationSources(envPaths);

        Map<String, Object> model = reader.apply(main);
        for (Path override : files.subList(1, files.size())) {
            model = overlay(model, reader.apply(override));
        }
        Map<String, String> inherited = new LinkedHashMap<>(own);
        inherited.putAll(above); // the including file's values win, as Compose's environment does
        List<Path> deeper = new ArrayList<>(trail);
        deeper.add(main);
        apply(model, main.toString(), project, deeper, inherited, v);
        takeEnv(model, own, above, envPaths.size() == 1 ? envPaths.get(0).toString() : envPaths.toString(), at, v);

        String label = origins.label(main);
        Map<String, Object> services;
        try {
            services = new Extends(extendsReader, origins).flatten(v.map(model.get("services"), "services"), project,
                    label, v);
        } catch (SpecException e) {
            throw new SpecException(e.path(), label + ": " + e.getMessage(), e, false);
        }
        services.replaceAll((name, s) -> Extends.relocate(v.map(s, "services." + name), project, dir));
        model.put("services", services);
        for (String section : List.of("secrets", "configs")) {
            Map<String, Object> declared = new LinkedHashMap<>(v.map(model.get(section), section));
            declared.replaceAll((name, d) -> relocateFile(v.map(d, section + "." + name), project, dir));
            model.put(section, declared);
        }
        merge(doc, model, main.toString(), origin, v);
        for (String section : SECTIONS) {
            v.map(model.get(section), section).keySet().forEach(name -> origins.put(section + "." + name,
                    new Origins.Origin(label, section.equals("services") ? "services." + name : null, false)));
        }
    }

    /** The env files of an include: those given (relative to {@code dir}; each must exist), else {@code .env}. */
    private static List<Path> envFiles(List<String> given, String at, Path dir, Path project, Values v) {
        if (given == null) {
            Path dotEnv = project.resolve(".env");
            return Files.isRegularFile(dotEnv) ? List.of(dotEnv) : List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String f : given) {
            Path file = dir.resolve(HomePaths.expand(literal(f, at + ".env_file", v), at + ".env_file", v)).normalize();
            if (!Files.isRegularFile(file)) {
                throw v.fail(at + ".env_file", "no file " + file + "; a relative path is resolved against " + dir);
            }
            out.add(file);
        }
        return out;
    }

    /**
     * Takes the values of {@code own} (from {@code envFile}) that {@code model} uses and the including files do not
     * give ({@code above}) into the deployment's lowest layer of values.
     */
    private void takeEnv(Map<String, Object> model, Map<String, String> own, Map<String, String> above, String envFile,
            String at, Values v) {
        for (String name : References.of(model).keySet()) {
            String value = own.get(name);
            if (value == null || above.containsKey(name)) {
                continue;
            }
            String before = env.putIfAbsent(name, value);
            if (before != null && !before.equals(value)) {
                // Names only: a value may be a secret.
                throw v.fail(at, "variable '" + name + "' has one value in " + envOrigin.get(name) + " and another in "
                        + envFile + "; Slipway gives a deployment one value per variable: give it as an input, or "
                        + "use one value");
            }
            envOrigin.putIfAbsent(name, envFile);
        }
    }

    /** {@code text}, which must not use variables: {@code include} is read before any input is known. */
    private static String literal(String text, String at, Values v) {
        if (text != null && text.contains("$")) {
            throw v.fail(at, "'" + text + "': variables are not interpolated in include (it is read when the spec is "
                    + "parsed, before inputs are known); write the path");
        }
        return text;
    }

    /** A secret or config declaration with a relative {@code file} rewritten from {@code from} to {@code to}. */
    private static Map<String, Object> relocateFile(Map<String, Object> declaration, Path from, Path to) {
        Map<String, Object> out = new LinkedHashMap<>(declaration);
        if (out.get("file") instanceof String f && !f.contains("$") && !HomePaths.tilde(f) && !Path.of(f).isAbsolute()) {
            out.put("file", Extends.relative(from.resolve(f).normalize(), to));
        }
        return out;
    }

    /** {@code base} with an override file's resources merged in by Compose's merge rules (the override wins). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> overlay(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((key, node) -> {
            if (SECTIONS.contains(key) && out.get(key) instanceof Map<?, ?> b && node instanceof Map<?, ?> o) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) b);
                ((Map<String, Object>) o).forEach((name, d) -> merged.merge(name, d, (x, y) -> x instanceof Map<?, ?>
                        && y instanceof Map<?, ?> ? Extends.merge((Map<String, Object>) x, (Map<String, Object>) y) : y));
                out.put(key, merged);
            } else if (key.equals("include") && out.get(key) instanceof List<?> b && node instanceof List<?> o) {
                List<Object> both = new ArrayList<>(b);
                both.addAll(o);
                out.put(key, both);
            } else {
                out.put(key, node);
            }
        });
        return out;
    }

    /** Adds {@code model}'s resources to {@code doc}; a name defined already (differently) is an error naming both files. */
    private static void merge(Map<String, Object> doc, Map<String, Object> model, String source,
            Map<String, String> origin, Values v) {
        for (String section : SECTIONS) {
            Map<String, Object> from = v.map(model.get(section), section);
            if (from.isEmpty()) {
                continue;
            }
            Map<String, Object> into = new LinkedHashMap<>(v.map(doc.get(section), section));
            from.forEach((name, definition) -> {
                String key = section + "." + name;
                if (into.containsKey(name) && !java.util.Objects.equals(into.get(name), definition)) {
                    throw v.fail(key, "defined in both " + origin.get(key) + " and " + source + " (included); a name "
                            + "may be defined once: rename one, or use extends to build on the other");
                }
                into.put(name, definition);
                origin.putIfAbsent(key, source);
            });
            doc.put(section, into);
        }
    }
}
