package io.slipway.atomic;

import io.slipway.inputs.Variables;
import java.util.List;

/**
 * What the commands run in the agent printed, for {@code deploy_stdout}/{@code deploy_stderr}: each command
 * on one line as {@code [service] + argv   # what, exit N} (as atomic displays the command it runs), then
 * its output lines; its errors apart; secrets masked. Thread-safe.
 */
final class ToolLog {

    private final Variables variables;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    ToolLog(Variables variables) {
        this.variables = variables;
    }

    /** Records one command and what it printed. */
    synchronized void command(String service, String what, List<String> argv, CommandResult r) {
        String prefix = "[" + service + "] ";
        // One line per command: a newline inside a word is shown as \n.
        out.append(prefix).append("+ ").append(variables.mask(DefaultRunCommand.shellJoin(argv)).replace("\n", "\\n"))
                .append("   # ").append(what);
        out.append(r.exitCode() == CommandResult.NOT_FINISHED ? ", still running" : ", exit " + r.exitCode())
                .append('\n');
        lines(out, prefix, r.stdout());
        lines(err, prefix, r.stderr());
    }

    /** Records a note (e.g. atomic's warning about privileges, which atomic prints on stdout). */
    synchronized void note(String service, String text) {
        lines(out, "[" + service + "] ", text);
    }

    private void lines(StringBuilder sb, String prefix, String text) {
        for (String line : variables.mask(text).split("\n")) {
            if (!line.isBlank()) {
                sb.append(prefix).append(line.stripTrailing()).append('\n');
            }
        }
    }

    /** Everything the commands printed on stdout. */
    synchronized String stdout() {
        return out.toString();
    }

    /** Everything the commands printed on stderr. */
    synchronized String stderr() {
        return err.toString();
    }
}
