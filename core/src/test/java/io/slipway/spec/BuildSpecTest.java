package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build}: short and long form, the default tag, and the errors, each naming the value's path. */
class BuildSpecTest {

    @TempDir
    Path dir;

    @BeforeEach
    void context() throws IOException {
        Files.createDirectories(dir.resolve("app/docker"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("app/docker/web.Dockerfile"), "FROM scratch\n");
    }

    private ResolvedSpec resolve(String yaml, Inputs inputs) {
        return LaunchSpec.parse(yaml, dir, "stack.yaml").resolve(inputs);
    }

    private ServiceSpec web(String service) {
        return resolve("x-slipway:\n  inputs:\n    token: {type: string, secret: true, default: s3cret}\n"
                + "    VERSION: {type: string, default: '1.2'}\nservices:\n  Web:\n" + service, Inputs.empty()).service("Web");
    }

    private SpecException error(String service) {
        return assertThrows(SpecException.class, () -> web(service));
    }

    @Test
    void shortFormIsTheContextResolvedAgainstTheSpecDirectory() {
        ServiceSpec web = web("    build: ./app\n");
        assertNull(web.image());
        assertEquals(dir.resolve("app"), web.build().context());
        assertEquals("Dockerfile", web.build().dockerfile());
        assertEquals(dir.resolve("app/Dockerfile"), web.build().dockerfilePath());
        assertEquals(Map.of(), web.build().args());
        assertNull(web.build().pull());
    }

    @Test
    void imageDefaultsToDeploymentDashServiceInLowerCase() {
        ServiceSpec web = web("    build: app\n");
        assertEquals("shop-web", web.imageFor("Shop"));
        assertTrue(web.defaultTag());
        assertTrue(web.keys().contains("build"));
        ServiceSpec tagged = web("    image: example/web:2\n    build: app\n");
        assertEquals("example/web:2", tagged.imageFor("shop"));
        assertFalse(tagged.defaultTag());
    }

    @Test
    void longFormReadsEveryKey() {
        BuildSpec b = web("""
                    build:
                      context: app
                      dockerfile: docker/web.Dockerfile
                      args: ["A=1", "VERSION", "UNSET_ARG", "TOKEN=${token}"]
                      target: runtime
                      labels: {tier: front, flag: null}
                      network: host
                      shm_size: 64m
                      extra_hosts: ["db:10.0.0.5", "cache=10.0.0.6"]
                      pull: true
                """).build();
        assertEquals(dir.resolve("app/docker/web.Dockerfile"), b.dockerfilePath());
        // an argument without a value takes the input of that name, or is left out
        assertEquals(List.of("A", "VERSION", "TOKEN"), List.copyOf(b.args().keySet()));
        assertEquals("1.2", b.args().get("VERSION"));
        assertEquals("s3cret", b.args().get("TOKEN"));
        assertEquals("runtime", b.target());
        assertEquals(Map.of("tier", "front", "flag", ""), b.labels());
        assertEquals("host", b.network());
        assertEquals(64L << 20, b.shmSize());
        assertEquals(List.of("db:10.0.0.5", "cache:10.0.0.6"), b.extraHosts());
        assertEquals(Boolean.TRUE, b.pull());
        assertFalse(b.toString().contains("s3cret"), b.toString());
    }

    @Test
    void inlineDockerfileHasNoFileAndContextDefaultsToTheSpecDirectory() {
        BuildSpec b = web("    build:\n      dockerfile_inline: |\n        FROM scratch\n        COPY $$X /\n").build();
        assertEquals(dir, b.context());
        assertNull(b.dockerfile());
        assertNull(b.dockerfilePath());
        assertEquals("FROM scratch\nCOPY $X /\n", b.dockerfileInline());
    }

    @Test
    void errorsNameThePathAndWhatIsValid() {
        assertEquals("services.Web.build.context: build context '" + dir.resolve("missing") + "' is not a directory",
                error("    build: {context: missing}\n").getMessage());
        assertEquals("services.Web.build: build context '" + dir.resolve("nope") + "' is not a directory",
                error("    build: nope\n").getMessage());
        assertEquals("services.Web.build: a remote build context ('https://github.com/x/y.git') is not "
                + "supported; give a directory", error("    build: https://github.com/x/y.git\n").getMessage());
        assertEquals("services.Web.build.dockerfile_inline: give either dockerfile or dockerfile_inline, not both",
                error("    build: {context: app, dockerfile: Dockerfile, dockerfile_inline: 'FROM scratch'}\n").getMessage());
        assertEquals("services.Web.build.dockerfile: Dockerfile '" + dir.resolve("app/Other") + "' does not exist; "
                + "dockerfile is relative to the context " + dir.resolve("app"),
                error("    build: {context: app, dockerfile: Other}\n").getMessage());
        assertEquals("services.Web.build.shm_size: invalid size 'lots'; write bytes or a number with b, k, m or g, e.g. 512m",
                error("    build: {context: app, shm_size: lots}\n").getMessage());
        assertEquals("services.Web.build.extra_hosts[0]: invalid extra host 'db'; write host:ip or host=ip",
                error("    build: {context: app, extra_hosts: [db]}\n").getMessage());
        assertEquals("services.Web.build.cache_from: unsupported key; supported: context, dockerfile, "
                + "dockerfile_inline, args, target, labels, network, shm_size, extra_hosts, pull",
                error("    build: {context: app, cache_from: [x]}\n").getMessage());
        assertEquals("services.Web.build: expected a context directory or a map of context, dockerfile, "
                + "dockerfile_inline, args, target, labels, network, shm_size, extra_hosts, pull but was a list",
                error("    build: [app]\n").getMessage());
        assertEquals("services.Web.image: missing; a service needs an image, a build, or both (a built image is "
                + "tagged with image when given, else <deployment>-Web)", error("    command: [x]\n").getMessage());
        assertEquals("services.Web.image: an image reference is required (or a build, which Slipway tags "
                + "<deployment>-Web)", error("    image: ''\n").getMessage());
    }
}
