package io.slipway.inputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.internal.Numbers;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named values a caller gives a deployment: strings, numbers, booleans, lists or JSON values, each
 * optionally secret. {@link #validate} checks them against a spec's declarations and turns them into the
 * spec's interpolation {@link Variables}, before anything runs.
 *
 * <pre>{@code
 * Inputs inputs = Inputs.builder().put("http_port", 8080).secret("db_password", pw).build();
 * }</pre>
 */
public final class Inputs {

    private static final Logger LOG = LoggerFactory.getLogger(Inputs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> values;
    private final boolean strict;
    private final List<Path> envFiles;

    private Inputs(Map<String, Object> values, boolean strict, List<Path> envFiles) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.strict = strict;
        this.envFiles = List.copyOf(envFiles);
    }

    /** No inputs. */
    public static Inputs empty() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names of the given inputs, in the order given. */
    public Collection<String> names() {
        return values.keySet();
    }

    /** Whether an input the spec does not declare is an error (true) or passed on as a variable (false). */
    public boolean strict() {
        return strict;
    }

    /**
     * The env files given with {@link Builder#envFile}, in order; a spec reads them when it is resolved
     * ({@link io.slipway.spec.LaunchSpec#resolve}).
     */
    public List<Path> envFiles() {
        return envFiles;
    }

    /**
     * Checks these inputs against {@code declarations} and returns the interpolation variables: given
     * values, then defaults. Numbers, booleans, lists and JSON values given as strings (as a command
     * line gives them) are parsed by the declared type.
     *
     * @throws InputException naming the input that is missing, of the wrong type, or (strict) unknown
     */
    public Variables validate(Collection<InputDeclaration> declarations) {
        return validate(declarations, Map.of());
    }

    /**
     * As {@link #validate(Collection)}, with values read from env files ({@code fromEnvFiles}) at the lowest
     * precedence of all given values: an input given here wins over them, and they win over a default. Only
     * declared names are taken (a {@code .env} commonly holds more than one spec uses); a value is secret only when
     * its declaration is.
     *
     * @throws InputException naming the input that is missing or of the wrong type, or (strict) unknown
     */
    public Variables validate(Collection<InputDeclaration> declarations, Map<String, String> fromEnvFiles) {
        Map<String, InputDeclaration> declared = new LinkedHashMap<>();
        declarations.forEach(d -> declared.put(d.name(), d));
        Map<String, String> vars = new LinkedHashMap<>();
        java.util.Set<String> secrets = new java.util.HashSet<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String name = e.getKey();
            InputDeclaration d = declared.get(name);
            if (d == null && strict) {
                throw new InputException(name, "unknown input '" + name + "'; the spec declares: "
                        + (declared.isEmpty() ? "no inputs" : String.join(", ", new TreeSet<>(declared.keySet()))));
            }
            boolean secret = e.getValue() instanceof Secret || (d != null && d.secret());
            Object raw = e.getValue() instanceof Secret s ? s.reveal() : e.getValue();
            String text = d == null ? render(raw) : coerce(d, raw, secret);
            vars.put(name, text);
            if (secret) {
                secrets.add(text);
            }
        }
        for (InputDeclaration d : declared.values()) {
            if (vars.containsKey(d.name())) {
                continue;
            }
            String fromFile = fromEnvFiles.get(d.name());
            if (fromFile != null || d.defaultValue() != null) {
                String text = fromFile != null ? fromEnvFile(d, fromFile) : coerce(d, d.defaultValue(), d.secret());
                vars.put(d.name(), text);
                if (d.secret()) {
                    secrets.add(text);
                }
            } else if (d.required()) {
                throw new InputException(d.name(), "missing required input '" + d.name() + "'"
                        + (d.description() == null ? "" : " (" + d.description() + ")"));
            }
        }
        List<String> ignored = fromEnvFiles.keySet().stream().filter(n -> !declared.containsKey(n)).sorted().toList();
        if (!ignored.isEmpty()) {
            LOG.debug("Env file variables ignored, the spec does not use them: {}", ignored); // names only
        }
        return new Variables(vars, secrets);
    }

    /** {@code text} coerced to {@code d}'s type; an error says where the value came from. */
    private static String fromEnvFile(InputDeclaration d, String text) {
        try {
            return coerce(d, text, d.secret());
        } catch (InputException e) {
            throw new InputException(d.name(), e.getMessage() + " (from an env file)");
        }
    }

    private static String coerce(InputDeclaration d, Object raw, boolean secret) {
        String shown = secret ? Secret.MASK : String.valueOf(raw);
        String bad = "input '" + d.name() + "' must be a " + d.type().spelling() + " but was: " + shown;
        switch (d.type()) {
            case STRING:
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                    return render(raw);
                }
                throw new InputException(d.name(), bad);
            case NUMBER:
                try {
                    return render(raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().strip()));
                } catch (NumberFormatException ex) {
                    throw new InputException(d.name(), bad);
                }
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b.toString();
                }
                if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return s.toLowerCase(java.util.Locale.ROOT);
                }
                throw new InputException(d.name(), bad);
            case LIST:
                Object list = raw instanceof String s ? parseJson(d, s, shown) : raw;
                if (list instanceof List<?>) {
                    return render(list);
                }
                throw new InputException(d.name(), bad);
            case JSON:
                return render(raw instanceof String s ? parseJson(d, s, shown) : raw);
            default:
                throw new IllegalStateException(d.type().toString());
        }
    }

    private static Object parseJson(InputDeclaration d, String text, String shown) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException ex) {
            throw new InputException(d.name(), "input '" + d.name() + "' must be a " + d.type().spelling()
                    + " in JSON form but was: " + shown);
        }
    }

    /** The string form a value takes as a variable: numbers without trailing zeros, lists and maps as JSON. */
    static String render(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof BigDecimal b) {
            return Numbers.text(b);
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return raw.toString(); // NaN, Infinity: BigDecimal has no such value
            }
            return Numbers.text(new BigDecimal(raw.toString()));
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        try {
            return JSON.writeValueAsString(raw);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot render input value of " + raw.getClass(), ex);
        }
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, v instanceof Secret ? Secret.MASK : v));
        return "Inputs" + shown + (envFiles.isEmpty() ? "" : " with env files " + envFiles);
    }

    /** Builds {@link Inputs}. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final List<Path> envFiles = new ArrayList<>();
        private boolean strict;

        private Builder() {
        }

        /** Adds an input: a String, Number, Boolean, List or Map (a JSON value). */
        public Builder put(String name, Object value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, () -> "value of input '" + name + "'");
            values.put(name, value);
            return this;
        }

        /** Adds a secret input: masked wherever it could be shown. */
        public Builder secret(String name, String value) {
            Objects.requireNonNull(value, () -> "value of input '" + name + "'");
            return put(name, Secret.of(value));
        }

        /** Adds every entry of {@code map}. */
        public Builder putAll(Map<String, ?> map) {
            map.forEach(this::put);
            return this;
        }

        /** Makes an input the spec does not declare an error. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Adds an env file whose entries give inputs, as {@code docker compose --env-file} gives variables: Compose's
         * dotenv syntax (see {@link io.slipway.spec.EnvFile}); repeatable, a later file wins over an earlier one; an
         * input {@link #put} (or {@link #secret}) wins over every file. Giving one means the {@code .env} beside the
         * spec is not read, as in Compose. The file is read when the spec is resolved; a missing one is an error then.
         */
        public Builder envFile(Path file) {
            envFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** The inputs. */
        public Inputs build() {
            return new Inputs(values, strict, envFiles);
        }
    }
}
