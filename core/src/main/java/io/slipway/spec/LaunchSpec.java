package io.slipway.spec;

import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.InputType;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployment spec: a Compose-format document (YAML or JSON) with Slipway's {@code x-slipway} extensions
 * for inputs, outputs, env files supplied by inputs, wait conditions and one-shot tasks. Parsing checks the
 * structure (every key known, with the path of a bad one); {@link #resolve} validates inputs, interpolates and
 * binds the values.
 *
 * <p>Where values come from, as with {@code docker compose}: the inputs given, then the env files given with
 * {@link Inputs.Builder#envFile} or, when there are none, the {@code .env} beside a spec read from a file; then
 * declared defaults. In a spec that declares {@code x-slipway.inputs}, with {@link Inputs.Builder#strict strict}
 * inputs, an undeclared variable is an error where it would be blank ({@code ${X}}; {@code ${X:-default}} is fine);
 * without strict it is blank, as it always was. A spec without declarations (a plain Compose file) takes every
 * variable it refers to as a string input, and one left unset is "" with a warning, as Compose does.
 *
 * <pre>{@code
 * LaunchSpec spec = LaunchSpec.parse(Path.of("stack.yaml"));
 * ResolvedSpec resolved = spec.resolve(Inputs.builder().put("http_port", 8080).build());
 * }</pre>
 */
public final class LaunchSpec {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchSpec.class);

    /** The document as written, every service in it. */
    private final Map<String, Object> written;
    private final Set<String> profiles;
    private final Map<String, InputDeclaration> inputs;
    private final boolean declaresInputs;
    private final Path baseDir;
    private final String source;
    private final Path dotEnv;
    /** Values from included files' env files, below every other source ({@link Include}). */
    private final Map<String, String> includeEnv;
    /** Where included and extended parts came from, for errors ({@link Origins}). */
    private final Origins origins;
    // The unset names last warned about: a caller that resolves twice (validate first, then launch) warns once.
    private final AtomicReference<Set<String>> warned = new AtomicReference<>(Set.of());

    private LaunchSpec(Map<String, Object> written, Set<String> profiles, Map<String, InputDeclaration> inputs,
            Path baseDir, String source, Path dotEnv, Map<String, String> includeEnv, Origins origins) {
        this.written = written;
        this.origins = origins;
        this.includeEnv = includeEnv;
        this.profiles = profiles;
        this.inputs = inputs;
        this.declaresInputs = written.get("x-slipway") instanceof Map<?, ?> x && x.containsKey("inputs");
        this.baseDir = baseDir;
        this.source = source;
        this.dotEnv = dotEnv;
    }

    /**
     * Reads the spec in {@code file}; relative paths in it ({@code env_file}, bind mounts) are resolved
     * against the file's directory. A {@code .env} file in that directory gives input values when the spec is
     * resolved (unless {@link Inputs.Builder#envFile env files} are given); it need not exist.
     *
     * @throws SpecException naming the file and the path of the bad key
     */
    public static LaunchSpec parse(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SpecException("", "cannot read spec " + file + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, dir, file.toString(), dir.resolve(".env"));
    }

    /** Reads a spec from {@code text}; relative paths resolve against the working directory. No {@code .env} is read. */
    public static LaunchSpec parse(String text) {
        return parse(text, Path.of("").toAbsolutePath(), "<string>");
    }

    /** Reads a spec from {@code text}; relative paths resolve against {@code baseDir}. No {@code .env} is read. */
    public static LaunchSpec parse(String text, Path baseDir, String sourceName) {
        return parse(text, baseDir, sourceName, null);
    }

    private static LaunchSpec parse(String text, Path baseDir, String sourceName, Path dotEnv) {
        Map<String, String> includeEnv = new LinkedHashMap<>();
        Path dir = baseDir.toAbsolutePath().normalize();
        Origins origins = new Origins(dir);
        Map<String, Object> doc = ComposeReader.read(text, sourceName, dir, includeEnv, origins);
        Map<String, InputDeclaration> declared = ComposeReader.inputDeclarations(doc);
        return new LaunchSpec(doc, Set.of(), declared, dir, sourceName, dotEnv, Map.copyOf(includeEnv), origins);
    }

    /**
     * This spec with Compose {@code profiles} activated: a service that lists {@code profiles} is part of the
     * deployment only when one of them is active ({@code *} activates every one), as with {@code docker compose
     * --profile NAME}; services without {@code profiles} always are. Replaces the profiles activated before.
     *
     * @throws SpecException when an enabled service depends on (or links to) a disabled one, or none is enabled
     */
    public LaunchSpec withProfiles(Collection<String> active) {
        Set<String> names = Set.copyOf(active);
        for (String name : names) {
            if (!name.equals("*") && !Profiles.NAME.matcher(name).matches()) {
                throw new SpecException("", "invalid profile name '" + name + "'; a name matches "
                        + Profiles.NAME.pattern() + ", or * for all");
            }
        }
        return new LaunchSpec(written, names, inputs, baseDir, source, dotEnv, includeEnv, origins);
    }

    /**
     * The document with only the services the active profiles enable.
     *
     * @throws SpecException when an enabled service depends on a disabled one, or none is enabled
     */
    private Map<String, Object> document() {
        return Profiles.select(written, profiles);
    }

    /** The profiles activated ({@link #withProfiles}), empty by default. */
    public Set<String> profiles() {
        return profiles;
    }

    /** The inputs the spec declares, in declaration order. */
    public Collection<InputDeclaration> inputs() {
        return inputs.values();
    }

    /** The names of the services, in the spec's order. */
    public List<String> serviceNames() {
        return ComposeReader.serviceNames(document());
    }

    /** Where the spec came from (a file name, or {@code <string>}). */
    public String source() {
        return source;
    }

    /**
     * The document as written, <em>not</em> interpolated, without {@code x-slipway} at the top level or in
     * any service: for backends whose tool interpolates by itself, receiving the inputs as variables (the
     * compose backend writes this to a file and gives the tool the inputs through its environment). So
     * {@code ${name}} and {@code $$} are still there, and no input value, secret or not, is in it. Other
     * {@code x-} extension keys stay.
     *
     * <pre>{@code
     * spec.composeDocument()   // {services={web={image=busybox:1, environment={GREETING=${greeting}}}}}
     * }</pre>
     *
     * @return a fresh deep copy on every call, as plain mutable {@link LinkedHashMap}s, {@link ArrayList}s and
     *         scalars, in the document's order; the caller may change it
     */
    public Map<String, Object> composeDocument() {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) deepCopy(document());
        copy.remove("x-slipway");
        if (copy.get("services") instanceof Map<?, ?> services) {
            for (Object service : services.values()) {
                if (service instanceof Map<?, ?> s) {
                    s.remove("x-slipway");
                }
            }
        }
        return copy;
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return node;
    }

    /**
     * Validates {@code given} (and the env files, see the class comment) against the declared inputs, or the
     * implicit ones of a spec that declares none, interpolates every value, and binds the result.
     *
     * @throws io.slipway.inputs.InputException naming a missing, mistyped or (strict) unknown input
     * @throws SpecException with the path of a value that is bad after interpolation, or (strict) of an undeclared
     *         variable that would be blank; naming the env file (and line) that cannot be read
     */
    public ResolvedSpec resolve(Inputs given) {
        Map<String, Object> document = document();
        // A plain Compose file: every variable it refers to is an optional string input.
        List<InputDeclaration> declarations = new ArrayList<>(declaresInputs ? inputs.values()
                : References.of(document).keySet().stream()
                        .map(name -> new InputDeclaration(name, InputType.STRING, null, false, false, null)).toList());
        // A variable an included file's env file gives is an input of that file, declared or not.
        includeEnv.keySet().stream().filter(name -> declarations.stream().noneMatch(d -> d.name().equals(name)))
                .forEach(name -> declarations.add(new InputDeclaration(name, InputType.STRING, null, false, false, null)));
        // The included files' values are below the spec's own env files, as Compose's environment wins over them.
        Map<String, String> fromFiles = new LinkedHashMap<>(includeEnv);
        fromFiles.putAll(EnvFile.readInterpolationSources(envFiles(given)));
        Variables variables = given.validate(declarations, fromFiles);
        return ComposeReader.resolve(document, variables, baseDir, unset -> blank(unset, given.strict()), origins);
    }

    /** The env files that give values: those given, or else the {@code .env} beside the spec if there is one. */
    private List<Path> envFiles(Inputs given) {
        List<Path> files = !given.envFiles().isEmpty() ? given.envFiles()
                : dotEnv != null && Files.exists(dotEnv) ? List.of(dotEnv) : List.of();
        if (!files.isEmpty()) {
            LOG.debug("{}: input values from env files {}", source, files);
        }
        return files;
    }

    /**
     * Told the variables interpolated as "" (name to the path of a use): with declarations and strict inputs, one the
     * spec does not declare is an error (a typo, most likely); without declarations, Compose's warning, once.
     */
    private void blank(Map<String, String> unset, boolean strict) {
        if (!declaresInputs) {
            if (!unset.keySet().equals(warned.getAndSet(Set.copyOf(unset.keySet())))) {
                // Names only: never a value.
                LOG.warn("{}: variables not set, each interpolated as a blank string: {}", source,
                        String.join(", ", unset.keySet()));
            }
            return;
        }
        unset.forEach((name, path) -> {
            // Not without strict: undeclared variables were always blank then, and Heat's hook relies on it.
            if (strict && !inputs.containsKey(name)) {
                throw new SpecException(path, "variable '" + name + "' is not a declared input (strict); declare it under "
                        + "x-slipway.inputs (declared: " + (inputs.isEmpty() ? "none" : String.join(", ", inputs.keySet()))
                        + "), give it a default (${" + name + ":-value}), or write $$ for a literal $");
            }
        });
        LOG.debug("{}: inputs without a value, interpolated as blank: {}", source, unset.keySet());
    }

    @Override
    public String toString() {
        return "LaunchSpec[" + source + ", services=" + serviceNames() + "]";
    }
}
