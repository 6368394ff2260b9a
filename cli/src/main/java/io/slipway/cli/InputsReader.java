package io.slipway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds {@link Inputs} from the command line: {@code --env-file}s (read by the core when the spec is resolved, below
 * everything else), an {@code --inputs} file (JSON or YAML, values keep their types), then {@code -i name=value}
 * pairs (strings, typed by the spec's declarations), which win. Inputs the spec declares secret are passed as
 * secrets. No message here ever contains a value.
 */
final class InputsReader {

    private InputsReader() {
    }

    /**
     * The inputs for {@code spec}.
     *
     * @param file an {@code --inputs} file, or null
     * @param pairs the {@code -i} arguments, in order (a later one wins)
     * @param envFiles the {@code --env-file} arguments, in order (a later one wins)
     * @throws UsageException naming the bad argument or file, never a value
     */
    static Inputs read(LaunchSpec spec, Path file, List<String> pairs, boolean strict, List<Path> envFiles) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        int n = 0;
        for (String pair : pairs) {
            n++;
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // Do not echo the argument: it may be a secret typed without its name.
                throw new UsageException("-i argument #" + n + " is not name=value" + (eq == 0 ? " (empty name)" : ""));
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        Set<String> secret = spec.inputs().stream().filter(InputDeclaration::secret).map(InputDeclaration::name)
                .collect(Collectors.toSet());
        Inputs.Builder builder = Inputs.builder().strict(strict);
        for (Path envFile : envFiles) {
            // Checked here so that a typo is a usage error naming the file, as docker compose reports it.
            if (!Files.isRegularFile(envFile) || !Files.isReadable(envFile)) {
                throw new UsageException("cannot read env file " + envFile + ": "
                        + (Files.exists(envFile) ? "not a readable file" : "no such file"));
            }
            builder.envFile(envFile);
        }
        values.forEach((name, value) -> {
            if (secret.contains(name) && value instanceof String s) {
                builder.secret(name, s);
            } else {
                builder.put(name, value); // a declared secret of another type is masked by the core all the same
            }
        });
        return builder.build();
    }

    /** The top-level mapping of a JSON or YAML file; values keep their types. */
    private static Map<String, Object> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("cannot read inputs file " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
        ObjectMapper mapper = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? new ObjectMapper() : new YAMLMapper();
        Object doc;
        try {
            doc = text.isBlank() ? Map.of() : mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            // Jackson's message can quote the document; report only where it broke.
            var at = e.getLocation();
            throw new UsageException("inputs file " + file + " is not valid " + (mapper instanceof YAMLMapper ? "YAML" : "JSON")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new UsageException("inputs file " + file + " must hold a mapping of input names to values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (e.getValue() == null) {
                throw new UsageException("input '" + name + "' in " + file + " has no value (null)");
            }
            values.put(name, e.getValue());
        }
        return values;
    }
}
