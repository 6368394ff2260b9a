package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DockerClientConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedLogConfigTest {

    /** The mapper docker-java writes request bodies with. */
    private static final ObjectMapper DOCKER_JAVA = DockerClientConfig.getDefaultObjectMapper();

    @Test
    void aDriverDockerJavaCannotNameIsSentByItsName() throws Exception {
        HostConfig host = HostConfig.newHostConfig()
                .withLogConfig(new NamedLogConfig("k8s-file", Map.of("max-size", "1m")));
        JsonNode log = DOCKER_JAVA.readTree(DOCKER_JAVA.writeValueAsString(host)).get("LogConfig");
        assertEquals("k8s-file", log.get("Type").asText());
        assertEquals("1m", log.get("Config").get("max-size").asText());
    }

    @Test
    void withoutOptionsNoConfigIsSent() throws Exception {
        JsonNode log = DOCKER_JAVA.readTree(DOCKER_JAVA.writeValueAsString(
                HostConfig.newHostConfig().withLogConfig(new NamedLogConfig("loki", Map.of())))).get("LogConfig");
        assertEquals("loki", log.get("Type").asText());
        assertFalse(log.has("Config"), log.toString());
    }

    @Test
    void optionValuesStayOutOfToString() {
        String text = new NamedLogConfig("splunk", Map.of("splunk-token", "s3cr3t-t0ken")).toString();
        assertFalse(text.contains("s3cr3t"), text);
    }
}
