package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host files behind bind-mounted secrets and configs: as they are, or private copies with an owner and mode. */
class SecretFilesTest {

    private static final String SPEC = """
            secrets:
              token: {file: token.txt}
              pw: {environment: pw}
            configs:
              conf: {content: "level=3"}
            services:
              web:
                image: a
                secrets:
                  - token
                  - pw
                  - {source: token, target: mine, uid: "4242", gid: "4343", mode: 0440}
                  - {source: token, target: same, uid: "4242", gid: "4343", mode: 0440}
                  - {source: pw, target: pw-ro, mode: "0400"}
                configs:
                  - {source: conf, gid: "4343"}
            """;

    private static ResolvedSpec resolve(Path dir, String yaml) throws Exception {
        Files.writeString(dir.resolve("token.txt"), "tok-123456\n");
        return LaunchSpec.parse(yaml, dir, "compose.yaml").resolve(Inputs.builder().secret("pw", "p4ss-word").build());
    }

    private static int attr(Path p, String name) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void aGrantWithAnOwnerOrModeGetsACopyOfItsOwnOthersAreMountedAsToday(@TempDir Path tmp) throws Exception {
        ResolvedSpec r = resolve(tmp, SPEC);
        SecretFiles files = new SecretFiles(tmp.resolve("state"));
        List<String> sources = files.prepare("d", r, r.service("web"));
        Path dir = tmp.resolve("state/d/web");
        assertEquals(List.of(tmp.resolve("token.txt").toString(),
                dir.resolve("secrets/pw").toString(),
                dir.resolve("secrets/token@u4242-g4343-m440").toString(),
                dir.resolve("secrets/token@u4242-g4343-m440").toString(),
                dir.resolve("secrets/pw@m400").toString(),
                dir.resolve("configs/conf@g4343").toString()), sources, "one copy per declaration, owner and mode");

        Path mine = Path.of(sources.get(2));
        assertEquals("tok-123456\n", Files.readString(mine), "a file's content is copied");
        assertEquals(List.of(4242, 4343, 0440), List.of(attr(mine, "uid"), attr(mine, "gid"), attr(mine, "mode") & 07777));
        Path pwRo = Path.of(sources.get(4));
        assertEquals("p4ss-word", Files.readString(pwRo));
        assertEquals(0400, attr(pwRo, "mode") & 07777);
        assertEquals(attr(tmp, "uid"), attr(pwRo, "uid"), "no uid: it stays the user running Slipway's");
        Path conf = Path.of(sources.get(5));
        assertEquals(List.of(4343, 0444), List.of(attr(conf, "gid"), attr(conf, "mode") & 07777),
                "an owner without a mode gets Compose's default 0444");
        assertEquals(0600, attr(Path.of(sources.get(1)), "mode") & 07777, "a copy without owner or mode is as today");
        assertEquals(0700, attr(dir.resolve("secrets"), "mode") & 07777);

        // A changed mode writes a copy of that name and removes the old one; an unchanged copy is left alone.
        long inode = ((Number) Files.getAttribute(mine, "unix:ino")).longValue();
        ResolvedSpec changed = resolve(tmp, SPEC.replace("mode: \"0400\"", "mode: \"0404\""));
        List<String> again = files.prepare("d", changed, changed.service("web"));
        assertEquals(dir.resolve("secrets/pw@m404").toString(), again.get(4));
        assertEquals(0404, attr(Path.of(again.get(4)), "mode") & 07777);
        assertFalse(Files.exists(pwRo), "the copy of the old mode is removed");
        assertEquals(inode, ((Number) Files.getAttribute(mine, "unix:ino")).longValue(), "unchanged: not rewritten");

        files.removeDeployment("d");
        assertFalse(Files.exists(tmp.resolve("state/d")));
    }

    @Test
    void onlyRootGivesAFileToAnotherUserOrGroup(@TempDir Path tmp) throws Exception {
        ResolvedSpec r = resolve(tmp, SPEC);
        SecretFiles.checkOwners(r, "toy", new SecretFiles.ProcessIds(0, 0));
        SpecException uid = assertThrows(SpecException.class,
                () -> SecretFiles.checkOwners(r, "toy", new SecretFiles.ProcessIds(1000, 1000)));
        assertEquals("services.web.secrets[2].uid", uid.path());
        assertTrue(uid.getMessage().contains("uid 4242 cannot be given on the toy backend: Slipway runs as user 1000 "
                + "(group 1000), not root, and only root can give a file to another user; use uid 1000, run Slipway "
                + "as root, or remove uid"), uid.getMessage());
        SpecException gid = assertThrows(SpecException.class,
                () -> SecretFiles.checkOwners(r, "toy", new SecretFiles.ProcessIds(4242, 1000)));
        assertEquals("services.web.secrets[2].gid", gid.path(), "its own uid is fine");
        SpecException config = assertThrows(SpecException.class, () -> SecretFiles.checkOwners(resolve(tmp,
                SPEC.replace("uid: \"4242\", gid: \"4343\", ", "")), "toy", new SecretFiles.ProcessIds(1000, 1000)));
        assertEquals("services.web.configs[0].gid", config.path());
        SecretFiles.checkOwners(resolve(tmp, SPEC.replace("4242", "1000").replace("4343", "1000")), "toy",
                new SecretFiles.ProcessIds(1000, 1000));
        SpecException unknown = assertThrows(SpecException.class, () -> SecretFiles.checkOwners(r, "toy", null));
        assertTrue(unknown.getMessage().contains("Slipway cannot tell which user it runs as"), unknown.getMessage());
        SecretFiles.checkOwners(resolve(tmp, "services: {web: {image: a}}\n"), "toy", null);
    }

    @Test
    void theCurrentProcessIdsAreReadFromTheKernel() throws Exception {
        SecretFiles.ProcessIds self = SecretFiles.ProcessIds.current();
        Path probe = Files.createTempFile("slipway-ids", ".tmp");
        try {
            assertEquals(attr(probe, "uid"), (int) self.uid(), "a file this process creates is its own");
        } finally {
            Files.delete(probe);
        }
    }
}
