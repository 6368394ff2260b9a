package io.slipway.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers came from: cores, memory, OS, JDK, engine, tools, and the load average. */
final class Machine {

    private Machine() {
    }

    /** The machine's description, for the report's header and its JSON. */
    static Map<String, String> describe(Bench b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("memory", memory());
        m.put("os", read("/etc/debian_version").isEmpty() ? System.getProperty("os.name")
                : "Debian " + read("/etc/debian_version").strip());
        m.put("kernel", System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("engine", "Docker Engine " + b.engine.engineVersion + " (API " + b.engine.apiVersion + ")");
        m.put("docker CLI", version(b.dockerCli, "--version"));
        m.put("docker-compose", version(b.composeV1, "version", "--short"));
        m.put("image", b.engine.image);
        return m;
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
    static String load() {
        String l = read("/proc/loadavg");
        String[] parts = l.strip().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    private static String memory() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1048576.0);
            }
        }
        return "unknown";
    }

    private static String version(String binary, String... args) {
        if (binary == null) {
            return "not installed";
        }
        try {
            java.util.List<String> cmd = new java.util.ArrayList<>();
            cmd.add(binary);
            cmd.addAll(java.util.List.of(args));
            Proc.Result r = Proc.run(cmd, Map.of(), null, java.time.Duration.ofSeconds(30));
            return r.out().strip().lines().findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
