package io.slipway.heat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * heat-config's list of current deployments, the file the dispatcher reads ({@code HEAT_SHELL_CONFIG}, default
 * {@value #DEFAULT}): what heat-agents' os-refresh-config cleanup scripts compared the host against.
 */
public final class DispatcherFile {

    /** Where heat-config keeps its current deployments, unless {@code HEAT_SHELL_CONFIG} says otherwise. */
    static final String DEFAULT = "/var/run/heat-config/heat-config";

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DispatcherFile() {
    }

    /** The deployments in the file, as JSON objects; null when it is absent or unreadable (then nothing is cleaned). */
    public static List<Map<?, ?>> deployments(Map<String, String> env) {
        String configured = env.get("HEAT_SHELL_CONFIG");
        Path file = Path.of(configured == null || configured.isBlank() ? DEFAULT : configured);
        if (!Files.isRegularFile(file)) {
            LOG.debug("No deployments file {}: nothing stale is removed", file);
            return null;
        }
        Object parsed;
        try {
            parsed = JSON.readValue(Files.readString(file), Object.class);
        } catch (IOException e) {
            LOG.warn("Could not load deployments from {} (not readable JSON): nothing stale is removed", file);
            return null;
        }
        if (!(parsed instanceof List<?> list)) {
            LOG.warn("{} is not a list of deployments: nothing stale is removed", file);
            return null;
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                out.add(m);
            }
        }
        return out;
    }
}
