package io.slipway.heat.group;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.SlipwayException;
import io.slipway.heat.DeploymentName;
import io.slipway.heat.HeatValues;
import io.slipway.heat.HookInput;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.Hooks;
import io.slipway.heat.Items;
import io.slipway.inputs.Inputs;
import io.slipway.internal.ConfigString;
import io.slipway.spec.LaunchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the Heat item parsers: deployment items (the examples' items, and items of the docker-compose and
 * docker-cmd groups) with random edits to their JSON tree or text, read by {@link HookItem#parse} and by each
 * group's parse steps (config, inputs, launcher), and answered by {@link Hooks#respond} with an inert backend. Every
 * outcome is a result or a documented {@link SlipwayException}; no message and no response shows a piece of a secret
 * input or of Heat's transport password. No engine is needed.
 */
class HeatItemPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "examples", "heat");
    private static final List<String> SEEDS = readSeeds();

    private static final List<Object> ODD = List.of("", "~", "None", "True", "[1, 2", "['a', 'b']", "{'a': 1}",
            "[{'file_name': 'a.env', 'content': 'X=1'}]", "(1, 2)", "u'x'", "b'x'", "r'x\\'", "'\\x4'", "'\\U0011FFFF'",
            "'\\uD800'", "1_000", "1e999999999", "-", "+", ".", "1..2", "0x10", "{'a': ", "'unterminated", "[" .repeat(4000),
            "(".repeat(3000), "{'a': ".repeat(2000), "[".repeat(60000), "({".repeat(30000), "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]", "a,b,,c",
            "{\"a\": [1, {\"b\": null}]}", "null", "true", "CREATE", "DELETE", "SUSPEND", "RESUME", "bogus", "compose",
            "docker-run:tcp://u:p@h", "inert-test?x=1", "${db_password}", "services: {web: {image: x}}",
            "web:\n  image: x\n  ports: [1]", 0, -1, 1.5, 1e300, Long.MAX_VALUE, true, false, List.of(), Map.of(),
            List.of("a", 1), Map.of("a", List.of(1)));

    private static List<String> readSeeds() {
        List<String> out = new ArrayList<>();
        for (String name : List.of("docker-run.json", "compose.json", "atomic.json")) {
            try {
                out.add(Files.readString(EXAMPLES.resolve("items").resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.add(Items.item("docker-compose", "c1", "web").config(Map.of("web", Map.of("image", "busybox",
                "env_file", List.of("a.env"), "environment", Map.of("PW", "${db_password}"))))
                .input("env_files", "[{'file_name': 'a.env', 'content': 'PW=${db_password}'}]").input("db_password", "PLACEHOLDER")
                .json());
        out.add(Items.item("docker-cmd", "d1", "cmd").config("web:\n  image: busybox\n  command: [sh, -c, 'echo $PW']\n"
                + "  environment: [PW=x]\n  start_order: 1\n  exit_codes: [0]\ntask:\n  action: exec\n  command: [web, ls]\n")
                .input("db_password", "PLACEHOLDER").json());
        return out;
    }

    /** An edit of the item's JSON tree: replace, delete, wrap or duplicate the {@code at}-th node. */
    record Edit(int op, int at, Object value) {
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void mutatedItemsParseOrFailWithSlipwayExceptions(@ForAll("seeds") String seed, @ForAll("edits") List<Edit> edits,
            @ForAll("secrets") String secret, @ForAll("secrets") String password) throws IOException {
        Object tree = JSON.readValue(withSecrets(seed, secret, password), Object.class);
        for (Edit e : edits) {
            tree = JSON.readValue(JSON.writeValueAsString(apply(tree, e)), Object.class); // mutable again
        }
        check(JSON.writeValueAsString(tree), secret, password);
    }

    @SuppressWarnings("unchecked")
    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void oddInputValuesAreReadOrRejected(@ForAll("seeds") String seed, @ForAll("indexes") List<Integer> at,
            @ForAll("values") List<Object> values, @ForAll("types") List<String> types, @ForAll("secrets") String secret,
            @ForAll("secrets") String password) throws IOException {
        Map<String, Object> tree = JSON.readValue(withSecrets(seed, secret, password), Map.class);
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) tree.get("inputs");
        for (int k = 0; k < at.size(); k++) {
            Map<String, Object> in = inputs.get(Math.floorMod(at.get(k), inputs.size()));
            in.put("value", values.get(k % values.size()));
            in.put("type", types.get(k % types.size()));
        }
        check(JSON.writeValueAsString(tree), secret, password);
    }

    @Provide
    Arbitrary<List<Integer>> indexes() {
        return Arbitraries.integers().between(0, 40).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Object>> values() {
        return Arbitraries.oneOf(Arbitraries.of(ODD), Arbitraries.strings().ofMaxLength(10)
                .withChars("ab1[]{}()'\",:=$ \\\n").map(x -> (Object) x)).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<String>> types() {
        return Arbitraries.of("String", "Number", "CommaDelimitedList", "Json", "Boolean", "bogus").list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void mutatedItemTextParsesOrFailsWithSlipwayExceptions(@ForAll("seeds") String seed, @ForAll("cuts") List<Integer> cuts,
            @ForAll("secrets") String secret, @ForAll("secrets") String password) {
        String text = withSecrets(seed, secret, password);
        for (int c : cuts) {
            int at = Math.floorMod(c, text.length() + 1);
            text = c % 2 == 0 ? text.substring(0, at) : text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + c % 7));
        }
        check(text, secret, password);
    }

    private static String withSecrets(String seed, String secret, String password) {
        String json = seed.replace("\"example-s3cret\"", JSON.valueToTree(secret).toString())
                .replace("\"PLACEHOLDER\"", JSON.valueToTree(secret).toString());
        // Heat's transport password, a derived input every item carries.
        return json.replaceFirst("\"inputs\"\\s*:\\s*\\[", java.util.regex.Matcher.quoteReplacement(
                "\"inputs\": [{\"name\": \"deploy_password\", \"type\": \"String\", \"value\": " + JSON.valueToTree(password) + "}, "));
    }

    private static void check(String text, String secret, String password) {
        PUBLIC.set(publicText(text, secret, password));
        HookItem item;
        try {
            item = HookItem.parse(text);
            shown(item.toString(), secret, password, null);
            item.inputs().forEach(i -> shown(i.toString(), secret, password, null));
        } catch (Throwable t) {
            failure(t, secret, password, "HookItem.parse");
            Statistics.label("parse").collect("failed");
            return;
        }
        Statistics.label("parse").collect("read");
        step(() -> item.action(), secret, password, "action");
        step(() -> DeploymentName.of(item), secret, password, "deployment name");
        step(() -> ConfigString.parse(new SlipwayGroup(Map.of()).launcher(item)), secret, password, "launcher");
        step(() -> {
            LaunchSpec spec = SpecText.parse(item, Path.of("").toAbsolutePath());
            Inputs inputs = SlipwayInputs.of(item, spec.inputs());
            shown(inputs.toString(), secret, password, null);
            return spec.resolve(inputs);
        }, secret, password, "slipway group");
        step(() -> DockerComposeGroup.document(item), secret, password, "docker-compose config");
        // The docker-compose group knows no declarations: its inputs are plain variables, shown by name only here.
        step(() -> DockerComposeGroup.inputs(item).names(), secret, password, "docker-compose inputs");
        step(() -> item.input(DockerComposeGroup.ENV_FILES).map(i -> HeatValues.structure(i.value(), "input 'env_files'")),
                secret, password, "env_files");
        for (HookInput in : item.inputs()) {
            step(() -> HeatValues.structure(in.value(), "input '" + in.name() + "'") == null, secret, password, "structure");
        }
        step(() -> DockerCmdGroup.containers(item), secret, password, "docker-cmd config");
        // The whole hook, on an inert backend: a response, never an unexpected error, no secret in it.
        Map<String, Object> tree = inert(text);
        if (tree != null) {
            try {
                HookResponse r = Hooks.respond("slipway", JSON.writeValueAsString(tree), Map.of("SLIPWAY_LAUNCHER", "inert-test"));
                if (r.deployStderr().startsWith("unexpected error")) {
                    throw new AssertionError("the hook failed unexpectedly: " + r.deployStderr());
                }
                shown(r.toJson(), secret, password, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The item with the inert backend named wherever an item may name one; null when it is no JSON object. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inert(String text) {
        Object tree;
        try {
            tree = JSON.readValue(text, Object.class);
        } catch (IOException e) {
            return null;
        }
        if (!(tree instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) m);
        if (item.get("inputs") instanceof List<?> inputs) {
            List<Object> kept = new ArrayList<>(inputs);
            kept.removeIf(i -> i instanceof Map<?, ?> in && "launcher".equals(in.get("name")));
            item.put("inputs", kept);
        } else if (item.get("inputs") instanceof Map<?, ?> byName) {
            Map<Object, Object> kept = new LinkedHashMap<>(byName);
            kept.remove("launcher");
            item.put("inputs", kept);
        }
        if (item.get("options") instanceof Map<?, ?> options) {
            Map<Object, Object> kept = new LinkedHashMap<>(options);
            kept.remove("launcher");
            item.put("options", kept);
        }
        return item;
    }

    private interface Step {
        Object run();
    }

    private static void step(Step s, String secret, String password, String what) {
        try {
            Object r = s.run();
            shown(String.valueOf(r), secret, password, null);
        } catch (Throwable t) {
            failure(t, secret, password, what);
        }
    }

    private static void failure(Throwable t, String secret, String password, String what) {
        if (t instanceof AssertionError a) {
            throw a;
        }
        if (!(t instanceof SlipwayException)) {
            throw new AssertionError(what + " threw " + t.getClass().getName() + ", not a SlipwayException", t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            shown(what + ": " + c.getMessage(), secret, password, t);
        }
    }

    /**
     * The item being checked with its secrets cut out, and the numbers it holds written out as a converter may write
     * them: a part of a secret found there (e.g. {@code 000000000000} in the number {@code 1e300}) is public, so its
     * appearance in an output proves nothing.
     */
    private static final ThreadLocal<String> PUBLIC = ThreadLocal.withInitial(() -> "");

    private static String publicText(String item, String secret, String password) {
        String cut = item.replace(secret, " ").replace(password, " ");
        StringBuilder out = new StringBuilder(cut);
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("[0-9][0-9_.eE+-]*").matcher(cut);
        while (number.find()) {
            try {
                java.math.BigDecimal n = new java.math.BigDecimal(number.group().replace("_", ""));
                if (n.precision() - n.scale() <= 1000) { // 1e999999999 is public too, but not worth writing out
                    out.append(' ').append(n.toPlainString());
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // not a number
            }
        }
        return out.toString();
    }

    private static void shown(String text, String secret, String password, Throwable cause) {
        for (String s : List.of(secret, password)) {
            List<String> pieces = new ArrayList<>(List.of(s));
            for (String p : s.split("[^A-Za-z0-9]+")) {
                if (p.length() >= 8 && !PUBLIC.get().contains(p)) {
                    pieces.add(p);
                }
            }
            for (String p : pieces) {
                if (text != null && text.contains(p)) {
                    throw new AssertionError("shows a secret" + (p.equals(s) ? "" : " in part ('" + p + "')") + ": " + text, cause);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object apply(Object tree, Edit e) {
        List<Object[]> nodes = new ArrayList<>(); // {parent, key or index}
        collect(tree, nodes);
        if (nodes.isEmpty()) {
            return e.value();
        }
        Object[] n = nodes.get(Math.floorMod(e.at(), nodes.size()));
        Object old = n[0] instanceof Map<?, ?> m ? m.get(n[1]) : ((List<Object>) n[0]).get((Integer) n[1]);
        Object replacement = switch (Math.floorMod(e.op(), 5)) {
            case 0 -> e.value();
            case 1 -> List.of(old == null ? "null" : old);
            case 2 -> old instanceof Map<?, ?> || old instanceof List<?> ? JSON.valueToTree(old).toString() : e.value();
            case 3 -> null;
            default -> old;
        };
        if (n[0] instanceof Map<?, ?> m) {
            Map<Object, Object> map = (Map<Object, Object>) m;
            if (Math.floorMod(e.op(), 5) == 4) {
                map.remove(n[1]);
            } else {
                map.put(n[1], replacement);
            }
        } else {
            List<Object> list = (List<Object>) n[0];
            if (Math.floorMod(e.op(), 5) == 4) {
                list.add((Integer) n[1], old);
            } else {
                list.set((Integer) n[1], replacement);
            }
        }
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Object[]> out) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                out.add(new Object[] {m, k});
                collect(m.get(k), out);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Object[] {l, i});
                collect(l.get(i), out);
            }
        }
    }

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.of(ODD),
                Arbitraries.strings().ofMaxLength(10).withChars("ab1[]{}()'\",:=$ \\\n").map(s -> (Object) s));
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 300), value)
                .as(Edit::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 5000).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> secrets() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').numeric().ofLength(12);
        return Arbitraries.oneOf(part.map(p -> "Sekr" + p),
                Combinators.combine(part, part).as((p, q) -> "Sekr" + p + ":" + q + "@x"),
                Combinators.combine(part, part).as((p, q) -> "Sekr" + p + "', '" + q + "\"]"));
    }
}
