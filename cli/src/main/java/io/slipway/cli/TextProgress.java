package io.slipway.cli;

import io.slipway.Outcome;
import io.slipway.ServiceResult;
import java.io.PrintWriter;

/** Progress for people, on stderr: a line per start, wait, build line and outcome, as Slipway always printed it. */
final class TextProgress implements Progress {

    private final PrintWriter err;
    private final String deployment;
    private final boolean logsOfSucceeded;

    TextProgress(PrintWriter err, String deployment, boolean logsOfSucceeded) {
        this.err = err;
        this.deployment = deployment;
        this.logsOfSucceeded = logsOfSucceeded;
    }

    @Override
    public boolean logsOfSucceeded() {
        return logsOfSucceeded;
    }

    @Override
    public void started(String action, String backend) {
        String verb = switch (action) {
            case "delete" -> "deleting";
            case "plan" -> "planning";
            default -> "applying";
        };
        err.println(verb + " " + deployment + " with " + backend + "...");
    }

    @Override
    public void done(String status, String text) {
        // The result on stdout says it.
    }

    @Override
    public void waiting(String service, String containerName, String condition) {
        err.println("  " + service + ": waiting for " + condition + " (container " + containerName + ")");
    }

    @Override
    public void building(String service, String line) {
        err.println("  " + service + ": build | " + line);
    }

    @Override
    public void finished(ServiceResult s) {
        err.println("  " + s.name() + ": " + s.outcome() + " after " + Elapsed.show(s.duration())
                + (s.changed() || s.outcome() != Outcome.SUCCEEDED ? "" : " (unchanged)"));
    }
}
