package io.slipway.spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Linux's limits on what a container's first process is started with, checked before anything starts: the kernel
 * refuses one environment string or argument over {@value #MAX_ARG_STRLEN} bytes, and an environment and arguments
 * together over {@code ARG_MAX} (a quarter of the stack limit, 2 MiB with the usual 8 MiB), and the container then
 * dies with "argument list too long". Messages name the variable and the inputs in it, never a value.
 */
final class ProcessLimits {

    /** {@code MAX_ARG_STRLEN}: 32 pages of 4 KiB, for one {@code KEY=VALUE} string with its terminating NUL. */
    static final int MAX_ARG_STRLEN = 32 * 4096;
    /** The usual stack limit, 8 MiB, when the spec sets no {@code ulimits.stack}. */
    private static final long DEFAULT_STACK = 8L << 20;
    /** What the image's own environment (PATH and the like) and the engine's (HOSTNAME) may add. */
    private static final int HEADROOM = 16 * 1024;

    private ProcessLimits() {
    }

    /**
     * Fails on the first service whose environment or arguments exceed a limit.
     *
     * @param raw the spec before interpolation, to name the inputs a value came from
     * @throws SpecException at the variable (or the service's environment), naming the limit and what to do instead
     */
    static void check(List<ServiceSpec> services, Map<String, Object> raw) {
        for (ServiceSpec s : services) {
            long total = 0;
            for (Map.Entry<String, String> e : s.environment().entrySet()) {
                int bytes = bytes(e.getKey() + "=" + e.getValue());
                if (bytes > MAX_ARG_STRLEN) {
                    throw new SpecException("services." + s.name() + ".environment." + e.getKey(), bytes + " bytes"
                            + from(raw, s.name(), e.getKey()) + ", over Linux's limit of " + MAX_ARG_STRLEN + " bytes for one "
                            + "environment variable (MAX_ARG_STRLEN): the container could not start. Hand a value "
                            + "this large to the container as a file instead: a secret (secrets:, mounted at "
                            + "/run/secrets/NAME) or a config");
                }
                total += bytes + Long.BYTES;
            }
            for (String arg : args(s)) {
                total += bytes(arg) + Long.BYTES;
            }
            long argMax = stack(s) / 4 - HEADROOM;
            if (total > argMax) {
                throw new SpecException("services." + s.name() + ".environment", total + " bytes of environment and "
                        + "arguments" + from(raw, s.name(), null) + ", over Linux's ARG_MAX of " + argMax + " bytes (a quarter "
                        + "of the " + stack(s) + "-byte stack limit, less room for the image's own variables): the "
                        + "container could not start. Hand large values to the container as files instead: secrets "
                        + "or configs");
            }
        }
    }

    private static List<String> args(ServiceSpec s) {
        List<String> args = new ArrayList<>();
        if (s.entrypoint() != null) {
            args.addAll(s.entrypoint());
        }
        if (s.command() != null) {
            args.addAll(s.command());
        }
        return args;
    }

    private static long stack(ServiceSpec s) {
        return s.resources().ulimits().stream().filter(u -> u.name().equals("stack")).mapToLong(Ulimit::soft)
                .filter(l -> l > 0).findFirst().orElse(DEFAULT_STACK);
    }

    /**
     * The inputs the raw environment of {@code service} refers to (in variable {@code key}, or anywhere when null), as
     * " (from input x, y)"; empty when none.
     */
    private static String from(Map<String, Object> raw, String service, String key) {
        Object env = raw.get("services") instanceof Map<?, ?> services && services.get(service) instanceof Map<?, ?> svc
                ? svc.get("environment") : null;
        List<Object> values = new ArrayList<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, value) -> {
                if (key == null || key.equals(k)) {
                    values.add(value);
                }
            });
        } else if (env instanceof List<?> list) {
            list.stream().filter(entry -> key == null || String.valueOf(entry).startsWith(key + "="))
                    .forEach(values::add);
        }
        List<String> names = List.copyOf(References.of(Map.of("environment", values)).keySet());
        return names.isEmpty() ? "" : " (from input" + (names.size() == 1 ? " " : "s ") + String.join(", ", names) + ")";
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
