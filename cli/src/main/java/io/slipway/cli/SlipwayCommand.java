package io.slipway.cli;

import io.slipway.LauncherConfigException;
import io.slipway.SlipwayException;
import io.slipway.inputs.InputException;
import io.slipway.spec.SpecException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code slipway} command: {@code backends}, {@code apply}, {@code plan}, {@code delete}, {@code status}, {@code hook}.
 *
 * <p>{@link #main} runs it on the process's streams and environment; {@link #run} runs it on any, for
 * tests and embedding. Exit codes are {@link #OK}, {@link #FAILED} and {@link #USAGE}.
 */
@Command(name = "slipway", mixinStandardHelpOptions = true, versionProvider = SlipwayCommand.Version.class,
        description = "Launches containers from a Compose-format spec with any Slipway backend.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every service succeeded", "1:a service failed or timed out, or the backend could not be reached",
                "2:bad usage, or an invalid spec, input or backend config (nothing was started)",
                "3:plan (or apply --dry-run) only: the apply would change something"})
public final class SlipwayCommand implements Callable<Integer> {

    /** Every service succeeded (or the command did what it was asked). */
    public static final int OK = 0;
    /** A service failed or timed out, or the backend could not be reached. */
    public static final int FAILED = 1;
    /** Bad usage, or an invalid spec, input or backend config: nothing was started. */
    public static final int USAGE = 2;
    /** {@code plan}: the apply would change something ({@code terraform plan -detailed-exitcode}'s 2). */
    public static final int CHANGES = 3;

    /**
     * The subcommands, in the order the usage lists them. Added by {@link #build}, not by the annotation: picocli
     * builds the model of every command it is given (its classes load outside the class archive, BENCHMARKS.md), so a
     * run of one names only that one.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(BackendsCommand.class, ApplyCommand.class,
            PlanCommand.class, DeleteCommand.class, StatusCommand.class, HookCommand.class);

    private final Map<String, String> env;
    private final Streams streams;

    @Spec
    private CommandSpec spec;

    /** A command reading the process environment. */
    public SlipwayCommand() {
        this(System.getenv());
    }

    /** A command reading {@code env} instead of the process environment (for {@code SLIPWAY_LAUNCHER}). */
    public SlipwayCommand(Map<String, String> env) {
        this(env, new Streams(System.in, System.out, System.err));
    }

    private SlipwayCommand(Map<String, String> env, Streams streams) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.streams = streams;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs the command line on the given streams and environment, without exiting; {@code slipway hook} reads
     * the process's stdin.
     *
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, System.in, out, err, env);
    }

    /**
     * Runs the command line on the given streams and environment, without exiting.
     *
     * @param in what {@code slipway hook} reads (the deployment item)
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        try {
            return build(new SlipwayCommand(env, new Streams(in, out, err)), args.length == 0 ? null : args[0])
                    .setExecutionExceptionHandler(SlipwayCommand::handle).setOut(o).setErr(e).execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The configured picocli command line, before its streams are set. */
    public static CommandLine commandLine(Map<String, String> env) {
        return build(new SlipwayCommand(env), null).setExecutionExceptionHandler(SlipwayCommand::handle);
    }

    /**
     * The command line with every subcommand, or with only the one named {@code first} (the first argument) when it
     * names one: the rest of the arguments can only go to that one, and its usage and errors do not show its
     * siblings. Anything else ({@code --help}, a typo, nothing) gets all of them, for the full usage and picocli's
     * suggestions.
     */
    static CommandLine build(SlipwayCommand root, String first) {
        CommandLine cl = new CommandLine(root);
        boolean named = first != null
                && SUBCOMMANDS.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(first));
        for (Class<?> c : SUBCOMMANDS) {
            if (!named || c.getAnnotation(Command.class).name().equals(first)) {
                cl.addSubcommand(c);
            }
        }
        return cl;
    }

    /** The environment the command reads. */
    Map<String, String> env() {
        return env;
    }

    /** The raw streams, for {@code slipway hook}, which must own stdout byte for byte. */
    Streams streams() {
        return streams;
    }

    /** The process streams the command runs on. */
    record Streams(InputStream in, PrintStream out, PrintStream err) {
    }

    /** Without a subcommand: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: backends, apply, plan, delete, status or hook");
    }

    /**
     * Maps an exception out of a subcommand to a message on stderr and an exit code: an invalid spec,
     * input or config (nothing was started) is {@link #USAGE}; anything else is {@link #FAILED}.
     */
    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof InputException || ex instanceof SpecException || ex instanceof LauncherConfigException
                || ex instanceof UsageException) {
            err.println("slipway " + cl.getCommandName() + ": " + ex.getMessage());
            return USAGE;
        }
        if (ex instanceof SlipwayException) {
            err.println("slipway " + cl.getCommandName() + ": " + ex.getMessage());
            return FAILED;
        }
        err.println("slipway " + cl.getCommandName() + ": unexpected error: " + ex);
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        if (root.getCommand() instanceof SlipwayCommand s && s.env.containsKey("SLIPWAY_DEBUG")) {
            ex.printStackTrace(err);
        } else {
            err.println("(set SLIPWAY_DEBUG=1 for the stack trace)");
        }
        return FAILED;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SlipwayCommand.class.getPackage().getImplementationVersion();
            return new String[] {"slipway " + (v == null ? "(development build)" : v)};
        }
    }
}
