package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.DeploymentLockedException;
import io.slipway.SlipwayException;
import io.slipway.spec.Durations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per deployment, for every process and host that shares an engine: the lock is a container the engine
 * keeps unique by name ({@code slipway-lock_<deployment>}), created (never started) from a tiny local image, so
 * taking it is one atomic create. It names its holder (host, process, since when, doing what) in its labels, and
 * holds a lease in a file the holder rewrites every {@link #LEASE}/3.
 *
 * <p>A holder that died is recognised and its lock taken over with a warning: on the same host and PID namespace,
 * as soon as its process is gone; elsewhere, once its lease expired. Releasing removes the container.
 *
 * <pre>{@code
 * try (DeploymentLock lock = DeploymentLock.acquire(docker, "shop", "apply", Duration.ofMinutes(5))) {
 *     ... change the deployment ...
 * }
 * }</pre>
 */
public final class DeploymentLock implements AutoCloseable {

    /** Shared by every backend's lock, so that a command line shows who it waits for at INFO. */
    private static final Logger LOG = LoggerFactory.getLogger("io.slipway.lock");

    /** On the lock container: the deployment it locks. */
    public static final String LOCK_LABEL = "io.slipway.lock";
    /** How long a lock outlives its last renewal when its holder cannot be checked directly. */
    static final Duration LEASE = Duration.ofSeconds(30);
    static final String IMAGE = "slipway/lock:1";
    private static final String HOST_LABEL = "io.slipway.lock.host";
    private static final String PROCESS_LABEL = "io.slipway.lock.process";
    private static final String SINCE_LABEL = "io.slipway.lock.since";
    private static final String ACTION_LABEL = "io.slipway.lock.action";
    private static final String LEASE_FILE = "lease";
    private static final long POLL_MILLIS = 200;
    /** Locks this process released but could not remove (the engine did not answer): it may take them back. */
    private static final Set<String> RELEASED_UNREMOVED = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-lock-renewer");
        t.setDaemon(true);
        return t;
    });

    private final DockerClient docker;
    private final String deployment;
    private final String containerId;
    private final ScheduledFuture<?> renewal;

    private DeploymentLock(DockerClient docker, String deployment, String containerId) {
        this.docker = docker;
        this.deployment = deployment;
        this.containerId = containerId;
        long every = LEASE.toMillis() / 3;
        this.renewal = RENEWER.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** This process as a holder: the host label, then the process label (for tests that play another holder). */
    static String[] self() {
        return new String[] {Self.HOST, Self.PROCESS};
    }

    /** The lock container's name for {@code deployment}. */
    public static String containerName(String deployment) {
        return "slipway-lock_" + deployment;
    }

    /**
     * Takes the deployment's lock, waiting up to {@code timeout} for another holder to release it.
     *
     * @param action what the holder does, for the others' messages ({@code apply}, {@code delete}, ...)
     * @param timeout how long to wait; zero fails at once when the lock is held
     * @throws DeploymentLockedException naming the holder, when the lock is still held at the timeout
     */
    public static DeploymentLock acquire(DockerClient docker, String deployment, String action, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (true) {
            String id = tryCreate(docker, deployment, action);
            if (id != null) {
                return new DeploymentLock(docker, deployment, id);
            }
            Holder holder = holder(docker, deployment);
            if (holder == null) {
                continue;
            }
            String dead = RELEASED_UNREMOVED.contains(holder.containerId()) ? "this process released it already"
                    : holder.deadBecause(docker);
            if (dead != null) {
                LOG.warn("Taking over the lock of deployment '{}' from {}: {}", deployment, holder.describe(), dead);
                removeQuietly(docker, holder.containerId());
                continue;
            }
            if (System.nanoTime() - deadline >= 0) {
                String waited = timeout.isZero() ? "" : " after waiting " + Durations.format(timeout);
                throw new DeploymentLockedException(deployment, holder.describe(), "deployment '" + deployment
                        + "' is locked by " + holder.describe() + waited + "; one writer at a time changes a "
                        + "deployment (wait longer with lock-timeout, or remove container "
                        + containerName(deployment) + " if that holder is surely gone)");
            }
            if (!told) {
                LOG.info("Waiting for deployment '{}': locked by {} (up to {})", deployment, holder.describe(),
                        Durations.format(timeout));
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentLockedException(deployment, holder.describe(), "interrupted while waiting for "
                        + "deployment '" + deployment + "', locked by " + holder.describe());
            }
        }
    }

    /**
     * Runs {@code work} holding the deployment's lock ({@link #acquire}), then releases it. An engine that stops
     * answering meanwhile is a {@link SlipwayException} naming its address, not a transport exception.
     */
    public static <T> T holding(DockerEngine engine, String deployment, String action, Duration timeout,
            Supplier<T> work) {
        try (DeploymentLock lock = acquire(engine.calls(), deployment, action, timeout)) {
            return work.get();
        } catch (SlipwayException e) {
            throw e;
        } catch (RuntimeException e) {
            if (DockerEngine.unreachable(e)) {
                LOG.debug("Engine at {} stopped answering during {} of '{}'", engine.host(), action, deployment, e);
                throw new SlipwayException(ContainerWatch.engineLost(engine.host(), e, " during " + action + " of '"
                        + deployment + "'"), e);
            }
            throw e;
        }
    }

    /** Releases the lock: the next writer may go on. */
    @Override
    public void close() {
        renewal.cancel(false);
        removeQuietly(docker, containerId);
    }

    /** The lock's container id, or null when another holder has it. */
    private static String tryCreate(DockerClient docker, String deployment, String action) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LOCK_LABEL, deployment);
        labels.put(HOST_LABEL, Self.HOST);
        labels.put(PROCESS_LABEL, Self.PROCESS);
        labels.put(SINCE_LABEL, Instant.now().toString());
        labels.put(ACTION_LABEL, action);
        for (int attempt = 0; ; attempt++) {
            try {
                // No lease written now: until the first renewal (LEASE/3 from now) the lock is judged by its
                // creation time, which says the same (created + LEASE), and a copy into a container costs the
                // engine a mount of its file system (20-60 ms on every apply).
                return docker.createContainerCmd(IMAGE).withName(containerName(deployment)).withLabels(labels)
                        .withCmd("lock").exec().getId();
            } catch (ConflictException | com.github.dockerjava.api.exception.InternalServerErrorException e) {
                if (!DockerEngine.nameInUse(e)) {
                    throw e;
                }
                return null;
            } catch (NotFoundException e) {
                if (attempt > 0) {
                    throw e;
                }
                buildImage(docker);
            }
        }
    }

    /**
     * The lock image: built locally from scratch with one small file, so no registry is needed. The Engine API's
     * import endpoint is not used: docker-java's httpclient5 transport truncates its streamed body.
     */
    private static void buildImage(DockerClient docker) {
        LOG.debug("Building the lock image {}", IMAGE);
        ByteArrayOutputStream context = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(context)) {
            // No lease file in the image: a lock whose holder has not written one yet is judged by its creation.
            add(out, "Dockerfile", ("FROM scratch\nCOPY slipway-lock /slipway-lock\nLABEL " + LOCK_LABEL
                    + ".image=1\n").getBytes(StandardCharsets.UTF_8));
            add(out, "slipway-lock", "one writer per deployment\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker.buildImageCmd(new ByteArrayInputStream(context.toByteArray())).withTags(Set.of(IMAGE))
                .exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
    }

    private void renew() {
        try {
            writeLease(docker, containerId);
        } catch (NotFoundException e) {
            LOG.error("The lock of deployment '{}' was taken over while this process held it: another writer judged "
                    + "it dead (a lease not renewed for {})", deployment, Durations.format(LEASE));
            renewal.cancel(false);
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the lock of deployment '{}': {}", deployment, DockerEngine.rootMessage(e));
        }
    }

    private static void writeLease(DockerClient docker, String id) {
        byte[] content = Long.toString(System.currentTimeMillis() + LEASE.toMillis()).getBytes(StandardCharsets.UTF_8);
        docker.copyArchiveToContainerCmd(id).withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(tar(LEASE_FILE, content))).exec();
    }

    /** A tar of one file. */
    static byte[] tar(String name, byte[] content) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            add(out, name, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tar.toByteArray();
    }

    private static void add(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }

    private static void removeQuietly(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
            RELEASED_UNREMOVED.remove(id);
        } catch (RuntimeException e) {
            if (DockerEngine.notFound(e)) {
                RELEASED_UNREMOVED.remove(id);
                return;
            }
            // Typically the engine stopped answering: this process may take the lock again, others after the lease.
            RELEASED_UNREMOVED.add(id);
            LOG.warn("Could not remove lock container {}: {}", id, DockerEngine.rootMessage(e));
        }
    }

    /** The current holder, or null when the lock was released meanwhile. */
    private static Holder holder(DockerClient docker, String deployment) {
        InspectContainerResponse c;
        try {
            c = docker.inspectContainerCmd(containerName(deployment)).exec();
        } catch (RuntimeException e) {
            if (!DockerEngine.notFound(e)) {
                throw e;
            }
            return null;
        }
        Map<String, String> labels = c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        return new Holder(c.getId(), labels.getOrDefault(HOST_LABEL, "?"), labels.getOrDefault(PROCESS_LABEL, "?"),
                labels.getOrDefault(SINCE_LABEL, c.getCreated()), labels.getOrDefault(ACTION_LABEL, "?"),
                created(c.getCreated()));
    }

    private static long created(String created) {
        try {
            return Instant.parse(created).toEpochMilli();
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    /** Who holds a lock, from its labels. */
    private record Holder(String containerId, String host, String process, String since, String action,
            long created) {

        String describe() {
            long[] p = pidAndStart();
            String pid = p == null ? process : Long.toString(p[0]);
            String hostname = host.split("/")[0];
            return action + " by pid " + pid + " on host " + hostname + " since " + since;
        }

        /** Pid and start millis from {@code <pid namespace>:<pid>:<start>} (the namespace has colons), or null. */
        long[] pidAndStart() {
            int last = process.lastIndexOf(':');
            int before = last < 0 ? -1 : process.lastIndexOf(':', last - 1);
            try {
                return before < 0 ? null : new long[] {Long.parseLong(process.substring(before + 1, last)),
                        Long.parseLong(process.substring(last + 1))};
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Why the holder is surely gone, or null while it may live. */
        String deadBecause(DockerClient docker) {
            if (host.equals(Self.HOST)) {
                long[] p = pidAndStart();
                if (p != null && !Self.alive(p[0], p[1])) {
                    return "its process " + p[0] + " on this host is gone";
                }
                return null;
            }
            Long lease = lease(docker);
            long expiry = lease != null ? lease : created + LEASE.toMillis();
            if (expiry < System.currentTimeMillis()) {
                return "its lease expired at " + Instant.ofEpochMilli(expiry) + " (not renewed for "
                        + Durations.format(LEASE) + ")";
            }
            return null;
        }

        private Long lease(DockerClient docker) {
            try (InputStream in = docker.copyArchiveFromContainerCmd(containerId, "/" + LEASE_FILE).exec();
                    TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                if (tar.getNextEntry() == null) {
                    return null;
                }
                return Long.parseLong(new String(tar.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (NotFoundException | com.github.dockerjava.api.exception.InternalServerErrorException e) {
                if (!DockerEngine.notFound(e)) {
                    throw e;
                }
                return null; // just created, its lease not written yet; or released (Podman: a 500 saying so)
            } catch (IOException | NumberFormatException e) {
                LOG.debug("Unreadable lease of lock {}", containerId, e);
                return null;
            }
        }
    }

    /** This process, as a lock holder. */
    private static final class Self {
        /** Host name, boot id and PID namespace: where a pid means this same process table. */
        static final String HOST = hostName() + "/" + read("/proc/sys/kernel/random/boot_id") + "/" + pidNamespace();
        /** PID namespace, pid and start time, so that a reused pid is not taken for the holder. */
        static final String PROCESS = pidNamespace() + ":" + ProcessHandle.current().pid() + ":"
                + start(ProcessHandle.current());

        static boolean alive(long pid, long start) {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(h -> Math.abs(start(h) - start) < 1000).orElse(false);
        }

        private static long start(ProcessHandle h) {
            return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return read("/etc/hostname");
            }
        }

        private static String pidNamespace() {
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            } catch (IOException | UnsupportedOperationException e) {
                return "?";
            }
        }

        private static String read(String file) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
