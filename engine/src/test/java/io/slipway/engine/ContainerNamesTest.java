package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SpecException;
import org.junit.jupiter.api.Test;

/** Container names with replicas: unnumbered for one, numbered as Compose does for any other count. */
class ContainerNamesTest {

    private static ResolvedSpec spec(String services) {
        return LaunchSpec.parse("services:\n" + services).resolve(Inputs.empty());
    }

    @Test
    void oneReplicaKeepsItsNameOthersAreNumbered() {
        ResolvedSpec s = spec("  web: {image: a}\n  api: {image: a, scale: 3}\n  db: {image: a, container_name: pg}\n");
        assertEquals("d-web", ContainerNames.of("d", s.service("web")));
        assertEquals("d-web", ContainerNames.of("d", s.service("web"), 1));
        assertEquals("d-api-1", ContainerNames.of("d", s.service("api")));
        assertEquals("d-api-3", ContainerNames.of("d", s.service("api"), 3));
        assertEquals("pg", ContainerNames.of("d", s.service("db"), 1));
        assertEquals("container:d-api-1", ContainerNames.namespace("service:api", "d", s), "replica 1's namespace");
        ContainerNames.checkUnique("d", s);
    }

    @Test
    void aReplicaNamedLikeAnotherServiceIsRefused() {
        ResolvedSpec s = spec("  web: {image: a, deploy: {replicas: 2}}\n  web-2: {image: a}\n");
        SpecException e = assertThrows(SpecException.class, () -> ContainerNames.checkUnique("d", s));
        assertEquals("services.web-2", e.path());
        assertEquals("services.web-2: its container name 'd-web-2' is that of a container of service 'web' too; rename "
                + "a service or set container_name", e.getMessage());
    }
}
