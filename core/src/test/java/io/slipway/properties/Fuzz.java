package io.slipway.properties;

import io.slipway.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The generators and the outcome check the property tests share. */
public final class Fuzz {

    private Fuzz() {
    }

    /** A spec file of the repository, with its directory (includes and extends resolve against it). */
    public record Seed(Path dir, String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Scalars that have tripped parsers before: YAML's odd forms, interpolation, numbers at the edges. */
    public static final List<String> ODD_SCALARS = List.of("~", "null", "", "''", "\"\"", "[]", "{}", "[a, 1, null]",
            "{a: b, c: [1, 2]}", "true", "no", "0", "-1", "65536", "99999999999999999999", "1e400", "0x1F", "0o17",
            ".inf", "-.nan", "1.5", "10s", "-5s", "1h30m", "1d", "${db_password}", "\"${db_password}\"",
            "${db_password}:8080", "127.0.0.1:${db_password}:80", "${db_password:-x}", "${db_password:?must be set}",
            "${db_password?}", "${missing:?is required}", "${", "${}", "${ x }", "$$", "$", "${a:-${b:-${db_password}}}",
            "&anchor x", "*anchor", "!!binary aGVsbG8=", "!!str 1", "!!python/object:os.system x", "!custom x",
            "<<: *anchor", "|\n  block", ">-", "'unterminated", "\"unterminated", "\"\\u0000\"", "\"\\uD800\"",
            "- - -", ": :", "? x", "#", "key: value: other", "{db_password}", "${db_password}/path",
            "/abs/path:/target:ro", "../../etc/passwd:/x", "80-70:80", "80:80/xyz", "service_healthy",
            "[\"CMD\", \"${db_password}\"]", "{file: missing.yaml, service: none}", "{condition: bogus}",
            "\u00e9\u00e8", "\t", "\\");

    /** A distinctive secret: a random part the generators cannot produce, in a few shapes (separators, digits only). */
    public static Arbitrary<String> secrets() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').numeric().ofLength(12);
        return Arbitraries.oneOf(
                part.map(p -> "Sekr" + p),
                Combinators.combine(part, part).as((p, q) -> "Sekr" + p + ":" + q + "@x"),
                Combinators.combine(part, part).as((p, q) -> "Sekr" + p + " " + q + "&" + q + "$$"),
                Arbitraries.strings().numeric().ofLength(14).map(d -> "9" + d),
                Combinators.combine(part, part).as((p, q) -> "Sekr" + p + "\n" + q + "=" + p));
    }

    /**
     * The distinctive pieces of {@code secret} that must never be shown: the whole, and every run of 8 or more
     * letters and digits in it (a message that shows one side of a split secret leaks that side).
     */
    public static List<String> pieces(String secret) {
        List<String> out = new ArrayList<>();
        out.add(secret);
        for (String p : secret.split("[^A-Za-z0-9]+")) {
            if (p.length() >= 8) {
                out.add(p);
            }
        }
        return out;
    }

    /** Random scalars: the odd ones, random strings, numbers, flow lists and maps. */
    public static Arbitrary<String> scalars() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(ODD_SCALARS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(12)
                        .withChars("abc019:/.-_${}[]@!&*?#|>'\" \t,=%\\~")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ODD_SCALARS).list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ODD_SCALARS).list().ofMaxSize(3)
                        .map(l -> "{" + String.join(", ", l.stream().map(s -> "k" + s.length() + ": " + s).toList()) + "}")));
    }

    /** Lists of 1 to {@code max} edits. */
    public static Arbitrary<List<Mutation>> mutations(int max) {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.class), Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 400), scalars()).as(Mutation::new).list().ofMinSize(1).ofMaxSize(max);
    }

    /** Every {@code .yaml}/{@code .yml} file under {@code roots} (relative to the repository root), as seeds. */
    public static List<Seed> seeds(String... roots) {
        Path repo = repositoryRoot();
        List<Seed> out = new ArrayList<>();
        for (String root : roots) {
            Path dir = repo.resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(f -> !f.toString().contains("/target/"))
                        .sorted()
                        .forEach(f -> out.add(new Seed(f.getParent(), repo.relativize(f).toString(), read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the nearest directory up from the working directory with a {@code mvnw}. */
    public static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    /**
     * Fails unless {@code t} is a documented Slipway exception whose message (and every cause's) shows no piece of
     * {@code secret}.
     */
    public static void checkFailure(Throwable t, String secret, String what) {
        checkFailure(t, secret, what, "");
    }

    /** {@link #checkFailure(Throwable, String, String)}, where pieces of the secret found in {@code publicText} do not count. */
    public static void checkFailure(Throwable t, String secret, String what, String publicText) {
        if (!(t instanceof SlipwayException)) {
            throw new AssertionError(what + " threw " + t.getClass().getName() + ", not a SlipwayException", t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            checkShown(String.valueOf(c.getMessage()), secret, what + " message of " + c.getClass().getSimpleName(), t,
                    publicText);
        }
    }

    /** Fails when {@code shown} contains a piece of {@code secret}. */
    public static void checkShown(String shown, String secret, String what, Throwable cause) {
        checkShown(shown, secret, what, cause, "");
    }

    /**
     * Fails when {@code shown} contains a piece of {@code secret} that {@code publicText} (the spec, the other inputs'
     * values) does not: a generated secret such as {@code 999999999999} is also part of a public {@code 99999999999999999999},
     * and showing that value is no leak.
     */
    public static void checkShown(String shown, String secret, String what, Throwable cause, String publicText) {
        if (shown == null || secret == null) {
            return;
        }
        for (String piece : pieces(secret)) {
            if (shown.contains(piece) && !publicText.contains(piece)) {
                throw new AssertionError(what + " shows the secret" + (piece.equals(secret) ? "" : " in part ('" + piece + "')")
                        + ": " + shown, cause);
            }
        }
    }
}
