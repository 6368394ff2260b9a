package io.slipway.heat;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.slipway.engine.Labels;
import io.slipway.testsupport.AgentImages;
import io.slipway.tck.TestEngine;
import io.slipway.tck.TestImages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three backends the slipway group is compared on, with what they need on this engine: the busybox and
 * agent images (under the examples' names too, tagged here when absent and untagged when the JVM exits), and an
 * atomic agent of the tests' own, removed at exit.
 */
final class Backends {

    /** The atomic agent container the comparisons use. */
    static final String AGENT = "slipway-heat-agent-" + UUID.randomUUID().toString().substring(0, 6);
    private static final List<String> TAGGED = new ArrayList<>();
    private static final Pattern SERVICE_LINE = Pattern.compile("^(\\S+): (SUCCEEDED|FAILED|TIMED_OUT)\\b");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                TestEngine.client().removeContainerCmd(AGENT).withForce(true).exec();
            } catch (RuntimeException e) {
                // never started
            }
            for (String tag : TAGGED) {
                try {
                    TestEngine.client().removeImageCmd(tag).exec(); // only the tag: the image stays under its own
                } catch (RuntimeException e) {
                    // best effort at exit
                }
            }
        }));
    }

    private Backends() {
    }

    /** Launcher config strings by backend name, for this engine. */
    static synchronized Map<String, String> configs() {
        TestImages.busybox();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("docker-run", "docker-run");
        out.put("compose", "compose");
        out.put("atomic", "atomic?agent-image=" + AgentImages.agent() + "&privileged-agent=true&agent-name=" + AGENT);
        return out;
    }

    /** Makes the examples' images exist: slipway-example/busybox:1 and slipway-example/agent:1. */
    static synchronized void exampleImages() {
        tag(TestImages.busybox(), "slipway-example/busybox:1");
        tag(AgentImages.agent(), "slipway-example/agent:1");
    }

    private static void tag(String image, String as) {
        try {
            TestEngine.client().inspectImageCmd(as).exec();
        } catch (NotFoundException e) {
            String[] repoTag = as.split(":");
            TestEngine.client().tagImageCmd(image, repoTag[0], repoTag[1]).exec();
            TAGGED.add(as);
        }
    }

    /** The backend-independent part of a slipway-group response: status, each service's outcome, the outputs. */
    static Map<String, Object> outcome(Dispatcher.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploy_status_code", r.status());
        List<String> services = new ArrayList<>();
        for (String line : r.deployStdout().split("\n")) {
            Matcher s = SERVICE_LINE.matcher(line);
            if (s.find()) {
                services.add(s.group(1) + ": " + s.group(2));
            }
        }
        m.put("services", services);
        Map<String, Object> outputs = new LinkedHashMap<>(r.map());
        HookResponse.DEPLOY_KEYS.forEach(outputs::remove);
        m.put("outputs", outputs);
        return m;
    }

    /** Containers labelled with {@code deployment}, whatever backend made them. */
    static List<Container> containers(String deployment) {
        return TestEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.DEPLOYMENT, deployment)).exec();
    }
}
