package io.slipway.spec;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The syntax of values the engine checks only when it creates the container: {@code devices}, {@code cap_add},
 * {@code cap_drop} and {@code security_opt}. Checked when the spec is bound, so a wrong value fails the apply before
 * anything starts, rather than after the services before it already run.
 */
final class EngineValues {

    /** Linux's capabilities (capability(7)), as the engine names them without {@code CAP_}. */
    static final Set<String> CAPABILITIES = Set.of("AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF",
            "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER",
            "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE",
            "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT",
            "SYS_CHROOT", "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE",
            "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

    /** {@code r}, {@code w} and {@code m}, each at most once. */
    private static final Pattern DEVICE_PERMISSIONS = Pattern.compile("(?!.*(.).*\\1)[rwm]{1,3}");
    /** The options {@code docker run --security-opt} knows, each with its value's form. */
    private static final List<String> SECURITY_OPT_FORMS = List.of("label=user:USER", "label=role:ROLE",
            "label=type:TYPE", "label=level:LEVEL", "label=disable", "apparmor=PROFILE", "seccomp=PROFILE",
            "seccomp=unconfined", "no-new-privileges[:true|false]", "systempaths=unconfined");
    private static final List<String> LABEL_VALUES = List.of("user:", "role:", "type:", "level:", "filetype:");

    private EngineValues() {
    }

    /** {@code devices}: {@code HOST[:CONTAINER[:PERMISSIONS]]} or {@code HOST:PERMISSIONS}, paths absolute. */
    static void devices(List<String> entries, String path, Values v) {
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String[] parts = entry.split(":", -1);
            String at = path + "[" + i + "]";
            String form = "; write HOST[:CONTAINER[:PERMISSIONS]] with absolute paths and permissions of r, w and m, "
                    + "e.g. /dev/fuse:/dev/fuse:rwm";
            if (parts.length > 3) {
                throw v.fail(at, "invalid device '" + entry + "'" + form);
            }
            if (!parts[0].startsWith("/")) {
                throw v.fail(at, "invalid device '" + entry + "': the host path '" + parts[0] + "' is not absolute" + form);
            }
            String container = parts.length > 1 ? parts[1] : null;
            String permissions = parts.length > 2 ? parts[2] : null;
            if (parts.length == 2 && DEVICE_PERMISSIONS.matcher(container).matches()) {
                permissions = container; // HOST:PERMISSIONS, as docker run reads it
                container = null;
            }
            if (container != null && !container.startsWith("/")) {
                throw v.fail(at, "invalid device '" + entry + "': the container path '" + container
                        + "' is not absolute" + form);
            }
            if (permissions != null && !DEVICE_PERMISSIONS.matcher(permissions).matches()) {
                throw v.fail(at, "invalid device '" + entry + "': permissions '" + permissions
                        + "' are not a combination of r, w and m" + form);
            }
        }
    }

    /** {@code cap_add}/{@code cap_drop}: a capability, with or without {@code CAP_}, in any case; or {@code ALL}. */
    static void capabilities(List<String> names, String path, Values v) {
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).toUpperCase(Locale.ROOT);
            if (n.equals("ALL") || CAPABILITIES.contains(n.startsWith("CAP_") ? n.substring(4) : n)) {
                continue;
            }
            throw v.fail(path + "[" + i + "]", "unknown capability '" + names.get(i) + "'; valid: ALL or one of "
                    + new TreeSet<>(CAPABILITIES) + " (with or without CAP_)");
        }
    }

    /** {@code security_opt}: the forms {@code docker run --security-opt} takes ({@code KEY=VALUE} or {@code KEY:VALUE}). */
    static void securityOpts(List<String> opts, String path, Values v) {
        for (int i = 0; i < opts.size(); i++) {
            String opt = opts.get(i);
            if (!validSecurityOpt(opt)) {
                throw v.fail(path + "[" + i + "]", "invalid security option '" + opt + "'; valid: "
                        + String.join(", ", SECURITY_OPT_FORMS) + " (':' for '=' too)");
            }
        }
    }

    private static boolean validSecurityOpt(String opt) {
        if (opt.equals("no-new-privileges")) {
            return true;
        }
        int eq = opt.indexOf('=');
        int colon = opt.indexOf(':');
        int split = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        if (split <= 0) {
            return false;
        }
        String key = opt.substring(0, split);
        String value = opt.substring(split + 1);
        return switch (key) {
            case "no-new-privileges" -> value.equals("true") || value.equals("false");
            case "systempaths" -> value.equals("unconfined");
            case "apparmor", "seccomp" -> !value.isEmpty();
            case "label" -> value.equals("disable") || value.equals("nested")
                    || LABEL_VALUES.stream().anyMatch(p -> value.startsWith(p) && value.length() > p.length());
            default -> false;
        };
    }
}
