package io.slipway.cli;

import io.slipway.heat.Hooks;
import io.slipway.heat.group.HookGroup;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipway hook install --dir DIR [--group G]... [--java PATH] [--classpath CP]}: writes one executable
 * script (0755) per group into a heat-config hooks directory ({@code /var/lib/heat-config/hooks}, or
 * {@code HEAT_CONFIG_HOOKS}). Each script execs {@code slipway hook GROUP} with absolute paths: the JVM and the
 * class path the installing command runs with (with {@code bin/slipway}, the shaded jar), so a hook needs no
 * PATH, no working directory and nothing of the shell that installed it. With the docker-cmd and docker-compose
 * groups it also writes their cleanup scripts, {@code 50-heat-config-GROUP} ({@code slipway hook cleanup GROUP}),
 * into {@code --cleanup-dir} (default: beside the hooks), as heat-agents ships them.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Writes executable heat-config hook scripts (docker-compose, docker-cmd, atomic, slipway) into DIR,"
                + " replacing files of the same name (e.g. heat-agents' hooks)."})
final class HookInstallCommand implements Callable<Integer> {

    /** The class every script runs. */
    static final String MAIN = SlipwayCommand.class.getName();

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "The hooks directory, e.g. /var/lib/heat-config/hooks (created if missing).")
    private Path dir;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "A group to install; repeatable. Default: all of docker-compose, docker-cmd, atomic, slipway.")
    private List<String> groups = new ArrayList<>();

    @Option(names = "--cleanup-dir", paramLabel = "DIR",
            description = {"Where the cleanup scripts 50-heat-config-docker-cmd and 50-heat-config-docker-compose go"
                    + " (written with those groups), e.g. os-refresh-config's configure.d. Default: DIR, beside the hooks."})
    private Path cleanupDir;

    @Option(names = "--java", paramLabel = "PATH",
            description = "The java executable the hooks run. Default: the one running this command, whose class"
                    + " archive (bin/slipway's) the hooks then start from too.")
    private Path java;

    @Option(names = "--classpath", paramLabel = "CP",
            description = "The class path the hooks run with. Default: this command's (the slipway jar).")
    private String classpath;

    @Override
    public Integer call() throws IOException {
        List<String> selected = groups.isEmpty() ? HookGroup.NAMES : groups;
        for (String g : selected) {
            if (!HookGroup.NAMES.contains(g)) {
                throw new UsageException("unknown hook group '" + g + "'; valid groups: " + HookCommand.groups());
            }
        }
        String javaPath = (java != null ? java : currentJava()).toAbsolutePath().toString();
        String cp = absolute(classpath != null ? classpath : System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        if (java == null || sameFile(java, currentJava())) {
            options.addAll(archiveOptions(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of())));
        }
        String jvm = quote(javaPath) + " " + String.join(" ", options.stream().map(HookInstallCommand::word).toList());
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        for (String g : selected) {
            Path hook = dir.resolve(g);
            Files.writeString(hook, script(g, jvm, cp), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            out.println("installed hook " + hook.toAbsolutePath());
        }
        Path cleanups = cleanupDir != null ? cleanupDir : dir;
        for (String g : selected) {
            if (Hooks.CLEANUP_GROUPS.contains(g)) {
                Files.createDirectories(cleanups);
                Path script = cleanups.resolve(cleanupName(g));
                Files.writeString(script, cleanupScript(g, jvm, cp), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                out.println("installed cleanup " + script.toAbsolutePath());
            }
        }
        return SlipwayCommand.OK;
    }

    /**
     * The options of every hook's JVM: C1 only and the serial collector for a run of a second or two, no perf-data
     * file, and the JVM's own messages on stderr, never on stdout, which carries the hook's one JSON object.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=warning:stderr");

    /**
     * The class archive this JVM runs with, as the options that use it ({@code bin/slipway}'s
     * {@code -XX:SharedArchiveFile} or {@code -XX:AOTCache}, each with the {@code -Xlog} that quiets the JVM's
     * messages about it), from this JVM's own options ({@code jvmArguments}: its command line after the executable,
     * up to the class path, jar or main class). A hook run by the same JVM starts from the same archive: a third
     * faster, since each item is a JVM of its own (BENCHMARKS.md). An archive belongs to the JVM that made it, so a
     * hook given another java gets none; one refused later (the JDK updated in place) only means a slower start.
     */
    static List<String> archiveOptions(List<String> jvmArguments) {
        List<String> out = new ArrayList<>();
        for (String a : jvmArguments) {
            if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")
                    || !a.startsWith("-")) {
                break;
            }
            if (a.startsWith("-XX:SharedArchiveFile=")) {
                out.addAll(List.of(a, "-Xlog:cds=off:stderr"));
            } else if (a.startsWith("-XX:AOTCache=")) {
                out.addAll(List.of(a, "-Xlog:aot=off,cds=off:stderr"));
            }
        }
        return out;
    }

    /** Whether {@code a} and {@code b} are the same file (false where either cannot be read). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The script for {@code group}: a POSIX shell that execs the JVM ({@code jvm}: java and its options, quoted). */
    static String script(String group, String jvm, String classpath) {
        return "#!/bin/sh\n"
                + "# heat-config hook for config group '" + group + "', written by 'slipway hook install'.\n"
                + "# The dispatcher runs it with no arguments and one deployment item as JSON on stdin; Slipway writes\n"
                + "# exactly one JSON object on stdout and logs on stderr.\n"
                + "exec " + jvm + " -cp " + quote(classpath) + " " + MAIN + " hook " + quote(group) + "\n";
    }

    /** The cleanup script's file name for {@code group}, as heat-agents names it: {@code 50-heat-config-GROUP}. */
    static String cleanupName(String group) {
        return "50-heat-config-" + group;
    }

    /** The cleanup script for {@code group}: execs {@code slipway hook cleanup GROUP}. */
    static String cleanupScript(String group, String jvm, String classpath) {
        return "#!/bin/sh\n"
                + "# heat-config cleanup for config group '" + group + "', written by 'slipway hook install'.\n"
                + "# Run it before the dispatcher (os-refresh-config's configure.d, as heat-agents' script of this name):\n"
                + "# it removes what belongs to deployments the dispatcher's file no longer lists.\n"
                + "exec " + jvm + " -cp " + quote(classpath) + " " + MAIN + " hook cleanup " + quote(group) + "\n";
    }

    /** The running JVM's java executable. */
    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Every entry of a class path made absolute (java -jar relative/slipway.jar gives a relative one). */
    static String absolute(String classpath) {
        List<String> out = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("the class path is empty; pass --classpath with the slipway jar");
        }
        return String.join(File.pathSeparator, out);
    }

    /** {@code s} as one sh word: as it is where no character is special to sh, else {@link #quote quoted}. */
    static String word(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c) || "-_+=:,./@%".indexOf(c) >= 0)
                ? s : quote(s);
    }

    /** {@code s} in single quotes for sh, with each {@code '} written as {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
