package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-level {@code secrets} and {@code configs} and a service's grants of them, by Compose's local semantics. */
class SecretsConfigsTest {

    private static final String SPEC = """
            x-slipway:
              inputs:
                db_password: {type: string, secret: true, required: true}
                greeting:    {type: string, default: hello}
            secrets:
              db_password: {environment: db_password, name: prod-db}
              cert: {file: certs/server.pem}
            configs:
              app: {content: "greeting=${greeting}\\n"}
              nginx: {file: ./nginx.conf}
            services:
              web:
                image: busybox
                secrets:
                  - db_password
                  - {source: cert, target: tls.pem}
                  - {source: cert, target: /etc/ssl/server.pem}
                configs:
                  - app
                  - {source: nginx, target: /etc/nginx/nginx.conf}
                  - {source: app, target: etc/app.conf}
            """;

    private static ResolvedSpec resolve(Path dir, String yaml, Inputs inputs) {
        return LaunchSpec.parse(yaml, dir, "stack.yaml").resolve(inputs);
    }

    private static Path withFiles(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/server.pem"), "-----BEGIN CERT-----\nc2VjcmV0LWNlcnQ=\n-----END CERT-----\n");
        Files.writeString(dir.resolve("nginx.conf"), "events {}\n");
        return dir;
    }

    @Test
    void declarationsAndGrantsInBothForms(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        ResolvedSpec r = resolve(dir, SPEC, Inputs.builder().secret("db_password", "s3cr3t-pw").build());
        assertEquals(new SecretSpec(SecretSpec.Kind.SECRET, "db_password", "prod-db", null, "db_password", null),
                r.secrets().get("db_password"));
        assertEquals(dir.resolve("certs/server.pem").toString(), r.secrets().get("cert").file(), "relative to the spec");
        assertEquals(dir.resolve("nginx.conf").toString(), r.configs().get("nginx").file());
        ServiceSpec web = r.service("web");
        assertEquals(List.of("/run/secrets/db_password", "/run/secrets/tls.pem", "/etc/ssl/server.pem"),
                web.secrets().stream().map(SecretMount::target).toList());
        assertEquals(List.of("/app", "/etc/nginx/nginx.conf", "/etc/app.conf"),
                web.configs().stream().map(SecretMount::target).toList());
        assertTrue(web.keys().containsAll(List.of("secrets", "configs")), web.keys().toString());

        assertEquals("s3cr3t-pw", new String(r.content(r.secrets().get("db_password")), StandardCharsets.UTF_8));
        assertEquals("greeting=hello\n", new String(r.content(r.configs().get("app")), StandardCharsets.UTF_8));
        assertArrayEquals(Files.readAllBytes(dir.resolve("nginx.conf")), r.content(r.declaration(web.configs().get(1))));
    }

    @Test
    void secretContentIsMaskedWhereverItComesFrom(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        // 'token' is given but not declared: it is a secret because a secret takes its value.
        ResolvedSpec r = resolve(dir, """
                secrets:
                  token: {environment: token}
                  cert: {file: certs/server.pem}
                services:
                  web: {image: busybox, secrets: [token, cert]}
                """, Inputs.builder().put("token", "tok-98765").build());
        String shown = r.variables().mask("token tok-98765 and c2VjcmV0LWNlcnQ= end");
        assertFalse(shown.contains("tok-98765"), shown);
        assertFalse(shown.contains("c2VjcmV0LWNlcnQ="), shown);
        assertFalse(r.secrets().get("token").toString().contains("tok-98765"));
    }

    @Test
    void theDigestChangesWithTheContentAndShowsNothing(@TempDir Path dir) throws Exception {
        String spec = "secrets: {pw: {environment: pw}}\nservices: {web: {image: a, secrets: [pw]}, other: {image: a}}\n";
        ResolvedSpec one = resolve(dir, spec, Inputs.builder().secret("pw", "first-pw").build());
        ResolvedSpec two = resolve(dir, spec, Inputs.builder().secret("pw", "second-pw").build());
        String d1 = SecretGrants.digest(one, one.service("web"));
        assertNotEquals(d1, SecretGrants.digest(two, two.service("web")));
        assertEquals(d1, SecretGrants.digest(one, resolve(dir, spec, Inputs.builder().secret("pw", "first-pw").build())
                .service("web")));
        assertEquals("", SecretGrants.digest(one, one.service("other")));
    }

    @Test
    void errorsNameThePathAndWhatIsValid(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        assertError(dir, "secrets: {s: {external: true}}\nservices: {web: {image: a}}\n", "secrets.s.external",
                "external secrets exist only on a swarm; use file or environment");
        assertError(dir, "configs: {c: {external: true, name: x}}\nservices: {web: {image: a}}\n", "configs.c.external",
                "use file, environment or content");
        assertError(dir, "secrets: {s: {file: nope.txt}}\nservices: {web: {image: a}}\n", "secrets.s.file",
                "no file " + dir.resolve("nope.txt"));
        assertError(dir, "secrets: {s: {content: x}}\nservices: {web: {image: a}}\n", "secrets.s", "unsupported key");
        assertError(dir, "secrets: {s: {file: nginx.conf, environment: x}}\nservices: {web: {image: a}}\n", "secrets.s",
                "give only one of file or environment");
        assertError(dir, "configs: {c: {}}\nservices: {web: {image: a}}\n", "configs.c", "no content");
        assertError(dir, "secrets: {a: {file: nginx.conf}, b: {file: nginx.conf}}\nservices: {web: {image: a, secrets: [c]}}\n",
                "services.web.secrets[0]", "undefined secret 'c'; declare it under the top-level secrets (declared: a, b)");
        assertError(dir, "services: {web: {image: a, configs: [{source: c}]}}\n", "services.web.configs[0]",
                "undefined config 'c'; declare it under the top-level configs (none declared)");
        assertError(dir, "secrets: {a: {file: nginx.conf}}\nservices: {web: {image: a, secrets: [{source: a, mode: 1}, {source: a, tgt: x}]}}\n",
                "services.web.secrets[1]", "unsupported key");
        assertError(dir, "secrets: {a: {file: nginx.conf}}\nconfigs: {c: {file: nginx.conf}}\n"
                + "services: {web: {image: a, secrets: [{source: a, target: /x}], configs: [{source: c, target: /x}]}}\n",
                "services.web.configs[0]", "target /x is also the target of secret 'a'");
        assertError(dir, "secrets: {a: {file: nginx.conf}}\nservices: {web: {image: a, secrets: [{source: a, target: /run/secrets}]}}\n",
                "services.web.secrets[0].target", "invalid target");
        InputException missing = assertThrows(InputException.class, () -> resolve(dir,
                "secrets: {s: {environment: pw}}\nservices: {web: {image: a, secrets: [s]}}\n", Inputs.empty()));
        assertTrue(missing.getMessage().contains("input 'pw' is missing: it is the content of secret 's' "
                + "(secrets.s.environment)"), missing.getMessage());
    }

    @Test
    void ownershipIsRefusedByNameForABindMountingBackend(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        ResolvedSpec r = resolve(dir, "secrets: {a: {file: nginx.conf}}\n"
                + "services: {web: {image: a, secrets: [a, {source: a, target: b, mode: 0440}]}}\n", Inputs.empty());
        assertEquals("288", r.service("web").secrets().get(1).mode(), "YAML 1.1 octal, kept as read");
        SpecException e = assertThrows(SpecException.class, () -> SecretGrants.refuseOwnership(r, "toy"));
        assertEquals("services.web.secrets[1].mode", e.path());
        assertTrue(e.getMessage().contains("not supported by the toy backend"), e.getMessage());
    }

    private static void assertError(Path dir, String yaml, String path, String message) {
        SpecException e = assertThrows(SpecException.class, () -> resolve(dir, yaml, Inputs.empty()));
        assertTrue(e.path().startsWith(path), e.path() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
