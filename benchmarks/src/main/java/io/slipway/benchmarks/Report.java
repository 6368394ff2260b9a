package io.slipway.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's results: the machine, the rows and the targets; rendered as Markdown (one table per scenario,
 * each competitor's median divided by the raw Engine API's) and written as JSON.
 *
 * @param machine what the numbers came from
 * @param run when, how many rounds, the load average before and after
 * @param rows every measurement
 * @param targets the targets, judged
 */
public record Report(Map<String, String> machine, Map<String, String> run, List<Row> rows,
        List<Targets.Verdict> targets) {

    /** Whether every scenario that ran has at least one row with numbers. */
    public Set<String> scenariosWithoutNumbers() {
        Set<String> all = new LinkedHashSet<>();
        Set<String> measured = new LinkedHashSet<>();
        for (Row r : rows) {
            all.add(r.scenario());
            if (r.measured()) {
                measured.add(r.scenario());
            }
        }
        all.removeAll(measured);
        return all;
    }

    /** The scenarios that produced rows, in order. */
    public Set<String> scenarios() {
        Set<String> s = new LinkedHashSet<>();
        rows.forEach(r -> s.add(r.scenario()));
        return s;
    }

    /** Writes the JSON. */
    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine);
        doc.put("run", run);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario());
            m.put("group", r.group());
            m.put("competitor", r.competitor());
            m.put("metric", r.metric());
            m.put("unit", r.unit());
            if (r.measured()) {
                m.put("n", r.stats().n());
                m.put("min", r.stats().min());
                m.put("median", r.stats().median());
                m.put("max", r.stats().max());
                ratio(r).ifPresent(x -> m.put("ratioToRawApi", x));
            }
            m.put("baseline", r.baseline());
            m.put("note", r.note());
            out.add(m);
        }
        doc.put("rows", out);
        doc.put("targets", targets);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Slipway benchmarks\n\n");
        machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        run.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append('\n');
        for (String scenario : scenarios()) {
            sb.append("### ").append(scenario).append("\n\n");
            if (scenario.startsWith("6.")) {
                scaleTable(sb, scenario);
            } else {
                table(sb, scenario);
            }
            sb.append('\n');
        }
        sb.append("### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (Targets.Verdict v : targets) {
            sb.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ").append(v.verdict())
                    .append(" |\n");
        }
        return sb.toString();
    }

    private void table(StringBuilder sb, String scenario) {
        sb.append("| case | competitor | metric | min | median | max | × raw API | note |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            if (!r.scenario().equals(scenario)) {
                continue;
            }
            sb.append("| ").append(r.group()).append(" | ").append(r.baseline() ? "**" + r.competitor() + "**"
                    : r.competitor()).append(" | ").append(r.metric());
            if (r.measured()) {
                sb.append(" | ").append(num(r.stats().min(), r.unit())).append(" | ")
                        .append(num(r.stats().median(), r.unit())).append(" | ").append(num(r.stats().max(), r.unit()))
                        .append(" | ").append(ratio(r).map(x -> String.format(Locale.ROOT, "%.2f×", x)).orElse("–"));
            } else {
                sb.append(" | – | – | – | –");
            }
            sb.append(" | ").append(r.note().replace("|", "\\|")).append(" |\n");
        }
    }

    /** Scenario 6 pivoted: one line per size and competitor. */
    private void scaleTable(StringBuilder sb, String scenario) {
        sb.append("| services | competitor | apply min / median / max | × raw API | delete | threads before → peak → "
                + "after delete | fds before → peak → after delete | heap peak over before |\n");
        sb.append("|---:|---|---:|---:|---:|---|---|---:|\n");
        for (Row r : rows) {
            if (!r.scenario().equals(scenario) || !r.metric().equals(ScaleCurve.APPLY)) {
                continue;
            }
            sb.append("| ").append(r.group().replaceAll("[^0-9]", "")).append(" | ").append(r.competitor()).append(" | ");
            if (!r.measured()) {
                sb.append("– | – | – | – | – | – |\n");
                continue;
            }
            sb.append(num(r.stats().min(), "ms")).append(" / ").append(num(r.stats().median(), "ms")).append(" / ")
                    .append(num(r.stats().max(), "ms")).append(" | ")
                    .append(ratio(r).map(x -> String.format(Locale.ROOT, "%.2f×", x)).orElse("–")).append(" | ")
                    .append(med(r, ScaleCurve.DELETE, "ms")).append(" | ")
                    .append(med(r, ScaleCurve.THREADS_BASE, "count")).append(" → ")
                    .append(med(r, ScaleCurve.THREADS_PEAK, "count")).append(" → ")
                    .append(med(r, ScaleCurve.THREADS_AFTER, "count")).append(" | ")
                    .append(med(r, ScaleCurve.FDS_BASE, "count")).append(" → ")
                    .append(med(r, ScaleCurve.FDS_PEAK, "count")).append(" → ")
                    .append(med(r, ScaleCurve.FDS_AFTER, "count")).append(" | ")
                    .append(med(r, ScaleCurve.HEAP, "MB")).append(" |\n");
        }
    }

    private String med(Row apply, String metric, String unit) {
        return rows.stream().filter(r -> r.scenario().equals(apply.scenario()) && r.group().equals(apply.group())
                && r.competitor().equals(apply.competitor()) && r.metric().equals(metric) && r.measured())
                .map(r -> num(r.stats().median(), unit)).findFirst().orElse("–");
    }

    /** This row's median over its scenario's raw Engine API median for the same case and metric. */
    Optional<Double> ratio(Row r) {
        if (!r.measured()) {
            return Optional.empty();
        }
        return rows.stream().filter(b -> b.baseline() && b.measured() && b.scenario().equals(r.scenario())
                && b.group().equals(r.group()) && b.metric().equals(r.metric()) && b.stats().median() > 0)
                .findFirst().map(b -> r.stats().median() / b.stats().median());
    }

    private static String num(double v, String unit) {
        return switch (unit) {
            case "ms" -> String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
            case "MB" -> String.format(Locale.ROOT, "%.1f MB", v);
            default -> String.format(Locale.ROOT, "%.0f", v);
        };
    }
}
