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
 * @param networks the top-level networks by key, {@code default} always among them (services name them)
 * @param volumes the top-level named volumes by key
 * @param secrets the top-level secrets by key (none external: those exist only on a swarm)
 * @param configs the top-level configs by key (none external)
 * @param outputs declared outputs by name
 * @param variables the interpolation variables (secrets in clear; use {@link Variables#mask} on anything shown)
 * @param document the interpolated Compose document without any {@code x-slipway} key, as plain maps and
 *        lists (for backends that hand a Compose file to a tool)
 * @param baseDir the directory relative paths were resolved against
 * @param envFileInputs the env files whose content an input supplies ({@code x-slipway.env_files}): the file's
 *        name relative to {@code baseDir}, normalised, to the input's name; no such file is read from disk
 */
public record ResolvedSpec(List<ServiceSpec> services, Map<String, NetworkSpec> networks,
        Map<String, VolumeSpec> volumes, Map<String, SecretSpec> secrets, Map<String, SecretSpec> configs,
        Map<String, OutputDeclaration> outputs, Variables variables,
        Map<String, Object> document, Path baseDir, Map<String, String> envFileInputs) {

    /**
     * The name (a key of {@link #envFileInputs}) of the env file at {@code path} (as in
     * {@link ServiceSpec#envFiles()}) when an input supplies it, else empty: the file is read from disk.
     */
    public Optional<String> suppliedEnvFileName(String path) {
        Path p = Path.of(path);
        if (!p.startsWith(baseDir)) {
            return Optional.empty();
        }
        String name = baseDir.relativize(p).toString();
        return envFileInputs.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * The content of the env file at {@code path} (as in {@link ServiceSpec#envFiles()}) when an input supplies it
     * ({@code x-slipway.env_files}), else empty: the file is read from disk. The content may be a secret.
     */
    public Optional<String> suppliedEnvFile(String path) {
        return suppliedEnvFileName(path).map(name -> variables.get(envFileInputs.get(name)));
    }

    /**
     * The variables of the env file at {@code path} of {@code service}: from its input when one supplies it, else
     * read from disk.
     *
     * @throws SpecException at {@code services.<name>.env_file} for a file that cannot be read or a malformed line
     */
    public Map<String, String> envFile(ServiceSpec service, String path) {
        try {
            Optional<String> name = suppliedEnvFileName(path);
            if (name.isEmpty()) {
                return EnvFile.read(Path.of(path));
            }
            String input = envFileInputs.get(name.get());
            return EnvFile.parse(variables.get(input), "env_file " + name.get() + " (from input '" + input + "')");
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

    /** The top-level secret or config that {@code mount} grants. */
    public SecretSpec declaration(SecretMount mount) {
        return (mount.kind() == SecretSpec.Kind.SECRET ? secrets : configs).get(mount.source());
    }

    /**
     * The content of {@code s}, for backends that mount it: its file's bytes (read now), its input's value, or its
     * inline content, the last two as UTF-8. It may be a secret: never log nor show it.
     *
     * @throws SpecException at {@code secrets.<key>.file} when the file can no longer be read
     */
    public byte[] content(SecretSpec s) {
        return SecretReader.content(s, variables);
    }

    /** The networks at least one service joins, in declaration order ({@code default} first). */
    public List<NetworkSpec> usedNetworks() {
        return networks.values().stream().filter(n -> services.stream()
                .anyMatch(s -> s.networking().networks().containsKey(n.key()))).toList();
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
