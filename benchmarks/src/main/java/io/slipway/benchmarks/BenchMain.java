package io.slipway.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The harness's command line ({@code scripts/bench.sh} runs it):
 * {@code [--smoke] [--rounds N] [--warmup N] [--services N] [--scale 1,10,50,100] [--scenarios 1,2,...]
 * [--repo DIR] [--out DIR]}. Prints the Markdown table on stdout, progress on stderr, and writes
 * {@code bench.json} and {@code bench.md} (or {@code bench-smoke.*}) under the output directory.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the harness; exits 2 on bad usage, 1 when a scenario produced no numbers. */
    public static void main(String[] args) throws Exception {
        BenchConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bench [--smoke] [--rounds N] [--warmup N] [--services N] [--scale 1,10,50,100] "
                    + "[--scenarios 1,2,3,4,5,6,7] [--repo DIR] [--out DIR]");
            System.exit(2);
            return;
        }
        Report report = new Harness(config, System.err).run();
        String name = config.smoke() ? "bench-smoke" : "bench";
        report.writeJson(config.out().resolve(name + ".json"));
        String md = report.markdown();
        Files.writeString(config.out().resolve(name + ".md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
        System.out.flush();
        System.err.println("bench: wrote " + config.out().resolve(name + ".json") + " and " + name + ".md");
        System.exit(report.scenariosWithoutNumbers().isEmpty() ? 0 : 1);
    }

    static BenchConfig parse(String[] args) {
        List<String> a = Arrays.asList(args);
        Path repo = Path.of(System.getProperty("slipway.repo", ".")).toAbsolutePath().normalize();
        Path out = null;
        boolean smoke = a.contains("--smoke");
        Integer rounds = null;
        Integer warmup = null;
        Integer services = null;
        List<Integer> scale = null;
        Set<Integer> scenarios = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--smoke" -> {
                }
                case "--rounds" -> rounds = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, arg));
                case "--services" -> services = positive(arg, value(args, ++i, arg));
                case "--scale" -> scale = ints(arg, value(args, ++i, arg));
                case "--scenarios" -> scenarios = Set.copyOf(ints(arg, value(args, ++i, arg)));
                case "--repo" -> repo = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--out" -> out = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (out == null) {
            out = repo.resolve("benchmarks/target");
        }
        BenchConfig c = smoke ? BenchConfig.smoke(repo, out) : BenchConfig.full(repo, out);
        c = c.withRounds(warmup != null ? warmup : c.warmup(), rounds != null ? rounds : c.rounds());
        c = c.withServices(services != null ? services : c.many(), scale != null ? scale : c.scale());
        if (scenarios != null) {
            if (!BenchConfig.ALL.containsAll(scenarios)) {
                throw new IllegalArgumentException("--scenarios takes numbers from 1 to 7");
            }
            c = c.withScenarios(scenarios);
        }
        return c;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int positive(String name, String text) {
        int v = Integer.parseInt(text);
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + v);
        }
        return v;
    }

    private static List<Integer> ints(String name, String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt).collect(Collectors.toList());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes comma-separated numbers, e.g. 1,10,50");
        }
    }
}
