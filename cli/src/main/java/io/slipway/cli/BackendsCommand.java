package io.slipway.cli;

import io.slipway.ContainerLauncher;
import io.slipway.Launchers;
import io.slipway.inputs.Secret;
import io.slipway.spi.LauncherOption;
import io.slipway.spi.LauncherProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway backends}: every backend on the class path, with its options. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists the backends on the class path: name, aliases, description and options.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--detect", description = "Also open each backend with its defaults and show what it found "
            + "(engine, Compose tool, agent), or why it cannot open; slower, it connects.")
    private boolean detect;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LauncherProvider> providers = Launchers.available();
        if (providers.isEmpty()) {
            out.println("no backends found: add a backend module such as slipway-docker-run to the class path");
        }
        boolean first = true;
        for (LauncherProvider p : providers) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(p.name() + (p.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", p.aliases()) + ")")
                    + (p.acceptsTarget() ? "  [takes a target: " + p.name() + ":TARGET]" : ""));
            out.println("  " + p.description());
            if (detect) {
                out.println("  detected: " + detect(p));
            }
            if (p.options().isEmpty()) {
                out.println("  options: none");
                continue;
            }
            out.println("  options:");
            for (LauncherOption<?> o : p.options()) {
                out.println("    " + o.key() + " (" + describe(o) + ")");
                out.println("        " + o.description());
            }
        }
        List<String> problems = Launchers.problems();
        if (!problems.isEmpty()) {
            out.println();
            out.println("problems:");
            problems.forEach(p -> out.println("  " + p));
        }
        return SlipwayCommand.OK;
    }

    /** What {@code p} opened with its defaults finds, or why it cannot open. */
    private String detect(LauncherProvider p) {
        try (ContainerLauncher launcher = Launchers.open(p.name())) {
            return launcher.describeTool();
        } catch (RuntimeException e) {
            return "cannot open: " + e.getMessage();
        }
    }

    /** Type, choices and default, e.g. {@code duration; default: 30s} or {@code one of: always, never; default: always}. */
    static String describe(LauncherOption<?> o) {
        StringBuilder sb = new StringBuilder();
        if (o.type().isEnum() || (!o.choices().isEmpty() && o.type() != Boolean.class)) {
            sb.append("one of: ").append(String.join(", ", o.choices()));
        } else {
            sb.append(o.type().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
        if (o.secret()) {
            sb.append(", secret");
        }
        return sb.append("; default: ").append(defaultText(o)).toString();
    }

    private static String defaultText(LauncherOption<?> o) {
        if (o.defaultValue() == null) {
            return "none";
        }
        if (o.secret()) {
            return Secret.MASK;
        }
        if (o.defaultValue() instanceof Duration d) {
            return io.slipway.spec.Durations.format(d);
        }
        return o.defaultText();
    }
}
