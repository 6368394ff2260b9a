package io.slipway.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** The busybox root file system, made by the packaged scripts/busybox-rootfs.sh: what the test image's Javadoc promises. */
class TestImagesTest {

    @Test
    void rootFileSystemIsTheOneRecipesTree() throws IOException {
        assumeTrue(Files.isRegularFile(TestImages.HOST_BUSYBOX), "needs busybox-static (scripts/docker-engine.sh installs it)");
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(TestImages.rootfsTar()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
                if (e.isFile() && !e.getName().equals("bin/busybox")) {
                    contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
                assertEquals(0, e.getLongUserId(), e.getName());
                assertEquals(0, e.getLongGroupId(), e.getName());
                assertEquals(0, e.getModTime().getTime(), e.getName() + ": fixed timestamps, so one binary gives one layer");
            }
        }
        assertEquals(0755, entries.get("bin/busybox").getMode() & 07777);
        assertEquals(01777, entries.get("tmp/").getMode() & 07777);
        assertEquals(0700, entries.get("root/").getMode() & 07777);
        assertEquals(0755, entries.get("www/").getMode() & 07777);
        assertEquals(0644, entries.get("etc/passwd").getMode() & 07777);
        assertTrue(entries.get("bin/sh").isSymbolicLink());
        assertEquals("busybox", entries.get("bin/sh").getLinkName());
        assertTrue(entries.get("bin/httpd").isSymbolicLink(), "every applet is linked");
        assertEquals(TestImages.INDEX_HTML, contents.get("www/index.html"));
        assertEquals("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
                contents.get("etc/passwd"));
        assertEquals("root:x:0:\nnogroup:x:65534:\n", contents.get("etc/group"));
    }
}
