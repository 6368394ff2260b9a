package io.slipway.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the parts of the one document that {@link Include} and {@link Extends} made came from, so that an error in
 * a value another file (or another service) wrote names that file and that service: {@code part.yaml:
 * services.part.mem_limit: invalid size 'lots'} rather than the path in the merged document. Keys are paths in the
 * merged document ({@code services.web.deploy}, {@code networks.back}); the longest one that is a prefix of an
 * error's path decides. A value that both an extending service and its base define is the extending service's.
 */
final class Origins {

    /**
     * Where a part came from.
     *
     * @param file the file's name as messages show it, or null for the spec's own file
     * @param service the service path in that file ({@code services.base}), or null for a top-level resource
     * @param extended whether the part came to the service through {@code extends}
     */
    record Origin(String file, String service, boolean extended) {
    }

    private final Path home;
    private final Map<String, Origin> byPath = new LinkedHashMap<>();

    /** @param home the spec's directory: file names are shown relative to it when they are under it */
    Origins(Path home) {
        this.home = home;
    }

    /** The name of {@code file} in messages: relative to the spec's directory when under it, else as it is. */
    String label(Path file) {
        Path f = file.toAbsolutePath().normalize();
        return home != null && f.startsWith(home) ? home.relativize(f).toString() : f.toString();
    }

    /** Records that the part at {@code path} came from {@code origin}, unless a part there was recorded already. */
    void put(String path, Origin origin) {
        byPath.putIfAbsent(path, origin);
    }

    /** Whether nothing was recorded (a spec without include and extends). */
    boolean isEmpty() {
        return byPath.isEmpty();
    }

    /**
     * {@code e} saying where its value was written, when that is another file or another service; else {@code e}
     * itself. The result's {@link SpecException#path()} stays the path in the merged document.
     */
    SpecException locate(SpecException e) {
        String path = e.path();
        if (path.isEmpty() || byPath.isEmpty()) {
            return e;
        }
        String message = e.getMessage().startsWith(path + ": ") ? e.getMessage().substring(path.length() + 2)
                : e.getMessage();
        String at = path;
        String file = null;
        String via = null;
        // An origin in the spec's own file may lead on (an extended service that an included file defined).
        for (int hops = 0; hops < 8 && file == null; hops++) {
            String key = longestPrefix(at);
            if (key == null) {
                break;
            }
            Origin o = byPath.get(key);
            String service = servicePath(at);
            String moved = o.service() != null && service != null ? o.service() + at.substring(service.length()) : at;
            if (o.file() == null && moved.equals(at)) {
                break;
            }
            if (o.extended() && via == null) {
                via = service;
            }
            at = moved;
            file = o.file();
        }
        if (file == null && at.equals(path)) {
            return e;
        }
        return new SpecException(path, (file == null ? "" : file + ": ") + at + ": " + message
                + (via == null ? "" : " (in " + via + ", which extends it)"), e, false);
    }

    /** The longest recorded path that is {@code path} or a prefix of it ending before a {@code .} or {@code [}. */
    private String longestPrefix(String path) {
        String best = null;
        for (String key : byPath.keySet()) {
            boolean prefix = path.equals(key) || (path.startsWith(key)
                    && (path.charAt(key.length()) == '.' || path.charAt(key.length()) == '['));
            if (prefix && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best;
    }

    /** {@code services.NAME} of a path under a service, else null. */
    private static String servicePath(String path) {
        if (!path.startsWith("services.")) {
            return null;
        }
        int end = path.length();
        for (int i = "services.".length(); i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }
}
