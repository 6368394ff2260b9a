package io.slipway.heat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** docker-cmd against the real engine: names unique to the run, every container created removed after each test. */
abstract class DockerCmdTestBase {

    /** A prefix unique to this test run, for container keys and deployment names. */
    static final String P = "hc" + UUID.randomUUID().toString().substring(0, 6);

    final List<String> created = new ArrayList<>();
    Map<String, String> env;

    @BeforeAll
    static void image() {
        TestImages.busybox();
    }

    @BeforeEach
    void environment() {
        env = new HashMap<>(System.getenv());
        env.remove("HEAT_DOCKER_CMD");
        env.put("HEAT_SHELL_CONFIG", "/nonexistent/heat-config"); // no dispatcher file unless a test writes one
    }

    @AfterEach
    void removeEverything() {
        for (Container c : docker().listContainersCmd().withShowAll(true).exec()) {
            String name = c.getNames() == null || c.getNames().length == 0 ? "" : c.getNames()[0];
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            if (name.startsWith("/" + P) || labels.getOrDefault("config_name", "").startsWith(P)
                    || created.contains(c.getId())) {
                docker().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
    }

    static DockerClient docker() {
        return TestEngine.client();
    }

    /** A docker-cmd item of deployment {@code P-name}. */
    static Items item(String id, String name, Object config) {
        return Items.item("docker-cmd", id, P + "-" + name).config(config);
    }

    Dispatcher.Run hook(Items item) {
        return Dispatcher.run("docker-cmd", item.json(), env);
    }

    /** Containers the hook manages for deployment {@code P-name}, by name. */
    static Map<String, Container> managed(String name) {
        Map<String, Container> out = new HashMap<>();
        for (Container c : docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("managed_by", "docker-cmd", "config_name", P + "-" + name)).exec()) {
            out.put(c.getNames()[0].substring(1), c);
        }
        return out;
    }

    static InspectContainerResponse inspect(String nameOrId) {
        try {
            return docker().inspectContainerCmd(nameOrId).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** An unmanaged container called {@code name} (created, not started), removed after the test. */
    String occupy(String name) {
        String id = docker().createContainerCmd(TestImages.BUSYBOX).withName(name).withCmd("true").exec().getId();
        created.add(id);
        return id;
    }
}
