package io.slipway.benchmarks;

import java.util.List;

/** One of the six scenarios: runs its competitors side by side and returns their rows. */
interface Scenario {

    /** Its number, 1 to 6. */
    int number();

    /** Its title, e.g. {@code 1. One launch to running}. */
    String title();

    /** Runs it; what it starts it also removes. */
    List<Row> run(Bench b) throws Exception;
}
