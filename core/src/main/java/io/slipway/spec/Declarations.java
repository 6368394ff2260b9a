package io.slipway.spec;

import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.InputException;
import io.slipway.inputs.InputType;
import io.slipway.inputs.Inputs;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the top-level {@code x-slipway} declarations: {@code inputs}, {@code outputs} and {@code env_files}. */
final class Declarations {

    private static final List<String> INPUT_KEYS = List.of("type", "default", "required", "secret", "description");
    private static final List<String> OUTPUT_KEYS = List.of("service", "value");
    // Inputs are interpolation variables, so their names follow the variable rule.
    private static final Pattern INPUT_NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

    private Declarations() {
    }

    /** Reads and checks {@code x-slipway.inputs}; a default must fit its declared type. */
    static Map<String, InputDeclaration> inputs(Map<String, Object> doc, Values v) {
        Map<String, InputDeclaration> out = new LinkedHashMap<>();
        Map<String, Object> inputs = v.map(v.map(doc.get("x-slipway"), "x-slipway").get("inputs"), "x-slipway.inputs");
        inputs.forEach((name, node) -> {
            String path = "x-slipway.inputs." + name;
            if (!INPUT_NAME.matcher(name).matches()) {
                throw v.fail(path, "invalid input name; an input is a variable, its name matches " + INPUT_NAME.pattern());
            }
            Map<String, Object> d = v.map(node, path);
            v.checkKeys(d, path, INPUT_KEYS);
            InputType type = InputType.STRING;
            if (d.get("type") != null) {
                try {
                    type = InputType.parse(v.string(d.get("type"), path + ".type"));
                } catch (IllegalArgumentException e) {
                    throw v.fail(path + ".type", e.getMessage());
                }
            }
            InputDeclaration declaration = new InputDeclaration(name, type, d.get("default"),
                    v.bool(d.get("required"), path + ".required", false), v.bool(d.get("secret"), path + ".secret", false),
                    v.string(d.get("description"), path + ".description"));
            if (declaration.defaultValue() != null) {
                try {
                    // The same coercion a given value gets, so a default is checked exactly like an input.
                    Inputs.empty().validate(List.of(declaration));
                } catch (InputException e) {
                    throw v.fail(path + ".default", e.getMessage());
                }
            }
            out.put(name, declaration);
        });
        return out;
    }

    /** Reads and checks {@code x-slipway.outputs}. */
    static Map<String, OutputDeclaration> outputs(Map<String, Object> doc, Set<String> services, Values v) {
        Map<String, OutputDeclaration> out = new LinkedHashMap<>();
        Map<String, Object> outputs = v.map(v.map(doc.get("x-slipway"), "x-slipway").get("outputs"), "x-slipway.outputs");
        outputs.forEach((name, node) -> {
            String path = "x-slipway.outputs." + name;
            Map<String, Object> o = v.map(node, path);
            v.checkKeys(o, path, OUTPUT_KEYS);
            String service = v.requiredString(o.get("service"), path + ".service");
            if (!services.contains(service)) {
                throw v.fail(path + ".service", "unknown service '" + service + "'; services: " + String.join(", ", services));
            }
            String value = v.requiredString(o.get("value"), path + ".value");
            try {
                out.put(name, new OutputDeclaration(name, service, OutputDeclaration.Value.parse(value)));
            } catch (IllegalArgumentException e) {
                throw v.fail(path + ".value", e.getMessage());
            }
        });
        return out;
    }

    /**
     * A service whose replica count is not 1 has no single container: an output of its {@code containerId} or
     * {@code containerName} is an error (its {@code status}, {@code exitCode} and {@code logs} are those of
     * {@link io.slipway.ServiceResult#ofReplicas}). Checked once the count is known, as it may come from an input.
     */
    static void checkReplicatedOutputs(Map<String, OutputDeclaration> outputs, List<ServiceSpec> services, Values v) {
        for (OutputDeclaration o : outputs.values()) {
            if (o.value() != OutputDeclaration.Value.CONTAINER_ID && o.value() != OutputDeclaration.Value.CONTAINER_NAME) {
                continue;
            }
            services.stream().filter(s -> s.name().equals(o.service()) && s.replicas() != 1).findFirst().ifPresent(s -> {
                throw v.fail("x-slipway.outputs." + o.name() + ".value", o.value().spelling() + " names one container, "
                        + "but service '" + s.name() + "' has " + s.replicas() + " replicas; valid for a replicated "
                        + "service: status, exitCode, logs");
            });
        }
    }

    /**
     * Reads and checks {@code x-slipway.env_files}: a relative file name (as a service's {@code env_file} writes
     * it) to the declared input whose value is that file's content.
     *
     * @return normalised file name to input name, in declaration order
     */
    static Map<String, String> envFiles(Map<String, Object> doc, Map<String, InputDeclaration> inputs, Values v) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> files = v.map(v.map(doc.get("x-slipway"), "x-slipway").get("env_files"), "x-slipway.env_files");
        files.forEach((name, node) -> {
            String path = "x-slipway.env_files." + name;
            String normalised = envFileName(name);
            if (normalised == null) {
                throw v.fail(path, "an env file supplied by an input is named by a relative path inside the spec's "
                        + "directory, like 'db.env' or 'env/db.env'");
            }
            String input = v.requiredString(node, path);
            if (!inputs.containsKey(input)) {
                throw v.fail(path, "input '" + input + "' is not declared; declared inputs: "
                        + (inputs.isEmpty() ? "none" : String.join(", ", inputs.keySet())));
            }
            if (out.putIfAbsent(normalised, input) != null) {
                throw v.fail(path, "names the same file as another entry ('" + normalised + "')");
            }
        });
        return out;
    }

    /** {@code name} normalised, or null when it is empty, absolute or leaves its directory. */
    static String envFileName(String name) {
        if (name.isBlank()) {
            return null;
        }
        Path p;
        try {
            p = Path.of(name).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        String s = p.toString();
        return p.isAbsolute() || s.isEmpty() || s.equals("..") || s.startsWith("../") ? null : s;
    }
}
