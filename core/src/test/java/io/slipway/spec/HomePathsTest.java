package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.inputs.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A leading ~ in file paths is the home directory, as Compose expands it. */
class HomePathsTest {

    private static final String HOME = System.getProperty("user.home");

    @Test
    void bindSourcesInBothSyntaxesExpandTheHome() {
        ServiceSpec web = LaunchSpec.parse("""
                services:
                  web:
                    image: busybox
                    volumes:
                      - ~/data:/data
                      - ~:/home-dir:ro
                      - {type: bind, source: ~/conf, target: /conf}
                """).resolve(Inputs.empty()).service("web");
        assertEquals(List.of(new VolumeMount("bind", Path.of(HOME, "data").toString(), "/data", false),
                new VolumeMount("bind", Path.of(HOME).toString(), "/home-dir", true),
                new VolumeMount("bind", Path.of(HOME, "conf").toString(), "/conf", false)), web.volumes());
    }

    @Test
    void envFilesAndABuildContextExpandTheHomeToo(@TempDir Path dir) throws Exception {
        // A temp dir under the home, so that ~/... names it.
        Path home = Path.of(HOME);
        Path ctx = Files.createTempDirectory(home, "slipway-home-test-");
        try {
            Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n");
            Files.writeString(ctx.resolve("app.env"), "A=1\n");
            String rel = "~/" + home.relativize(ctx);
            ServiceSpec web = LaunchSpec.parse("services:\n  web:\n    build: " + rel + "\n    env_file: [" + rel
                    + "/app.env]\n", dir, "s").resolve(Inputs.empty()).service("web");
            assertEquals(ctx.toString(), web.build().context().toString());
            assertEquals(List.of(ctx.resolve("app.env").toString()), web.envFiles());
        } finally {
            Files.delete(ctx.resolve("Dockerfile"));
            Files.delete(ctx.resolve("app.env"));
            Files.delete(ctx);
        }
    }

    @Test
    void aNulCharacterInAPathIsASpecErrorByPathNotAJavaNioOne() {
        for (String volume : new String[] {"{type: bind, source: \"/tmp/a\\0b\", target: /data}",
                "{type: bind, source: /tmp, target: \"/da\\0ta\"}"}) {
            SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class, () -> LaunchSpec.parse(
                    "services:\n  web:\n    image: busybox\n    volumes:\n      - " + volume + "\n").resolve(Inputs.empty()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("nul character"), e.getMessage());
        }
    }
}
