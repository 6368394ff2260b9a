package io.slipway.spec;

import io.slipway.wait.AllOf;
import io.slipway.wait.AnyOf;
import io.slipway.wait.Exited;
import io.slipway.wait.Healthy;
import io.slipway.wait.HttpOk;
import io.slipway.wait.LogMatches;
import io.slipway.wait.PortOpen;
import io.slipway.wait.Running;
import io.slipway.wait.WaitCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a service's {@code x-slipway.wait}: a map with exactly one condition key ({@code running},
 * {@code healthy}, {@code exited}, {@code log}, {@code port}, {@code http}, {@code all}, {@code any}) and
 * an optional {@code timeout}. See DESIGN.md, "The x-slipway syntax".
 */
final class WaitReader {

    static final List<String> CONDITIONS = List.of("running", "healthy", "exited", "log", "port", "http", "all",
            "any");
    private static final List<String> RUNNING_KEYS = List.of("stable");
    private static final List<String> HTTP_KEYS = List.of("port", "path", "status");

    private WaitReader() {
    }

    /**
     * Checks the keys of a wait (and of its nested conditions) before interpolation: keys are never
     * interpolated, so a typo is reported when the spec is parsed, not when it is applied.
     */
    static void checkKeys(Object node, String path, Values v) {
        Map<String, Object> wait = v.map(node, path);
        String key = conditionKey(wait, path, v);
        Object arg = wait.get(key);
        String at = path + "." + key;
        if (key.equals("running") && arg instanceof Map<?, ?>) {
            v.checkKeys(v.map(arg, at), at, RUNNING_KEYS);
        } else if (key.equals("http")) {
            v.checkKeys(v.map(arg, at), at, HTTP_KEYS);
        } else if (key.equals("all") || key.equals("any")) {
            List<Object> inner = v.list(arg, at);
            for (int i = 0; i < inner.size(); i++) {
                checkKeys(inner.get(i), at + "[" + i + "]", v);
            }
        }
    }

    /**
     * Reads an interpolated wait.
     *
     * @param defaultTimeout the timeout when the wait names none: the service's {@code x-slipway.timeout},
     *        the enclosing {@code all}/{@code any}'s, or {@link WaitCondition#DEFAULT_TIMEOUT}
     */
    static WaitCondition read(Object node, String path, Duration defaultTimeout, Values v) {
        Map<String, Object> wait = v.map(node, path);
        String key = conditionKey(wait, path, v);
        Duration own = timeout(wait.get("timeout"), path + ".timeout", v);
        Duration timeout = own != null ? own : defaultTimeout;
        Object arg = wait.get(key);
        String at = path + "." + key;
        return switch (key) {
            case "running" -> running(arg, at, timeout, v);
            case "healthy" -> {
                requireTrue(arg, at, "healthy: true", v);
                yield new Healthy(timeout);
            }
            case "exited" -> new Exited(exitCodes(arg, at, v), timeout);
            case "log" -> new LogMatches(regex(arg, at, v), timeout);
            case "port" -> new PortOpen(v.port(arg, at), timeout);
            case "http" -> http(arg, at, timeout, v);
            case "all" -> new AllOf(inner(arg, at, timeout, v), timeout);
            default -> new AnyOf(inner(arg, at, timeout, v), timeout);
        };
    }

    /** A timeout duration, which must be positive; null when not given. */
    static Duration timeout(Object node, String path, Values v) {
        Duration d = v.duration(node, path);
        if (d != null && (d.isZero() || d.isNegative())) {
            throw v.fail(path, "a timeout must be longer than zero");
        }
        return d;
    }

    /** The one condition key of a wait map, or an error naming what is wrong. */
    private static String conditionKey(Map<String, Object> wait, String path, Values v) {
        String found = null;
        for (String key : wait.keySet()) {
            if (key.equals("timeout")) {
                continue;
            }
            if (!CONDITIONS.contains(key)) {
                throw v.fail(path + "." + key, "unknown wait condition; valid: " + String.join(", ", CONDITIONS));
            }
            if (found != null) {
                throw v.fail(path, "a wait has exactly one condition but names " + found + " and " + key
                        + "; combine conditions with all or any");
            }
            found = key;
        }
        if (found == null) {
            throw v.fail(path, "a wait needs one condition: " + String.join(", ", CONDITIONS));
        }
        return found;
    }

    private static Running running(Object arg, String path, Duration timeout, Values v) {
        if (arg instanceof Map<?, ?>) {
            Map<String, Object> m = v.map(arg, path);
            Duration stable = v.duration(m.get("stable"), path + ".stable");
            return new Running(stable == null ? Duration.ZERO : stable, timeout);
        }
        requireTrue(arg, path, "running: true or running: {stable: 2s}", v);
        return new Running(Duration.ZERO, timeout);
    }

    /** {@code healthy: false} or {@code running: false} would mean nothing: only true is accepted. */
    private static void requireTrue(Object arg, String path, String form, Values v) {
        if (!Boolean.TRUE.equals(arg) && !"true".equals(arg)) {
            throw v.fail(path, "expected " + form + " but was " + Values.describe(arg));
        }
    }

    private static Set<Integer> exitCodes(Object arg, String path, Values v) {
        List<Object> items = arg instanceof List<?> ? v.list(arg, path) : Collections.singletonList(arg);
        if (items.isEmpty()) {
            throw v.fail(path, "exited needs at least one exit code");
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = arg instanceof List<?> ? path + "[" + i + "]" : path;
            int code = v.integer(items.get(i), at);
            if (code < 0 || code > 255) {
                throw v.fail(at, "invalid exit code " + code + "; an exit code is a number from 0 to 255");
            }
            codes.add(code);
        }
        return codes;
    }

    private static String regex(Object arg, String path, Values v) {
        String regex = v.requiredString(arg, path);
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw v.fail(path, "invalid regex '" + regex + "': " + e.getDescription() + " near index " + e.getIndex());
        }
        return regex;
    }

    private static HttpOk http(Object arg, String path, Duration timeout, Values v) {
        Map<String, Object> m = v.map(arg, path);
        if (m.get("port") == null) {
            throw v.fail(path + ".port", "a value is required");
        }
        int port = v.port(m.get("port"), path + ".port");
        String p = m.get("path") == null ? "/" : v.string(m.get("path"), path + ".path");
        int status = m.get("status") == null ? 200 : v.integer(m.get("status"), path + ".status");
        if (status < 100 || status > 599) {
            throw v.fail(path + ".status", "invalid HTTP status " + status + "; a status is a number from 100 to 599");
        }
        return new HttpOk(port, p, status, timeout);
    }

    /** The conditions of an {@code all}/{@code any}; each without its own timeout takes the outer one. */
    private static List<WaitCondition> inner(Object arg, String path, Duration timeout, Values v) {
        List<Object> items = v.list(arg, path);
        if (items.isEmpty()) {
            throw v.fail(path, "needs at least one condition");
        }
        List<WaitCondition> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(read(items.get(i), path + "[" + i + "]", timeout, v));
        }
        return out;
    }
}
