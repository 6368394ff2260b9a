package io.slipway.dockerrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.slipway.DeploymentStatus.ServiceStatus;
import io.slipway.wait.ContainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which list entries {@link ListedStatus} answers alone, and what it says (the engine's texts: its State.String()). */
class ListedStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A list entry as Docker's {@code GET /containers/json} gives it. */
    private static Container listed(String state, String status, String... names) throws Exception {
        StringBuilder n = new StringBuilder("[");
        for (String name : names) {
            n.append(n.length() > 1 ? "," : "").append('"').append(name).append('"');
        }
        return JSON.readValue("{\"Id\":\"abc123\",\"Names\":" + n.append(']') + ",\"State\":\"" + state
                + "\",\"Status\":\"" + status + "\",\"Labels\":{\"io.slipway.service\":\"web\","
                + "\"io.slipway.config-hash\":\"h1\"}}", Container.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "running, Up 2 minutes, -",
        "running, Up Less than a second, -",
        "running, Up About an hour (healthy), healthy",
        "running, Up 5 seconds (unhealthy), unhealthy",
        "running, Up 3 seconds (health: starting), starting",
        "created, Created, -"})
    void answersRunningAndNeverStartedFromTheList(String state, String text, String health) throws Exception {
        ServiceStatus row = ListedStatus.row(listed(state, text, "/d-web"));
        assertEquals(new ServiceStatus("web", "abc123", "d-web", state, null, health, "h1"), row);
    }

    @ParameterizedTest
    @CsvSource({
        "running, Up 2 minutes, NONE",
        "running, Up About an hour (healthy), HEALTHY",
        "running, Up 5 seconds (unhealthy), UNHEALTHY",
        "running, Up 3 seconds (health: starting), STARTING"})
    void aRunningContainersStateForTheReapply(String state, String text, ContainerState.Health health)
            throws Exception {
        assertEquals(new ContainerState(ContainerState.Status.RUNNING, null, health, null, null, null),
                ListedStatus.running(listed(state, text, "/d-web")));
    }

    @ParameterizedTest
    @CsvSource({
        "created, Created",
        "exited, Exited (0) 2 hours ago",
        "paused, Up 2 minutes (Paused)",
        "restarting, Restarting (1) 2 seconds ago",
        "running, Up 2 minutes (something new)",
        "running, Exited (1) 1 second ago"})
    void noRunningStateWhereTheListDoesNotSayIt(String state, String text) throws Exception {
        assertNull(ListedStatus.running(listed(state, text, "/d-web")));
    }

    @ParameterizedTest
    @CsvSource({
        // the exit code is in the text, the health (unhealthy once a container with a healthcheck stopped) is not
        "exited, Exited (3) 5 seconds ago",
        "exited, Exited (0) 2 hours ago",
        "restarting, Restarting (1) 2 seconds ago",
        "paused, Up 2 minutes (Paused)",
        "dead, Dead",
        "removing, Removal In Progress",
        // a text this does not know, or a state and text that disagree (the list read as the state changed)
        "running, Up 2 minutes (something new)",
        "running, Exited (1) 1 second ago",
        "running, Created",
        "created, Up 1 second",
        "exited, Created"})
    void leavesTheRestToAnInspect(String state, String text) throws Exception {
        assertNull(ListedStatus.row(listed(state, text, "/d-web")));
    }

    @Test
    void theContainersOwnNameNotALinksAlias() throws Exception {
        assertEquals("d-web", ListedStatus.row(listed("running", "Up 1 second", "/d-db/web", "/d-web")).containerName());
        assertNull(ListedStatus.row(listed("running", "Up 1 second", "/d-db/web")));
        assertNull(ListedStatus.row(listed("running", "Up 1 second")));
        assertNull(ListedStatus.name(new String[] {"/a", "/b"}));
        assertArrayEquals(new String[] {"d-web"}, new String[] {ListedStatus.name(new String[] {"/d-web"})});
    }
}
