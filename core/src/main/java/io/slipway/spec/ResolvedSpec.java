package io.slipway.spec;

import io.slipway.inputs.Variables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A spec with its inputs validated and interpolated, ready for a backend.
 *
 * @param services every service, in the spec's order
 * @param outputs declared outputs by name
 * @param variables the interpolation variables (secrets in clear; use {@link Variables#mask} on anything shown)
 * @param document the interpolated Compose document without any {@code x-slipway} key, as plain maps and
 *        lists (for backends that hand a Compose file to a tool)
 * @param baseDir the directory relative paths were resolved against
 */
public record ResolvedSpec(List<ServiceSpec> services, Map<String, OutputDeclaration> outputs, Variables variables,
        Map<String, Object> document, Path baseDir) {

    /** The service called {@code name}, or null. */
    public ServiceSpec service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Each declared output whose service has a result, read from that result, by name. */
    public Map<String, Object> outputValues(List<io.slipway.ServiceResult> results) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
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
