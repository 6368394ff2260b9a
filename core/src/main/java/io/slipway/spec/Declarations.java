package io.slipway.spec;

import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.InputException;
import io.slipway.inputs.InputType;
import io.slipway.inputs.Inputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the top-level {@code x-slipway} declarations: {@code inputs} and {@code outputs}. */
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
}
