package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SecretSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose file's secrets and configs: grants with an owner or mode become bind mounts of private copies. */
class ComposeSecretsTest {

    private static final String SPEC = """
            secrets:
              token: {file: token.txt}
              pw: {environment: pw}
            configs:
              conf: {content: "level=3"}
            services:
              web:
                image: a
                volumes: ["./data:/data"]
                secrets:
                  - token
                  - {source: pw, target: pw-ro, uid: "1000", mode: 0400}
                  - {source: token, target: mine, uid: "1000", mode: 0400}
                configs:
                  - {source: conf, target: /etc/app.conf}
                  - {source: conf, target: /etc/owned.conf, gid: "42"}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void grantsWithAnOwnerOrModeAreBindMountsOfTheirCopiesTheOthersStay(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("token.txt"), "tok-123456\n");
        LaunchSpec spec = LaunchSpec.parse(SPEC, tmp, "compose.yaml");
        ResolvedSpec r = spec.resolve(Inputs.builder().secret("pw", "p4ss-word").build());
        Path work = tmp.resolve("work/d");
        BiFunction<SecretSpec.Kind, String, Path> target = (kind, key) -> work.resolve(kind.key()).resolve(key);

        Map<Path, ComposeSecrets.Copy> copies = ComposeSecrets.copies(r, target);
        assertEquals(List.of(work.resolve("secrets/pw@u1000-m400"), work.resolve("secrets/token@u1000-m400"),
                work.resolve("configs/conf@g42")), List.copyOf(copies.keySet()));
        assertEquals("tok-123456\n", new String(copies.get(work.resolve("secrets/token@u1000-m400")).content(),
                StandardCharsets.UTF_8), "a file's content is copied");
        assertFalse(copies.values().toString().contains("p4ss"), copies.values().toString());

        for (ComposeTool.Generation g : ComposeTool.Generation.values()) {
            Map<String, Object> doc = ComposeSecrets.rewrite(spec.composeDocument(), r, g, target);
            Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("web");
            assertEquals(List.of("token"), web.get("secrets"), g + ": the grant without owner or mode stays");
            List<Object> volumes = (List<Object>) web.get("volumes");
            assertEquals("./data:/data", volumes.get(0));
            List<Object> binds = volumes.subList(1, volumes.size());
            List<Object> owned = List.of(
                    Map.of("type", "bind", "source", work.resolve("secrets/pw@u1000-m400").toString(),
                            "target", "/run/secrets/pw-ro", "read_only", true),
                    Map.of("type", "bind", "source", work.resolve("secrets/token@u1000-m400").toString(),
                            "target", "/run/secrets/mine", "read_only", true));
            Map<String, Object> ownedConf = Map.of("type", "bind", "source", work.resolve("configs/conf@g42").toString(),
                    "target", "/etc/owned.conf", "read_only", true);
            if (g == ComposeTool.Generation.V1) {
                // v1 ignores configs without a swarm: all of them are bind mounts.
                assertEquals(List.of(owned.get(0), owned.get(1), Map.of("type", "bind", "source",
                        work.resolve("configs/conf").toString(), "target", "/etc/app.conf", "read_only", true), ownedConf),
                        binds, g.toString());
                assertFalse(web.containsKey("configs"));
            } else {
                assertEquals(List.of(owned.get(0), owned.get(1), ownedConf), binds, g.toString());
                assertEquals(List.of(Map.of("source", "conf", "target", "/etc/app.conf")), web.get("configs"));
            }
            assertTrue(((Map<String, Object>) web.get("labels")).containsKey(ComposeSecrets.DIGEST_LABEL));
        }
    }
}
