package io.slipway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private sshd on 127.0.0.1 for tests of ssh:// engines: its own host key, one authorised client key made here,
 * and a client configuration ({@link #clientConfig()}, for {@code ssh -F}) that checks the host key against a
 * known_hosts written here. Nothing outside its directory is read or written; {@link #close()} stops it.
 */
public final class Sshd implements AutoCloseable {

    /** Debian's openssh-server installs it; the engine script installs the package on CI. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** The host alias the client configuration defines. */
    public static final String ALIAS = "slipway-sshd-test";

    private final Process process;
    private final Path dir;
    private final int port;

    private Sshd(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Whether an sshd can be started here, and if not why (for an assumption's message). */
    public static String unavailable() {
        if (!Files.isExecutable(SSHD)) {
            return SSHD + " is not installed: apt-get install openssh-server (scripts/docker-engine.sh installs it)";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/ssh")) && !Files.isExecutable(Path.of("/usr/local/bin/ssh"))) {
            return "no ssh client: apt-get install openssh-client";
        }
        return null;
    }

    /** Starts an sshd in {@code dir} that lets the user running the tests in with the key it makes. */
    public static Sshd start(Path dir) {
        try {
            Files.createDirectories(dir);
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("client_key").toString());
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            // sshd's privilege separation needs this directory; Debian's init scripts would make it.
            Files.createDirectories(Path.of("/run/sshd"));
            int port = freePort();
            String user = System.getProperty("user.name");
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AllowUsers " + user,
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "StrictModes no",
                    "UsePAM no",
                    "") );
            String hostKey = Files.readString(dir.resolve("host_key.pub")).strip();
            String[] parts = hostKey.split(" ");
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
            Files.writeString(dir.resolve("empty_known_hosts"), "");
            Files.writeString(dir.resolve("ssh_config"), client(dir, port, user, "known_hosts"));
            Files.writeString(dir.resolve("ssh_config_unknown_host"), client(dir, port, user, "empty_known_hosts"));
            Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            Sshd sshd = new Sshd(p, dir, port);
            sshd.awaitListening();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client configuration: {@value #ALIAS} is this sshd, its host key known, {@code StrictHostKeyChecking yes}. */
    public Path clientConfig() {
        return dir.resolve("ssh_config");
    }

    /** The same client configuration with an empty known_hosts: host key checking must refuse this sshd. */
    public Path clientConfigWithUnknownHost() {
        return dir.resolve("ssh_config_unknown_host");
    }

    /** The port sshd listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String client(Path dir, int port, String user, String knownHosts) {
        return String.join("\n",
                "Host " + ALIAS,
                "  HostName 127.0.0.1",
                "  Port " + port,
                "  User " + user,
                "  IdentityFile " + dir.resolve("client_key"),
                "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + dir.resolve(knownHosts),
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  LogLevel ERROR",
                "");
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("sshd did not listen on 127.0.0.1:" + port + " within 15 s: "
                + Files.readString(dir.resolve("sshd.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(String... argv) throws IOException {
        Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
