package io.slipway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Needs a Docker engine (scripts/docker-engine.sh) and /bin/busybox from busybox-static. */
class BuiltImagesIT {

    private final DockerClient docker = TestEngine.client();

    @Test
    void negotiatesAnApiVersion() {
        assertTrue(TestEngine.apiVersion().matches("1\\.\\d+"), TestEngine.apiVersion());
    }

    @Test
    void busyboxImageIsBuiltOnceAndRunsEnv() {
        String image = TestImages.busybox();
        assertEquals(TestImages.BUSYBOX, image);
        String id = docker.inspectImageCmd(image).exec().getId();
        assertEquals(id, docker.inspectImageCmd(TestImages.busybox()).exec().getId(), "second call rebuilt the image");

        Run run = run(image, null, "env");
        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains("PATH="), run.output);
    }

    @Test
    void busyboxImageHasTheExpectedFiles() {
        Run run = run(TestImages.busybox(), null,
                "sh", "-c", "cat /www/index.html; stat -c %a /tmp; grep -c . /etc/passwd; id -un nobody");
        assertEquals(0, run.exitCode, run.output);
        assertEquals(TestImages.INDEX_HTML + "1777\n2\nnobody\n", run.output);
    }

    @Test
    void privilegedContainerStarts() {
        Run run = run(TestImages.busybox(), HostConfig.newHostConfig().withPrivileged(true), "true");
        assertEquals(0, run.exitCode, run.output);
    }

    private record Run(int exitCode, String output) {}

    /** create, start, wait, collect logs; the container is always removed. */
    private Run run(String image, HostConfig hostConfig, String... cmd) {
        var create = docker.createContainerCmd(image).withCmd(cmd).withLabels(java.util.Map.of("io.slipway.test", "true"));
        if (hostConfig != null) {
            create.withHostConfig(hostConfig);
        }
        String id = create.exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            StringBuilder out = new StringBuilder();
            try {
                docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        })
                        .awaitCompletion(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Run(exit, out.toString());
        } finally {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
    }
}
