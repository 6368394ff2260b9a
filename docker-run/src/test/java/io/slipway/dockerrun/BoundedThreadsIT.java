package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.tck.TestImages;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** An apply of many services runs its engine calls on a bounded pool: no thread per container. */
class BoundedThreadsIT extends EngineTestBase {

    @Test
    void moreServicesThanPoolThreadsShareThePool() {
        int n = DockerRunApply.MAX_THREADS + 8;
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  s").append(i).append(":\n    image: ").append(TestImages.BUSYBOX)
                    .append("\n    command: [sleep, \"300\"]\n");
        }
        // a one-shot and a dependant too, so that waits and depends_on run on the same pool
        yaml.append("  task:\n    image: ").append(TestImages.BUSYBOX).append("\n    command: [sleep, \"1\"]\n")
                .append("    x-slipway: {oneshot: true}\n");
        yaml.append("  after:\n    image: ").append(TestImages.BUSYBOX).append("\n    command: [sleep, \"300\"]\n")
                .append("    depends_on: {task: {condition: service_completed_successfully}}\n");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        String d = deployment();
        LaunchResult r = launcher.apply(d, LaunchSpec.parse(yaml.toString()), Inputs.empty(), new LaunchListener() {
            @Override
            public void waiting(String service, String containerName, String condition) {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void finished(ServiceResult result) {
                threads.add(Thread.currentThread().getName());
            }
        });
        assertTrue(r.succeeded(), r.describe());
        assertEquals(n + 2, r.services().size());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("slipway-" + d + "-")), threads.toString());
        assertTrue(threads.size() <= DockerRunApply.MAX_THREADS, threads.size() + " threads: " + threads);
    }
}
