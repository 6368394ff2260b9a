package io.slipway.compose;

import io.slipway.ServiceResult;
import io.slipway.spec.OutputDeclaration;
import io.slipway.spec.ResolvedSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The declared outputs of a spec, read from the services' results. */
final class Outputs {

    private Outputs() {
    }

    /** Each declared output whose service has a result, by name. */
    static Map<String, Object> of(ResolvedSpec spec, List<ServiceResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OutputDeclaration o : spec.outputs().values()) {
            ServiceResult r = results.stream().filter(s -> s.name().equals(o.service())).findFirst().orElse(null);
            if (r == null) {
                continue;
            }
            out.put(o.name(), switch (o.value()) {
                case CONTAINER_ID -> r.containerId();
                case CONTAINER_NAME -> r.containerName();
                case EXIT_CODE -> r.exitCode();
                case STATUS -> r.outcome().name();
                case LOGS -> r.logs();
            });
        }
        return out;
    }
}
