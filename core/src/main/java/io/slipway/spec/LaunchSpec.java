package io.slipway.spec;

import io.slipway.inputs.InputDeclaration;
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

/**
 * A deployment spec: a Compose-format document (YAML or JSON) with Slipway's {@code x-slipway} extensions
 * for inputs, outputs, env files supplied by inputs, wait conditions and one-shot tasks. Parsing checks the
 * structure (every key known, with the path of a bad one); {@link #resolve} validates inputs, interpolates and
 * binds the values.
 *
 * <pre>{@code
 * LaunchSpec spec = LaunchSpec.parse(Path.of("stack.yaml"));
 * ResolvedSpec resolved = spec.resolve(Inputs.builder().put("http_port", 8080).build());
 * }</pre>
 */
public final class LaunchSpec {

    private final Map<String, Object> document;
    private final Map<String, InputDeclaration> inputs;
    private final Path baseDir;
    private final String source;

    private LaunchSpec(Map<String, Object> document, Map<String, InputDeclaration> inputs, Path baseDir,
            String source) {
        this.document = document;
        this.inputs = inputs;
        this.baseDir = baseDir;
        this.source = source;
    }

    /**
     * Reads the spec in {@code file}; relative paths in it ({@code env_file}, bind mounts) are resolved
     * against the file's directory.
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
        return parse(text, dir, file.toString());
    }

    /** Reads a spec from {@code text}; relative paths resolve against the working directory. */
    public static LaunchSpec parse(String text) {
        return parse(text, Path.of("").toAbsolutePath(), "<string>");
    }

    /** Reads a spec from {@code text}; relative paths resolve against {@code baseDir}. */
    public static LaunchSpec parse(String text, Path baseDir, String sourceName) {
        Map<String, Object> doc = ComposeReader.read(text, sourceName);
        Map<String, InputDeclaration> declared = ComposeReader.inputDeclarations(doc);
        return new LaunchSpec(doc, declared, baseDir.toAbsolutePath().normalize(), sourceName);
    }

    /** The inputs the spec declares, in declaration order. */
    public Collection<InputDeclaration> inputs() {
        return inputs.values();
    }

    /** The names of the services, in the spec's order. */
    public List<String> serviceNames() {
        return ComposeReader.serviceNames(document);
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
        Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
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
     * Validates {@code given} against the declared inputs, interpolates every value, and binds the result.
     *
     * @throws io.slipway.inputs.InputException naming a missing, mistyped or (strict) unknown input
     * @throws SpecException with the path of a value that is bad after interpolation
     */
    public ResolvedSpec resolve(Inputs given) {
        Variables variables = given.validate(inputs.values());
        return ComposeReader.resolve(document, variables, baseDir);
    }

    @Override
    public String toString() {
        return "LaunchSpec[" + source + ", services=" + serviceNames() + "]";
    }
}
