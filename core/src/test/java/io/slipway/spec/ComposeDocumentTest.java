package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LaunchSpec#composeDocument()}: the document as written, for tools that interpolate by themselves. */
class ComposeDocumentTest {

    private static final String YAML = """
            x-slipway:
              inputs:
                greeting: {type: string, default: hi}
                pw: {type: string, secret: true, required: true}
            x-other: {kept: true}
            services:
              web:
                image: busybox:1
                command: ["sh", "-c", "echo $$HOME ${greeting}"]
                environment: {PW: "${pw}", PORT: 8080}
                labels: [tier=front]
                x-slipway: {wait: {port: 8080}}
                x-custom: keep
              task:
                image: busybox:1
                x-slipway: {oneshot: true}
            """;

    private static LaunchSpec spec() {
        return LaunchSpec.parse(YAML, Path.of("/specs"), "stack.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> doc, String name) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get(name);
    }

    @Test
    void everyXSlipwayKeyIsGoneAndNothingIsInterpolated() {
        Map<String, Object> doc = spec().composeDocument();
        assertFalse(doc.containsKey("x-slipway"));
        assertEquals(Map.of("kept", true), doc.get("x-other"));
        Map<String, Object> web = service(doc, "web");
        assertFalse(web.containsKey("x-slipway"));
        assertFalse(service(doc, "task").containsKey("x-slipway"));
        assertEquals("keep", web.get("x-custom"));
        assertEquals(List.of("sh", "-c", "echo $$HOME ${greeting}"), web.get("command"));
        assertEquals(Map.of("PW", "${pw}", "PORT", 8080), web.get("environment"));
        assertEquals(List.of("services", "x-other"), doc.keySet().stream().sorted().toList());
        assertEquals(List.of("web", "task"), List.copyOf(((Map<?, ?>) doc.get("services")).keySet()));
    }

    @Test
    void noInputValueReachesIt() {
        LaunchSpec spec = spec();
        ResolvedSpec resolved = spec.resolve(Inputs.builder().secret("pw", "s3cret").build());
        assertTrue(resolved.document().toString().contains("s3cret"), "the interpolated document has it");
        assertFalse(spec.composeDocument().toString().contains("s3cret"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachCallIsAFreshMutableDeepCopy() {
        LaunchSpec spec = spec();
        Map<String, Object> first = spec.composeDocument();
        Map<String, Object> web = service(first, "web");
        web.put("image", "changed:1");
        ((List<Object>) web.get("labels")).add("extra=1");
        ((Map<String, Object>) web.get("environment")).remove("PW");
        first.remove("x-other");

        Map<String, Object> second = spec.composeDocument();
        assertNotSame(first, second);
        assertEquals("busybox:1", service(second, "web").get("image"));
        assertEquals(List.of("tier=front"), service(second, "web").get("labels"));
        assertEquals("${pw}", ((Map<String, Object>) service(second, "web").get("environment")).get("PW"));
        assertTrue(second.containsKey("x-other"));
        // the spec itself is unchanged: it still resolves as written
        assertEquals("busybox:1", spec.resolve(Inputs.builder().secret("pw", "x").build()).service("web").image());
    }
}
