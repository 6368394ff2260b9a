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
import java.util.Set;
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
    void ownersAndModesAreTypedAsCompose(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        ResolvedSpec r = resolve(dir, """
                x-slipway:
                  inputs:
                    m: {type: string, default: "0640"}
                secrets: {a: {file: nginx.conf}}
                configs: {c: {file: nginx.conf}}
                services:
                  web:
                    image: a
                    secrets:
                      - a
                      - {source: a, target: b, mode: 0440}
                      - {source: a, target: c, mode: "0400", uid: "1000", gid: 1001}
                      - {source: a, target: d, mode: "755"}
                      - {source: a, target: e, mode: "${m}", uid: " 0 "}
                    configs: [{source: c, mode: 0, gid: '0042'}]
                """, Inputs.empty());
        List<SecretMount> s = r.service("web").secrets();
        assertEquals(new SecretMount(SecretSpec.Kind.SECRET, "a", "/run/secrets/a", null, null, null), s.get(0));
        assertFalse(s.get(0).hasOwnership());
        assertEquals(null, s.get(0).ownershipTag());
        assertEquals(0440, s.get(1).mode(), "YAML 1.1 octal 0440 arrives as 288, which is 0440");
        assertEquals("m440", s.get(1).ownershipTag());
        assertEquals(new SecretMount(SecretSpec.Kind.SECRET, "a", "/run/secrets/c", "1000", "1001", 0400), s.get(2));
        assertEquals("u1000-g1001-m400", s.get(2).ownershipTag());
        assertEquals(0755, s.get(3).mode(), "a string is octal with or without its leading 0");
        assertEquals(0640, s.get(4).mode(), "interpolated");
        assertEquals("0", s.get(4).uid());
        SecretMount c = r.service("web").configs().get(0);
        assertEquals(0, c.mode());
        assertEquals("42", c.gid());
        assertEquals("g42-m0", c.ownershipTag());
    }

    @Test
    void aBadOwnerOrModeNamesItsPathAndWhatIsValid(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        String head = "secrets: {a: {file: nginx.conf}}\nservices: {web: {image: a, secrets: [a, {source: a, target: b, ";
        String valid = "a file mode in octal from 0 to 0777, e.g. 0440";
        assertError(dir, head + "mode: 0o1000}]}}\n", "services.web.secrets[1].mode", valid);
        assertError(dir, head + "mode: '0948'}]}}\n", "services.web.secrets[1].mode", "invalid mode '0948'; " + valid);
        assertError(dir, head + "mode: 01000}]}}\n", "services.web.secrets[1].mode", "invalid mode 512 (octal 1000); " + valid);
        assertError(dir, head + "mode: -1}]}}\n", "services.web.secrets[1].mode", valid);
        assertError(dir, head + "mode: rw}]}}\n", "services.web.secrets[1].mode", valid);
        assertError(dir, head + "mode: [1]}]}}\n", "services.web.secrets[1].mode", "expected a string");
        assertError(dir, head + "uid: www-data}]}}\n", "services.web.secrets[1].uid",
                "invalid user id 'www-data'; a numeric id from 0 to 2147483647, e.g. 1000 (a user name is not looked up)");
        assertError(dir, head + "gid: -5}]}}\n", "services.web.secrets[1].gid", "invalid group id '-5'");
        assertError(dir, head + "uid: 99999999999}]}}\n", "services.web.secrets[1].uid", "invalid user id");
    }

    @Test
    void theDigestHasTheOwnerAndModeOnlyWhenGiven(@TempDir Path tmp) throws Exception {
        Path dir = withFiles(tmp);
        String head = "secrets: {a: {file: nginx.conf}}\nservices: {web: {image: a, secrets: [";
        String plain = SecretGrants.digest(resolve(dir, head + "a]}}\n", Inputs.empty()),
                resolve(dir, head + "a]}}\n", Inputs.empty()).service("web"));
        // The digest of a grant without owner or mode is what it was before they were honoured: existing
        // deployments keep their hashes.
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
        byte[] content = Files.readAllBytes(dir.resolve("nginx.conf"));
        d.update(("secrets:a:/run/secrets/a:" + content.length + ":").getBytes(StandardCharsets.UTF_8));
        d.update(content);
        assertEquals(java.util.HexFormat.of().formatHex(d.digest()), plain);
        ResolvedSpec m440 = resolve(dir, head + "{source: a, mode: 0440}]}}\n", Inputs.empty());
        ResolvedSpec m400 = resolve(dir, head + "{source: a, mode: 0400}]}}\n", Inputs.empty());
        ResolvedSpec u1 = resolve(dir, head + "{source: a, mode: 0400, uid: '1'}]}}\n", Inputs.empty());
        List<String> digests = List.of(plain, SecretGrants.digest(m440, m440.service("web")),
                SecretGrants.digest(m400, m400.service("web")), SecretGrants.digest(u1, u1.service("web")));
        assertEquals(4, Set.copyOf(digests).size(), digests.toString());
    }

    private static void assertError(Path dir, String yaml, String path, String message) {
        SpecException e = assertThrows(SpecException.class, () -> resolve(dir, yaml, Inputs.empty()));
        assertTrue(e.path().startsWith(path), e.path() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
