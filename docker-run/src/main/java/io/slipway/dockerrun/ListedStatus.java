package io.slipway.dockerrun;

import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentStatus.ServiceStatus;
import io.slipway.engine.Labels;
import io.slipway.wait.ContainerState;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code status} row from Docker's container list alone, where the list says all the row would say after an
 * inspect; {@link DockerRunLauncher#status} inspects the rest. An inspect per container was most of a
 * {@code slipway status} of 50 (BENCHMARKS.md, "status of 50").
 *
 * <p>Docker's list gives the state, and a status text made from the same state an inspect reads
 * ({@code container.State.String()} in the engine): {@code Up 2 minutes}, {@code Up 2 minutes (healthy)},
 * {@code Up 3 seconds (health: starting)}, {@code Exited (3) 5 seconds ago}, {@code Created}. Only two cases are
 * answered from it:
 * <ul>
 *   <li>{@code running} with an {@code Up ...} text: the text shows the health whenever the container has a health
 *       state (no health there: no healthcheck), and a running container has no exit code on the row;</li>
 *   <li>{@code created} with the text {@code Created}: never started, so no health state yet (the engine makes it
 *       when the container starts) and no exit code on the row.</li>
 * </ul>
 * Everything else needs the inspect: an exited container's text has its exit code but not its health (a container
 * with a healthcheck that stopped is {@code unhealthy}), a restarting or paused one's text has no health either,
 * a dead one's no exit code, and any text this does not know (another engine version's wording) is not guessed at.
 * Podman's list is not used (its texts are its own); its rows all come from inspects.
 */
final class ListedStatus {

    private static final Pattern UP = Pattern.compile("Up [^()]+?(?: \\((healthy|unhealthy|health: starting)\\))?");

    private ListedStatus() {
    }

    /** The row for {@code c} from the list alone, or null where only an inspect can say it right. */
    static ServiceStatus row(Container c) {
        String name = name(c.getNames());
        String state = c.getState();
        String text = c.getStatus();
        if (name == null || state == null || text == null || c.getLabels() == null) {
            return null;
        }
        String health;
        if (state.equals("running")) {
            ContainerState s = running(c);
            if (s == null) {
                return null;
            }
            health = health(s.health());
        } else if (state.equals("created") && text.equals("Created")) {
            health = null;
        } else {
            return null;
        }
        return new ServiceStatus(c.getLabels().get(Labels.SERVICE), c.getId(), name, state, null, health,
                c.getLabels().get(Labels.CONFIG_HASH));
    }

    /**
     * The state of a running container from the list alone (status and health, nothing else: no start time, no last
     * probe), or null where the list does not say it in the form {@link #row} reads. An unchanged re-apply decides
     * with it that a kept container already meets its wait condition, without inspecting it.
     */
    static ContainerState running(Container c) {
        if (!"running".equals(c.getState()) || c.getStatus() == null) {
            return null;
        }
        Matcher m = UP.matcher(c.getStatus());
        if (!m.matches()) {
            return null;
        }
        ContainerState.Health health = m.group(1) == null ? ContainerState.Health.NONE
                : switch (m.group(1)) {
                    case "healthy" -> ContainerState.Health.HEALTHY;
                    case "unhealthy" -> ContainerState.Health.UNHEALTHY;
                    default -> ContainerState.Health.STARTING;
                };
        return new ContainerState(ContainerState.Status.RUNNING, null, health, null, null, null);
    }

    /** A status row's health: the engine's word for it, or null for a container without a healthcheck. */
    static String health(ContainerState.Health h) {
        return h == ContainerState.Health.NONE ? null : h.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The container's own name from the list's names ({@code /web}), not one a legacy link gave it
     * ({@code /other/alias}); null when there is not exactly one.
     */
    static String name(String[] names) {
        String found = null;
        if (names == null) {
            return null;
        }
        for (String n : names) {
            if (n != null && n.startsWith("/") && n.indexOf('/', 1) < 0 && n.length() > 1) {
                if (found != null) {
                    return null;
                }
                found = n.substring(1);
            }
        }
        return found;
    }
}
