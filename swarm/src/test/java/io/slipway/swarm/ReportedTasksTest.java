package io.slipway.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which task speaks for each place in a service's result, from tasks as the engine lists them. */
class ReportedTasksTest {

    private static Task task(String id, Integer slot, String node, String state) throws Exception {
        String json = "{\"ID\":\"" + id + "\"" + (slot == null ? "" : ",\"Slot\":" + slot)
                + (node == null ? "" : ",\"NodeID\":\"" + node + "\"") + ",\"Status\":{\"State\":\"" + state + "\"}}";
        return new ObjectMapper().readValue(json, Task.class);
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::getId).toList();
    }

    @Test
    void theFailedTaskStandsForItsSlotWhileItsReplacementIsNotYetOnANode() throws Exception {
        Task failed = task("old", 1, "n1", "failed");
        Task replacement = task("new", 1, null, "new");
        Task other = task("two", 2, "n1", "running");
        assertEquals(List.of("old", "two"), ids(ServiceTasks.reported(List.of(replacement, other), failed)));
    }

    @Test
    void theFailedTaskStandsForItsSlotWhenItsReplacementRunsOnAnotherNode() throws Exception {
        Task failed = task("old", 2, "n1", "failed");
        assertEquals(List.of("one", "old"), ids(ServiceTasks.reported(
                List.of(task("one", 1, "n1", "running"), task("new", 2, "n2", "starting")), failed)));
    }

    @Test
    void aGlobalServicesFailedTaskStandsForItsNodeOnly() throws Exception {
        Task failed = task("old", null, "n1", "failed");
        assertEquals(List.of("b", "old"), ids(ServiceTasks.reported(
                List.of(task("a", null, "n1", "starting"), task("b", null, "n2", "running")), failed)));
    }

    @Test
    void withoutAFailureTheNewestTasksAreReported() throws Exception {
        List<Task> newest = List.of(task("a", 1, "n1", "running"));
        assertEquals(List.of("a"), ids(ServiceTasks.reported(newest, null)));
    }
}
