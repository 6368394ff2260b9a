package io.slipway.spec;

import io.slipway.inputs.Variables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec with its inputs validated and interpolated, ready for a backend.
 *
 * @param services every service, in the spec's order
 * @param outputs declared outputs by name
 * @param variables the interpolation variables (secrets in clear; use {@link Variables#mask} on anything shown)
 * @param document the interpolated Compose document without any {@code x-slipway} key, as plain maps and
 *        lists (for backends that hand a Compose file to a tool)
 * @param baseDir the directory relative paths were resolved against
 * @param envFileInputs the env files whose content an input supplies ({@code x-slipway.env_files}): the file's
 *        name relative to {@code baseDir}, normalised, to the input's name; no such file is read from disk
 */
public record ResolvedSpec(List<ServiceSpec> services, Map<String, OutputDeclaration> outputs, Variables variables,
        Map<String, Object> document, Path baseDir, Map<String, String> envFileInputs) {

    /**
     * The content of the env file at {@code path} (as in {@link ServiceSpec#envFiles()}) when an input supplies it
     * ({@code x-slipway.env_files}), else empty: the file is read from disk. The content may be a secret.
     */
    public Optional<String> suppliedEnvFile(String path) {
        Path p = Path.of(path);
        if (!p.startsWith(baseDir)) {
            return Optional.empty();
        }
        String input = envFileInputs.get(baseDir.relativize(p).toString());
        return input == null ? Optional.empty() : Optional.ofNullable(variables.get(input));
    }

    /**
     * The variables of the env file at {@code path} of {@code service}: from its input when one supplies it, else
     * read from disk.
     *
     * @throws SpecException at {@code services.<name>.env_file} for a file that cannot be read or a malformed line
     */
    public Map<String, String> envFile(ServiceSpec service, String path) {
        try {
            Optional<String> supplied = suppliedEnvFile(path);
            return supplied.isPresent()
                    ? EnvFile.parse(supplied.get(), "env_file " + baseDir.relativize(Path.of(path)) + " (from input '"
                            + envFileInputs.get(baseDir.relativize(Path.of(path)).toString()) + "')")
                    : EnvFile.read(Path.of(path));
        } catch (SpecException e) {
            throw new SpecException("services." + service.name() + ".env_file", e.getMessage(), e);
        }
    }

    /**
     * The effective environment of {@code service}, as {@code docker run} and Compose build it: its
     * {@code env_file}s in order (later files win), then {@code environment} over all.
     *
     * @throws SpecException at {@code services.<name>.env_file} for a file that cannot be read or a malformed line
     */
    public Map<String, String> environment(ServiceSpec service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.envFiles().forEach(f -> env.putAll(envFile(service, f)));
        env.putAll(service.environment());
        return env;
    }

    /** The service called {@code name}, or null. */
    public ServiceSpec service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Each declared output whose service has a result, read from that result, by name. */
    public Map<String, Object> outputValues(List<io.slipway.ServiceResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OutputDeclaration o : outputs.values()) {
            results.stream().filter(r -> r.name().equals(o.service())).findFirst().ifPresent(r ->
                    out.put(o.name(), switch (o.value()) {
                        case CONTAINER_ID -> r.containerId();
                        case CONTAINER_NAME -> r.containerName();
                        case EXIT_CODE -> r.exitCode();
                        case STATUS -> r.outcome().name();
                        case LOGS -> r.logs();
                    }));
        }
        return out;
    }

    /** Service names only: the document and variables may hold secrets. */
    @Override
    public String toString() {
        return "ResolvedSpec" + services.stream().map(ServiceSpec::name).toList();
    }
}
