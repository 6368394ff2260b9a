package io.slipway.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this JVM's threads, open file descriptors ({@code /proc/self/fd}) and used heap every few
 * milliseconds while something runs, and keeps the peaks. Peak threads come from the JVM's own counter,
 * so no short-lived thread is missed.
 */
final class JvmSampler implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile int peakFds;
    private volatile long peakHeap;

    /** Starts sampling; the peak thread count is reset now. */
    JvmSampler() {
        THREADS.resetPeakThreadCount();
        peakFds = fds();
        peakHeap = heapUsed();
        sampler = new Thread(() -> {
            while (running) {
                peakFds = Math.max(peakFds, fds());
                peakHeap = Math.max(peakHeap, heapUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Live threads now. */
    static int threads() {
        return THREADS.getThreadCount();
    }

    /** Open file descriptors now, or -1 where /proc is missing. */
    static int fds() {
        int n = 0;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path ignored : d) {
                n++;
            }
        } catch (IOException e) {
            return -1;
        }
        return n - 1; // the directory stream's own descriptor
    }

    /** Heap in use now, in bytes. */
    static long heapUsed() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Peak threads since construction (the sampler's own thread not counted). */
    int peakThreads() {
        return THREADS.getPeakThreadCount() - 1;
    }

    int peakFds() {
        return peakFds;
    }

    long peakHeap() {
        return peakHeap;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
