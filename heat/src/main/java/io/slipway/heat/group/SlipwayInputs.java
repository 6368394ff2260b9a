package io.slipway.heat.group;

import io.slipway.heat.HeatValues;
import io.slipway.heat.HookInput;
import io.slipway.heat.HookItem;
import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A deployment item's inputs as a spec's {@link Inputs}: each input the spec declares, converted from Heat's
 * form to the declared type (numbers and booleans from strings, lists and maps from JSON text or a Python
 * repr, a {@code CommaDelimitedList} from {@code a,b,c}); the reserved names ({@value #LAUNCHER} and Heat's
 * {@code deploy_*}) as plain variables, usable in interpolation without being declared; any other input is
 * an error naming it and the declared ones. Secrets (declared {@code secret: true}, and Heat's transport
 * secrets) become {@link Secret}s, masked wherever a backend shows anything. An input without a value
 * (JSON null) is not given, so the spec's default applies.
 */
final class SlipwayInputs {

    /** The input that names the backend. */
    static final String LAUNCHER = "launcher";

    private SlipwayInputs() {
    }

    /** Whether {@code name} is reserved: usable without being declared, never an unknown input. */
    static boolean reserved(String name) {
        return name.equals(LAUNCHER) || name.startsWith("deploy_");
    }

    /**
     * The inputs of {@code item} for a spec declaring {@code declarations}.
     *
     * @throws InputException naming an input the spec does not declare, or one that cannot be read as its type
     */
    static Inputs of(HookItem item, Collection<InputDeclaration> declarations) {
        Map<String, InputDeclaration> declared = new LinkedHashMap<>();
        declarations.forEach(d -> declared.put(d.name(), d));
        Map<String, HookInput> given = new LinkedHashMap<>();
        item.inputs().forEach(i -> given.put(i.name(), i)); // the last of a name wins, as in Python's dict()
        Inputs.Builder b = Inputs.builder();
        for (HookInput in : given.values()) {
            if (in.value() == null) {
                continue;
            }
            InputDeclaration d = declared.get(in.name());
            if (d == null && !reserved(in.name())) {
                throw new InputException(in.name(), "unknown input '" + in.name() + "'; the spec declares: "
                        + (declared.isEmpty() ? "no inputs" : String.join(", ", new TreeSet<>(declared.keySet())))
                        + " (Heat's deploy_* inputs and '" + LAUNCHER + "' are always allowed)");
            }
            boolean secret = in.transportSecret() || (d != null && d.secret());
            Object value = d == null ? HeatValues.text(in.value()) : convert(in, d, secret);
            b.put(in.name(), secret ? Secret.of(HeatValues.text(value)) : value);
        }
        return b.build();
    }

    /** The value of {@code in} in the form {@link Inputs} validates for {@code d}'s type. */
    private static Object convert(HookInput in, InputDeclaration d, boolean secret) {
        Object v = in.value();
        switch (d.type()) {
            case BOOLEAN: {
                Boolean b = HeatValues.bool(v);
                return b != null ? b : v;
            }
            case LIST: {
                if (v instanceof String s) {
                    Object parsed = HeatValues.parseText(s);
                    if (parsed instanceof List<?>) {
                        return parsed;
                    }
                    if (in.type().equals("CommaDelimitedList") || !looksStructured(s)) {
                        return HeatValues.commaDelimited(s);
                    }
                    throw typeError(in, d, secret);
                }
                return v;
            }
            case JSON: {
                if (v instanceof String s) {
                    Object parsed = HeatValues.parseText(s);
                    if (parsed != s) {
                        return parsed == null ? "null" : parsed;
                    }
                    if (looksStructured(s)) {
                        throw typeError(in, d, secret);
                    }
                    return HeatValues.json(s); // a plain string is a JSON string value
                }
                return v;
            }
            case STRING:
                if (v instanceof List<?> || v instanceof Map<?, ?>) {
                    throw typeError(in, d, secret);
                }
                return v instanceof Boolean b ? b.toString() : v;
            case NUMBER:
            default:
                return v;
        }
    }

    private static boolean looksStructured(String s) {
        String t = s.strip();
        return t.startsWith("[") || t.startsWith("{") || t.startsWith("(");
    }

    private static InputException typeError(HookInput in, InputDeclaration d, boolean secret) {
        String forms = switch (d.type()) {
            case LIST -> " (JSON, a Python literal or a,b,c)";
            case JSON -> " (JSON or a Python literal)";
            default -> "";
        };
        return new InputException(in.name(), "input '" + in.name() + "' must be a " + d.type().spelling() + forms + " but was: "
                + (secret ? Secret.MASK : HeatValues.text(in.value())));
    }
}
