package io.slipway.compose;

import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.wait.Check;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-shot tasks an apply leaves alone: their container already exited as their condition wants, and
 * Compose would not recreate it (its config hash, from {@code config --hash}, is the one on the container).
 * Compose's {@code up} starts every stopped container again, so without this a second apply would run a
 * migration twice; docker-run does not, and re-applying an unchanged spec must change nothing.
 */
final class FinishedTasks {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedTasks.class);

    private final ResolvedSpec spec;
    /** The containers of each service before the apply, in replica order. */
    private final Map<String, List<ComposeApply.Seen>> before;

    FinishedTasks(ResolvedSpec spec, Map<String, List<ComposeApply.Seen>> before) {
        this.spec = spec;
        this.before = before;
    }

    /**
     * The names of the tasks to leave alone (often none: then the tool is not even asked).
     *
     * @param tool runs a command of the tool
     */
    Set<String> find(ComposeCommand cmd, Function<ToolCommand, ToolResult> tool) {
        List<String> candidates = spec.services().stream().filter(ServiceSpec::oneshot).filter(this::done)
                .map(ServiceSpec::name).toList();
        if (candidates.isEmpty()) {
            return Set.of();
        }
        ToolResult r = tool.apply(cmd.configHash(candidates));
        if (!r.succeeded()) {
            // Then Compose decides alone, and runs them again: a wasted run, but no wrong result.
            LOG.debug("{} failed; finished tasks will run again: {}", r.command().what(), r.failure());
            return Set.of();
        }
        Map<String, String> hashes = hashes(r.stdout());
        Set<String> out = new TreeSet<>();
        for (String name : candidates) {
            if (before.get(name).stream().allMatch(seen -> seen.configHash().equals(hashes.get(name)))) {
                out.add(name);
            }
        }
        if (!out.isEmpty()) {
            LOG.debug("Tasks already finished and unchanged, left alone: {}", out);
        }
        return out;
    }

    /**
     * Whether the service's existing containers, one per replica (a new count is Compose's to apply), all finished as
     * its condition wants.
     */
    private boolean done(ServiceSpec s) {
        List<ComposeApply.Seen> seen = before.getOrDefault(s.name(), List.of());
        return !seen.isEmpty() && seen.size() == s.replicas() && seen.stream().allMatch(c -> c.state().status().isTerminal()
                && c.configHash() != null && s.waitCondition().check(io.slipway.wait.ContainerProbe.of(c.state()),
                        Duration.ZERO) instanceof Check.Succeeded);
    }

    /** {@code config --hash} output: one {@code service hash} per line. */
    static Map<String, String> hashes(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        output.lines().map(String::strip).map(l -> l.split("\\s+")).filter(p -> p.length == 2)
                .forEach(p -> out.put(p[0], p[1]));
        return out;
    }
}
