package io.slipway.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * A TCP front for the engine's unix socket that a test can cut and restore, to play an engine that stops answering
 * (and comes back) without touching the engine other tests use. Cutting closes every connection and refuses new
 * ones, as a killed dockerd does; restoring listens on the same port again.
 */
public final class EngineProxy implements AutoCloseable {

    private final Path socket;
    private final int port;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocketChannel server;
    /** An HTTP request line a client sent: method and target (the API version prefix and query kept). */
    private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|HEAD|POST|PUT|DELETE) (/\\S*) HTTP/1\\.[01]\r?$");
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    private EngineProxy(Path socket) throws IOException {
        this.socket = socket;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        accept(server);
    }

    /** A proxy to the engine at {@code /var/run/docker.sock}, listening on a free loopback port. */
    public static EngineProxy start() {
        return start(Path.of("/var/run/docker.sock"));
    }

    /** A proxy to the engine listening on unix socket {@code socket}, listening on a free loopback port. */
    public static EngineProxy start(Path socket) {
        try {
            return new EngineProxy(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address to give a launcher, {@code tcp://127.0.0.1:PORT}. */
    public String address() {
        return "tcp://127.0.0.1:" + port;
    }

    /**
     * The requests clients sent through this proxy since it started or since {@link #clearRequests}, each as
     * {@code METHOD /target}, in the order they were read (per connection; connections interleave), so that a test
     * can count what a launcher asks the engine.
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests seen so far. */
    public void clearRequests() {
        requests.clear();
    }

    /** The engine stops answering: every connection is closed, new ones are refused. */
    public synchronized void cut() {
        close(server);
        open.forEach(EngineProxy::close);
        open.clear();
    }

    /** The engine answers again, on the same address. */
    public synchronized void restore() {
        try {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.socket().setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            server = s;
            accept(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocketChannel s) {
        daemon(() -> {
            while (s.isOpen()) {
                try {
                    SocketChannel client = s.accept();
                    SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                    engine.connect(UnixDomainSocketAddress.of(socket));
                    synchronized (this) {
                        // A connection accepted just before a cut must not outlive it: the cut closes only what it
                        // finds open, and a client would go on talking to the engine through this one.
                        if (!s.isOpen()) {
                            close(client);
                            close(engine);
                            return;
                        }
                        open.add(client);
                        open.add(engine);
                    }
                    daemon(() -> pump(client, engine, new StringBuilder()));
                    daemon(() -> pump(engine, client, null));
                } catch (IOException e) {
                    return; // cut
                }
            }
        });
    }

    /** Copies {@code from} to {@code to}; with {@code line}, notes each request line read ({@link #requests}). */
    private void pump(SocketChannel from, SocketChannel to, StringBuilder line) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (line != null) {
                    scan(buffer, line);
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // closed by a cut or by either side
        }
        close(from);
        close(to);
        open.remove(from);
        open.remove(to);
    }

    /** Splits what a client sent into lines (the first 512 characters of each) and keeps the request lines. */
    private void scan(ByteBuffer buffer, StringBuilder line) {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            char c = (char) (buffer.get(i) & 0xff);
            if (c == '\n') {
                var m = REQUEST_LINE.matcher(line);
                if (m.matches()) {
                    requests.add(m.group(1) + " " + m.group(2));
                }
                line.setLength(0);
            } else if (line.length() < 512) {
                line.append(c);
            }
        }
    }

    private static void close(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "engine-proxy");
        t.setDaemon(true);
        t.start();
    }
}
