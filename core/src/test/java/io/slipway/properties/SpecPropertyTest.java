package io.slipway.properties;

import io.slipway.inputs.InputDeclaration;
import io.slipway.inputs.Inputs;
import io.slipway.properties.Fuzz.Seed;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the spec parser: whatever text it is given (the repository's real specs with random edits, or
 * random YAML-ish text), parsing and resolving end in a result or a documented {@link io.slipway.SlipwayException},
 * never in an internal error; and no message, nor the result's {@code toString()}, shows a piece of a secret input.
 */
class SpecPropertyTest {

    private static final List<Seed> SEEDS = Fuzz.seeds("tck/src/main/resources/io/slipway/parity", "examples");

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void mutatedSpecsParseAndResolveOrFailWithSlipwayExceptions(@ForAll("seeds") Seed seed,
            @ForAll("edits") List<Mutation> edits, @ForAll("secrets") String secret, @ForAll("values") List<Object> values,
            @ForAll boolean strict) {
        check(seed, Mutation.apply(seed.text(), edits), secret, values, strict);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void randomDocumentsParseOrFailWithSlipwayExceptions(@ForAll("documents") String text,
            @ForAll("secrets") String secret, @ForAll("values") List<Object> values, @ForAll boolean strict) {
        check(SEEDS.get(0), text, secret, values, strict);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void secretInterpolatedAnywhereIsNeverShown(@ForAll("seeds") Seed seed, @ForAll @IntRange(min = 0, max = 400) int line,
            @ForAll("templates") String template, @ForAll("secrets") String secret, @ForAll("values") List<Object> values) {
        // The secret input declared, and used at a random place that holds a scalar, in a random form.
        String declared = declareSecret(seed.text());
        List<Integer> scalarLines = new java.util.ArrayList<>();
        String[] lines = declared.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*(- |[A-Za-z0-9_.\"-]+: )[^#{\\[|>].*")) {
                scalarLines.add(i);
            }
        }
        // A seed written in flow style only (such as a file other specs extend) has no line to put the secret on.
        Assume.that(!scalarLines.isEmpty());
        String text = new Mutation(Mutation.Kind.REPLACE_SCALAR, scalarLines.get(line % scalarLines.size()), 0, template)
                .apply(declared);
        check(seed, text, secret, values, false);
    }

    /** {@code text} declaring the secret input {@code db_password}. */
    private static String declareSecret(String text) {
        String decl = "    db_password: {type: string, secret: true}";
        if (text.matches("(?s).*\\n\\s*db_password:.*")) {
            return text;
        }
        if (text.matches("(?s)(.*\\n)?x-slipway:[ \\t]*\\n  inputs:[ \\t]*\\n.*")) {
            return text.replaceFirst("(?m)^  inputs:[ \\t]*$", "  inputs:\n" + decl);
        }
        if (text.matches("(?s)(.*\\n)?x-slipway:[ \\t]*\\n.*")) {
            return text.replaceFirst("(?m)^x-slipway:[ \\t]*$", "x-slipway:\n  inputs:\n" + decl);
        }
        return "x-slipway:\n  inputs:\n" + decl + "\n" + text;
    }

    private static void check(Seed seed, String text, String secret, List<Object> values, boolean strict) {
        // What is public anyway: a piece of the secret that is also part of these is no leak when shown.
        String pub = text + "\n" + values;
        LaunchSpec spec;
        try {
            spec = LaunchSpec.parse(text, seed.dir(), seed.name());
            spec.serviceNames();
            spec.composeDocument();
            spec.toString();
        } catch (Throwable t) {
            Fuzz.checkFailure(t, secret, "parse", pub);
            Statistics.label("outcome").collect("parse failed");
            return;
        }
        Inputs.Builder b = Inputs.builder().strict(strict);
        int k = 0;
        for (InputDeclaration d : spec.inputs()) {
            if (d.secret()) {
                b.secret(d.name(), secret);
            } else if (!values.isEmpty()) {
                b.put(d.name(), values.get(k++ % values.size()));
            }
        }
        if (spec.inputs().stream().noneMatch(d -> d.name().equals("db_password"))) {
            b.secret("db_password", secret);
        }
        Inputs inputs = b.build();
        Fuzz.checkShown(inputs.toString(), secret, "Inputs.toString()", null, pub);
        ResolvedSpec resolved;
        try {
            resolved = spec.resolve(inputs);
            for (ServiceSpec s : resolved.services()) {
                s.waitCondition().describe();
            }
        } catch (Throwable t) {
            Fuzz.checkFailure(t, secret, "resolve", pub);
            Statistics.label("outcome").collect("resolve failed");
            resolved = null;
        }
        if (resolved != null) {
            Statistics.label("outcome").collect("resolved");
            Fuzz.checkShown(resolved.toString(), secret, "ResolvedSpec.toString()", null, pub);
        }
        try {
            spec.withProfiles(List.of("*")).resolve(inputs);
        } catch (Throwable t) {
            Fuzz.checkFailure(t, secret, "resolve with every profile", pub);
        }
    }

    @Provide
    Arbitrary<Seed> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<List<Mutation>> edits() {
        return Fuzz.mutations(3);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Fuzz.secrets();
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of("${db_password}", "${db_password}:8080", "127.0.0.1:${db_password}:80", "['${db_password}']",
                "{a: '${db_password}'}", "\"${db_password}\"", "${db_password}/x:/y", "x:${db_password}:ro",
                "[CMD, '${db_password}']", "${db_password}s", "${db_password}:${db_password}", "/v:/${db_password}");
    }

    /** Input values of every JSON kind. */
    @Provide
    Arbitrary<List<Object>> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Fuzz.scalars().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(x -> (Object) x));
        Arbitrary<Object> structured = Arbitraries.oneOf(scalar.list().ofMaxSize(3).map(l -> (Object) l),
                scalar.map(v -> (Object) Map.of("k", v)));
        return Arbitraries.oneOf(scalar, structured).list().ofMaxSize(4);
    }

    /** Random YAML-ish documents: nested maps and lists of Compose keys and odd scalars, as block or flow text. */
    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> tree = Arbitraries.recursive(Fuzz::scalars, this::nested, 0, 5);
        return Arbitraries.oneOf(
                tree.map(t -> "services: " + t),
                tree.map(t -> "services:\n  web: " + t),
                tree.map(t -> "services:\n  web:\n    image: x\n    x-slipway: " + t),
                tree.map(t -> "x-slipway: " + t + "\nservices:\n  web: {image: x}"),
                tree,
                Arbitraries.strings().ofMaxLength(60).withChars("services:web image-[]{}\n\t ,'\"&*!|>$#x"));
    }

    private Arbitrary<String> nested(Arbitrary<String> inner) {
        Arbitrary<String> key = Arbitraries.of("image", "ports", "environment", "x-slipway", "wait", "inputs", "depends_on",
                "volumes", "healthcheck", "secrets", "deploy", "web", "db", "services", "type", "default", "1", "null");
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]"),
                net.jqwik.api.Combinators.combine(key, inner).as((k, v) -> k + ": " + v).list().ofMaxSize(3)
                        .map(l -> "{" + String.join(", ", l) + "}"));
    }
}
