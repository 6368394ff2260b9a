package io.slipway.engine;

import io.slipway.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine reached over ssh, as the docker CLI reaches {@code ssh://user@host:port}: each connection runs
 * {@code ssh ... -- host docker system dial-stdio} and speaks the Engine API over that process's stdin and stdout.
 * docker-java has no ssh transport, so the bridge offers a private unix socket (in a 0700 directory) and pipes every
 * connection made to it through its own ssh process. ssh is the user's own: its configuration ({@code ~/.ssh/config},
 * or the file {@code SLIPWAY_SSH_CONFIG} names, as {@code ssh -F}), keys and agent, and host key checking, which stays
 * on ({@code BatchMode}: nothing asks a question that nobody would answer).
 */
final class SshBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshBridge.class);
    /** A host of an ssh:// address: a name or address, never an option ({@code -oProxyCommand=...}). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:\\[\\]%-]+");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]*");
    private static final int STDERR_LINES = 10;

    private final List<String> command;
    private final String address;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Deque<String> stderr = new ArrayDeque<>();
    private volatile boolean closed;

    private SshBridge(List<String> command, String address, Path dir, Path socket, ServerSocketChannel server) {
        this.command = command;
        this.address = address;
        this.dir = dir;
        this.socket = socket;
        this.server = server;
    }

    /**
     * Opens the bridge for {@code address} ({@code ssh://[user@]host[:port]}).
     *
     * @param env the process environment ({@code SLIPWAY_SSH_CONFIG}, {@code PATH})
     * @throws SlipwayException naming the address when it is not a valid ssh address or the socket cannot be made
     */
    static SshBridge open(String address, Map<String, String> env) {
        List<String> command = command(address, env);
        try {
            Path dir = Files.createTempDirectory("slipway-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path socket = dir.resolve("engine.sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            SshBridge bridge = new SshBridge(command, address, dir, socket, server);
            Thread accept = new Thread(bridge::accept, "slipway-ssh-bridge");
            accept.setDaemon(true);
            accept.start();
            LOG.debug("ssh bridge for {} at {}: {}", address, socket, command);
            return bridge;
        } catch (IOException e) {
            throw new SlipwayException("cannot open a local socket for the engine at " + address + ": " + e.getMessage(), e);
        }
    }

    /** The argv that reaches the engine at {@code address}, as the docker CLI's ssh helper builds it. */
    static List<String> command(String address, Map<String, String> env) {
        // A password has no place in the address (ssh's keys and agent are used) and is never shown back.
        String shown = address.replaceFirst("^(ssh://[^/@:]*):[^/@]*@", "$1:******@");
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new SlipwayException("bad ssh engine address '" + shown + "'; valid: ssh://[user@]host[:port]");
        }
        String host = uri.getHost();
        String user = uri.getUserInfo();
        if (host == null || !HOST.matcher(host).matches() || host.startsWith("-")
                || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null || uri.getFragment() != null
                || (user != null && !USER.matcher(user).matches())) {
            throw new SlipwayException("bad ssh engine address '" + shown + "'; valid: ssh://[user@]host[:port] "
                    + "(no path, no password: ssh's own keys, agent and configuration are used)");
        }
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T"));
        String config = env.get("SLIPWAY_SSH_CONFIG");
        if (config != null && !config.isBlank()) {
            argv.addAll(List.of("-F", config));
        }
        if (user != null) {
            argv.addAll(List.of("-l", user));
        }
        if (uri.getPort() != -1) {
            argv.addAll(List.of("-p", Integer.toString(uri.getPort())));
        }
        // An IPv6 literal comes bracketed in a URI; ssh wants it bare.
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        argv.addAll(List.of("--", bare, "docker", "system", "dial-stdio"));
        return List.copyOf(argv);
    }

    /** The address docker-java connects to: {@code unix://} and the bridge's private socket. */
    String localHost() {
        return "unix://" + socket;
    }

    /** What ssh last said on stderr (why a connection failed: host key, permission, no docker there), or "". */
    String lastError() {
        synchronized (stderr) {
            return String.join("; ", stderr);
        }
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("ssh bridge for {} stopped accepting: {}", address, e.getMessage());
                }
                return;
            }
            try {
                connect(client);
            } catch (IOException e) {
                remember("cannot run ssh: " + e.getMessage());
                closeQuietly(client);
            }
        }
    }

    private void connect(SocketChannel client) throws IOException {
        Process ssh = new ProcessBuilder(command).start();
        processes.add(ssh);
        // The channel is read and written directly, from two threads: its stream adapters (Channels.newInputStream)
        // share one lock, so a read waiting for the next request would block the response being written.
        daemon("slipway-ssh-to-engine", () -> {
            ByteBuffer buf = ByteBuffer.allocate(16384);
            try (OutputStream toEngine = ssh.getOutputStream()) {
                while (client.read(buf) != -1) {
                    toEngine.write(buf.array(), 0, buf.position());
                    toEngine.flush();
                    buf.clear();
                }
            } catch (IOException e) {
                // the client or ssh went away: closing ssh's stdin ends dial-stdio's request side
            }
        });
        daemon("slipway-ssh-from-engine", () -> {
            byte[] buf = new byte[16384];
            try (InputStream fromEngine = ssh.getInputStream()) {
                for (int n; (n = fromEngine.read(buf)) != -1; ) {
                    ByteBuffer out = ByteBuffer.wrap(buf, 0, n);
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                closeQuietly(client);
            }
        });
        daemon("slipway-ssh-stderr", () -> {
            try (var lines = ssh.errorReader(StandardCharsets.UTF_8)) {
                lines.lines().forEach(this::remember);
            } catch (IOException | java.io.UncheckedIOException e) {
                // the process is gone
            }
        });
        ssh.onExit().thenRun(() -> {
            processes.remove(ssh);
            closeQuietly(client);
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void remember(String line) {
        if (line.isBlank()) {
            return;
        }
        LOG.debug("ssh {}: {}", address, line);
        synchronized (stderr) {
            stderr.addLast(line.strip());
            while (stderr.size() > STDERR_LINES) {
                stderr.removeFirst();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", dir, e.getMessage());
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
