package io.slipway.spec;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Variables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the top-level {@code secrets} and {@code configs} and a service's grants of them, by Compose's local (not
 * swarm) semantics: content from a file, an input, or inline ({@code content}, configs only); mounted read-only.
 */
final class SecretReader {

    /** The keys of a top-level secret. */
    static final List<String> SECRET_KEYS = List.of("file", "environment", "external", "name");
    /** The keys of a top-level config. */
    static final List<String> CONFIG_KEYS = List.of("file", "environment", "content", "external", "name");
    /** The keys of a service's grant in the long form. */
    static final List<String> MOUNT_KEYS = List.of("source", "target", "uid", "gid", "mode");
    /** Where secrets are mounted, as Compose mounts them. */
    static final String SECRETS_DIR = "/run/secrets/";
    /** Values shorter than this are no secret on their own; masking them would garble every log. */
    private static final int SHORTEST_MASKED = 3;
    /** Files larger than this are not masked line by line (certificates and keys are far smaller). */
    private static final long LARGEST_MASKED = 64 * 1024;

    private SecretReader() {
    }

    /** Checks the keys and names of the top-level {@code secrets} and {@code configs} before interpolation. */
    static void checkDeclarations(Map<String, Object> doc, Values v) {
        for (SecretSpec.Kind kind : SecretSpec.Kind.values()) {
            v.map(doc.get(kind.key()), kind.key()).forEach((key, node) -> {
                String path = kind.key() + "." + key;
                if (!NetworkReader.NAME.matcher(key).matches()) {
                    throw v.fail(path, "invalid " + kind.noun() + " name; a name matches " + NetworkReader.NAME.pattern());
                }
                v.checkKeys(v.map(node, path), path, kind == SecretSpec.Kind.SECRET ? SECRET_KEYS : CONFIG_KEYS);
            });
        }
    }

    /**
     * The interpolated declarations of {@code kind}: external ones refused, each with exactly one source, a file
     * that exists (relative paths against {@code baseDir}), an input that has a value.
     *
     * @throws SpecException at the bad key
     * @throws InputException for an input that has no value
     */
    static Map<String, SecretSpec> declarations(Map<String, Object> doc, SecretSpec.Kind kind, Path baseDir, Values v) {
        Map<String, SecretSpec> out = new LinkedHashMap<>();
        boolean config = kind == SecretSpec.Kind.CONFIG;
        String sources = config ? "file, environment or content" : "file or environment";
        v.map(doc.get(kind.key()), kind.key()).forEach((key, node) -> {
            String p = kind.key() + "." + key;
            Map<String, Object> m = v.map(node, p);
            if (v.bool(m.get("external"), p + ".external", false)) {
                throw v.fail(p + ".external", "external " + kind.key() + " exist only on a swarm; use " + sources);
            }
            String file = v.string(m.get("file"), p + ".file");
            String environment = v.string(m.get("environment"), p + ".environment");
            String content = config ? v.string(m.get("content"), p + ".content") : null;
            long given = java.util.stream.Stream.of(file, environment, content).filter(s -> s != null).count();
            if (given != 1) {
                throw v.fail(p, (given == 0 ? "no content; give " : "give only one of ") + sources);
            }
            if (file != null) {
                file = file(file, p + ".file", baseDir, v);
            }
            if (environment != null && v.variables().get(environment) == null) {
                throw new InputException(environment, "input '" + environment + "' is missing: it is the content of "
                        + kind.noun() + " '" + key + "' (" + p + ".environment); give it, or declare a default");
            }
            out.put(key, new SecretSpec(kind, key, v.string(m.get("name"), p + ".name"), file, environment, content));
        });
        return Collections.unmodifiableMap(out);
    }

    /** {@code file} made absolute against {@code baseDir}; it must be a regular file. */
    private static String file(String file, String path, Path baseDir, Values v) {
        if (file.isBlank()) {
            throw v.fail(path, "a file path is required");
        }
        Path abs = baseDir.resolve(HomePaths.expand(file, path, v)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw v.fail(path, "no file " + abs + (Files.exists(abs) ? " (it is not a regular file)" : "")
                    + "; a relative path is resolved against the spec's directory " + baseDir);
        }
        return abs.toString();
    }

    /**
     * A service's {@code secrets} or {@code configs}: names, or {@code {source, target, uid, gid, mode}} maps.
     *
     * @param declared the keys of the top-level declarations of {@code kind}
     */
    static List<SecretMount> mounts(Object node, String path, SecretSpec.Kind kind, Set<String> declared, Values v) {
        List<SecretMount> out = new ArrayList<>();
        List<Object> entries = v.list(node, path);
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "[" + i + "]";
            String source;
            String target = null;
            String uid = null;
            String gid = null;
            Integer mode = null;
            if (entries.get(i) instanceof Map<?, ?>) {
                Map<String, Object> m = v.map(entries.get(i), at);
                v.checkKeys(m, at, MOUNT_KEYS);
                source = v.requiredString(m.get("source"), at + ".source");
                target = v.string(m.get("target"), at + ".target");
                uid = id(m.get("uid"), at + ".uid", "user", v);
                gid = id(m.get("gid"), at + ".gid", "group", v);
                mode = mode(m.get("mode"), at + ".mode", v);
            } else {
                source = v.requiredString(entries.get(i), at);
            }
            if (!declared.contains(source)) {
                throw v.fail(at, "undefined " + kind.noun() + " '" + source + "'; declare it under the top-level "
                        + kind.key() + " (" + (declared.isEmpty() ? "none declared" : "declared: " + String.join(", ", declared)) + ")");
            }
            out.add(new SecretMount(kind, source, target(kind, source, target, at + ".target", v), uid, gid, mode));
        }
        return List.copyOf(out);
    }

    /** A numeric user or group id, as Compose takes them (names are not looked up); null when not given. */
    private static String id(Object node, String path, String what, Values v) {
        String s = v.string(node, path);
        if (s == null) {
            return null;
        }
        String id = s.strip();
        if (!id.matches("\\d{1,10}") || Long.parseLong(id) > Integer.MAX_VALUE) {
            throw v.fail(path, "invalid " + what + " id '" + s + "'; a numeric id from 0 to " + Integer.MAX_VALUE
                    + ", e.g. 1000 (a " + what + " name is not looked up)");
        }
        return Long.toString(Long.parseLong(id));
    }

    /**
     * Compose's octal {@code mode}: a YAML integer is taken as read (YAML 1.1 reads {@code 0440} as octal, 288), a
     * string as octal digits ({@code "0440"}, {@code "440"}, what interpolation gives); null when not given.
     */
    private static Integer mode(Object node, String path, Values v) {
        if (node == null) {
            return null;
        }
        String valid = "; a file mode in octal from 0 to 0777, e.g. 0440 (or the string \"0440\")";
        if (node instanceof Integer i) {
            if (i < 0 || i > 0777) {
                throw v.fail(path, "invalid mode " + i + " (octal " + Integer.toOctalString(i) + ")" + valid);
            }
            return i;
        }
        String s = v.string(node, path);
        String digits = s.strip();
        if (!digits.matches("0?[0-7]{1,3}|0o[0-7]{1,3}")) {
            throw v.fail(path, "invalid mode '" + s + "'" + valid);
        }
        return Integer.parseInt(digits.startsWith("0o") ? digits.substring(2) : digits, 8);
    }

    /** The absolute container path: a relative target under /run/secrets (secrets) or / (configs). */
    private static String target(SecretSpec.Kind kind, String source, String target, String path, Values v) {
        String t = target == null ? source : target;
        if (t.isBlank()) {
            throw v.fail(path, "a target path is required");
        }
        String abs = t.startsWith("/") ? t : (kind == SecretSpec.Kind.SECRET ? SECRETS_DIR : "/") + t;
        String normal = Path.of(abs).normalize().toString();
        if (normal.equals("/") || normal.equals("/run/secrets")) {
            throw v.fail(path, "invalid target '" + t + "'; it names a file, e.g. " + (kind == SecretSpec.Kind.SECRET
                    ? "db_password (mounted at /run/secrets/db_password)" : "/etc/app.conf"));
        }
        return normal;
    }

    /** The content of {@code s}: its file's bytes, its input's value, or its inline content (UTF-8). */
    static byte[] content(SecretSpec s, Variables variables) {
        if (s.file() != null) {
            try {
                return Files.readAllBytes(Path.of(s.file()));
            } catch (IOException e) {
                throw new SpecException(s.kind().key() + "." + s.key() + ".file", "cannot read " + s.file() + ": "
                        + e.getMessage(), e);
            }
        }
        String text = s.environment() != null ? variables.get(s.environment()) : s.content();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What to mask of the secrets' contents: each whole (stripped) and each of its lines, those of at least
     * {@value #SHORTEST_MASKED} characters; a secret read from a file or an input not declared secret is masked too.
     */
    static List<String> maskedParts(Collection<SecretSpec> secrets, Variables variables) {
        List<String> out = new ArrayList<>();
        for (SecretSpec s : secrets) {
            byte[] content = content(s, variables);
            if (content.length > LARGEST_MASKED) {
                continue;
            }
            String text = new String(content, StandardCharsets.UTF_8);
            List<String> parts = new ArrayList<>(text.lines().map(String::strip).toList());
            parts.add(text.strip());
            parts.stream().filter(part -> part.length() >= SHORTEST_MASKED).forEach(out::add);
        }
        return out;
    }
}
