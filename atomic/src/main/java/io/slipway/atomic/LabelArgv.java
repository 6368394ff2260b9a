package io.slipway.atomic;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A label command as the agent runs it: substituted ({@link Substitution}), its first word {@code docker}
 * (or a path ending in {@code /docker}, as atomic-era labels write {@code /usr/bin/docker}) being the agent's
 * docker CLI from its PATH. Also atomic's warning when a command asks for privileges (Atomic/backends/_docker.py
 * {@code check_args}).
 */
final class LabelArgv {

    private static final Logger LOG = LoggerFactory.getLogger(LabelArgv.class);

    private LabelArgv() {
    }

    /**
     * The argv of {@code label} with {@code sub}'s variables.
     *
     * @throws IllegalArgumentException when the label is not well quoted
     */
    static List<String> of(Substitution sub, String label) {
        List<String> argv = new ArrayList<>(sub.argv(label));
        if (!argv.isEmpty() && argv.get(0).startsWith("/") && argv.get(0).endsWith("/docker")) {
            argv.set(0, "docker");
        }
        return argv;
    }

    /** A one-line reason for a command that did not succeed. */
    static String failed(String what, CommandResult r) {
        String line = r.lastLine();
        if (r.exitCode() == CommandResult.NOT_FINISHED) {
            return what + " did not finish in time" + (line.isEmpty() ? "" : "; last output: " + line);
        }
        return what + " exited with code " + r.exitCode() + (line.isEmpty() ? "" : ": " + line);
    }

    /**
     * The privileges {@code argv} asks for, in atomic's words; empty when none. Checks {@code --privileged},
     * {@code --cap-add}, {@code --security-opt label=disable}, and host network, PID and IPC namespaces.
     */
    static List<String> privileges(List<String> argv) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            String next = i + 1 < argv.size() ? argv.get(i + 1) : "";
            if (a.equals("--privileged") || a.equals("--privileged=true")) {
                found.add("--privileged: the container runs without separation, as root on the host");
            } else if (a.equals("--cap-add") || a.startsWith("--cap-add=")) {
                found.add("--cap-add: added capabilities can let processes break out onto the host");
            } else if ((a.equals("--security-opt") && next.matches("label[:=]disable"))
                    || a.matches("--security-opt=label[:=]disable")) {
                found.add("--security-opt label=disable: SELinux label separation is off");
            } else {
                for (String ns : new String[] {"net", "network", "pid", "ipc"}) {
                    if (a.equals("--" + ns + "=host") || (a.equals("--" + ns) && next.equals("host"))) {
                        found.add("--" + ns + "=host: the container shares the host's "
                                + (ns.startsWith("net") ? "network" : ns.toUpperCase(java.util.Locale.ROOT)) + " namespace");
                    }
                }
            }
        }
        return found;
    }

    /** Logs (and notes in the tool errors) what privileges a label command asks for, as atomic prints them. */
    static void warn(String service, String what, List<String> argv, ToolLog tool) {
        List<String> p = privileges(argv);
        if (!p.isEmpty()) {
            String text = "the " + what + " uses privileged security switches: " + String.join("; ", p);
            LOG.warn("Service '{}': {}", service, text);
            tool.note(service, "warning: " + text);
        }
    }
}
