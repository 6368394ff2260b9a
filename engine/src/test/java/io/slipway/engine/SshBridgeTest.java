package io.slipway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.SlipwayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ssh command line an ssh:// engine address becomes, as the docker CLI's ssh helper builds it, and what it refuses. */
class SshBridgeTest {

    @Test
    void userHostAndPortBecomeSshOptionsBeforeTheHost() {
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T", "-l", "deploy", "-p", "2222",
                "--", "build-1.example.org", "docker", "system", "dial-stdio"),
                SshBridge.command("ssh://deploy@build-1.example.org:2222", Map.of()));
    }

    @Test
    void aBareHostLeavesUserAndPortToTheSshConfigAndSlipwaySshConfigIsDashF() {
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T", "-F", "/etc/slipway/ssh_config",
                "--", "prod", "docker", "system", "dial-stdio"),
                SshBridge.command("ssh://prod", Map.of("SLIPWAY_SSH_CONFIG", "/etc/slipway/ssh_config")));
    }

    @Test
    void anIpv6LiteralLosesItsBrackets() {
        List<String> argv = SshBridge.command("ssh://[::1]:22", Map.of());
        assertEquals("::1", argv.get(argv.indexOf("--") + 1));
    }

    @Test
    void addressesThatAreNotUserHostPortAreRefusedNamingThem() {
        for (String bad : new String[] {"ssh://host/var/run/docker.sock", "ssh://user:secret@host", "ssh://host?x=1",
                "ssh://-oProxyCommand=touch%20x", "ssh://", "ssh://ho st"}) {
            SlipwayException e = assertThrows(SlipwayException.class, () -> SshBridge.command(bad, Map.of()), bad);
            assertTrue(e.getMessage().contains("valid: ssh://[user@]host[:port]"), e.getMessage());
            assertTrue(!e.getMessage().contains("secret"), "a password in the address is never shown: " + e.getMessage());
        }
    }
}
