package io.slipway.benchmarks;

import java.util.List;

/** One of the harness's scenarios (issue 8's six, and the swarm's): runs its competitors side by side and returns their rows. */
interface Scenario {

    /** Its number, 1 to 7. */
    int number();

    /** Its title, e.g. {@code 1. One launch to running}. */
    String title();

    /** Runs it; what it starts it also removes. */
    List<Row> run(Bench b) throws Exception;
}
