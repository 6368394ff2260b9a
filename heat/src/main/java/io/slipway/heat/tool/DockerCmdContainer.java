package io.slipway.heat.tool;

import io.slipway.heat.HeatValues;
import io.slipway.heat.HookException;
import io.slipway.heat.HookItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code docker-cmd} config: a container name mapped to a Compose-v1-style container config,
 * read with the keys and defaults heat-agents' {@code hook-docker-cmd.py} honours.
 *
 * @param key the container's name in the config (its {@code container_name} label)
 * @param action {@code run} (default) or {@code exec}
 * @param startOrder {@code start_order}, default 0; containers run in ascending order, ties in config order
 * @param exitCodes {@code exit_codes}, default {@code [0]}: the codes that count as success
 * @param detach {@code detach}, default true: run in the background ({@code docker run --detach})
 * @param image {@code image} ("" when missing: the run fails as {@code docker run} would)
 * @param command {@code command}: a list, or a string split at whitespace; for {@code exec} the first word is
 *        the container
 * @param environment {@code environment}: {@code KEY=VALUE} (or {@code KEY}, taken from the hook's environment)
 * @param envFiles {@code env_file}: one path or a list, relative to the hook's working directory
 * @param net {@code net}, the network mode, or null
 * @param pid {@code pid}, or null
 * @param privileged {@code privileged}, or null when not given
 * @param restart {@code restart}, or null
 * @param user {@code user}, or null
 * @param volumes {@code volumes}: {@code SRC:DST[:MODE]} or an anonymous {@code /path}
 * @param volumesFrom {@code volumes_from}
 * @param ignored keys this hook does not honour (heat-agents ignores them too); they are logged
 */
public record DockerCmdContainer(String key, String action, int startOrder, List<Integer> exitCodes, boolean detach,
        String image, List<String> command, List<String> environment, List<String> envFiles, String net, String pid,
        Boolean privileged, String restart, String user, List<String> volumes, List<String> volumesFrom,
        List<String> ignored) {

    /** The keys of a {@code run} entry. */
    public static final List<String> RUN_KEYS = List.of("action", "start_order", "exit_codes", "detach", "image", "command",
            "environment", "env_file", "net", "pid", "privileged", "restart", "user", "volumes", "volumes_from");
    /** The keys of an {@code exec} entry. */
    public static final List<String> EXEC_KEYS = List.of("action", "start_order", "exit_codes", "command", "privileged", "user");
    /** The actions. */
    static final List<String> ACTIONS = List.of("run", "exec");

    /**
     * Reads the entry {@code key} of the config.
     *
     * @throws HookException naming the bad field, e.g. {@code config.web.exit_codes}, and what it must be
     */
    public static DockerCmdContainer of(String key, Object node) {
        String path = "config." + key;
        if (!(node instanceof Map<?, ?> m)) {
            throw new HookException(path + ": expected a map of container settings but was " + HookItem.kind(node));
        }
        String action = m.get("action") == null ? "run" : string(m.get("action"), path + ".action");
        if (!ACTIONS.contains(action)) {
            throw new HookException(path + ".action: unknown action '" + action + "'; valid actions: "
                    + String.join(", ", ACTIONS));
        }
        List<String> valid = action.equals("run") ? RUN_KEYS : EXEC_KEYS;
        List<String> ignored = new ArrayList<>();
        m.keySet().forEach(k -> {
            if (!valid.contains(String.valueOf(k))) {
                ignored.add(String.valueOf(k));
            }
        });
        List<String> command = command(m.get("command"), path + ".command");
        if (action.equals("exec") && command.isEmpty()) {
            throw new HookException(path + ".command: an exec needs a command whose first word is the container, "
                    + "e.g. [web, /bin/ls, -l]");
        }
        return new DockerCmdContainer(key, action, integer(m.get("start_order"), path + ".start_order", 0),
                exitCodes(m.get("exit_codes"), path + ".exit_codes"), bool(m.get("detach"), path + ".detach", true),
                m.get("image") == null ? "" : string(m.get("image"), path + ".image"), command,
                environment(m.get("environment"), path + ".environment"), strings(m.get("env_file"), path + ".env_file"),
                optional(m.get("net"), path + ".net"), optional(m.get("pid"), path + ".pid"),
                m.get("privileged") == null ? null : bool(m.get("privileged"), path + ".privileged", false),
                optional(m.get("restart"), path + ".restart"), optional(m.get("user"), path + ".user"),
                strings(m.get("volumes"), path + ".volumes"), strings(m.get("volumes_from"), path + ".volumes_from"),
                List.copyOf(ignored));
    }

    /** Whether this entry runs a container (rather than executing in one). */
    public boolean runs() {
        return action.equals("run");
    }

    private static List<String> command(Object node, String path) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof String s) {
            return List.of(s.strip().isEmpty() ? new String[0] : s.strip().split("\\s+")); // Python's str.split()
        }
        return strings(node, path);
    }

    private static List<String> environment(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            List<String> out = new ArrayList<>();
            m.forEach((k, v) -> out.add(v == null ? String.valueOf(k) : k + "=" + HeatValues.text(v)));
            return out;
        }
        return strings(node, path);
    }

    /** A string or a list of scalars; empty entries are skipped, as heat-agents skips falsy ones. */
    private static List<String> strings(Object node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof String s) {
            if (!s.isEmpty()) {
                out.add(s);
            }
            return out;
        }
        if (!(node instanceof List<?> list)) {
            throw new HookException(path + ": expected a string or a list of strings but was " + HookItem.kind(node));
        }
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (e == null || "".equals(e)) {
                continue;
            }
            if (e instanceof Map<?, ?> || e instanceof List<?>) {
                throw new HookException(path + "[" + i + "]: expected a string but was " + HookItem.kind(e));
            }
            out.add(HeatValues.text(e));
        }
        return out;
    }

    private static List<Integer> exitCodes(Object node, String path) {
        if (node == null) {
            return List.of(0);
        }
        List<Integer> out = new ArrayList<>();
        for (Object e : node instanceof List<?> l ? l : List.of(node)) {
            out.add(integer(e, path, 0));
        }
        return out;
    }

    private static int integer(Object node, String path, int dflt) {
        if (node == null) {
            return dflt;
        }
        if (node instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        if (node instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new HookException(path + ": expected an integer but was " + describe(node));
    }

    private static boolean bool(Object node, String path, boolean dflt) {
        if (node == null) {
            return dflt;
        }
        Boolean b = HeatValues.bool(node);
        if (b == null) {
            throw new HookException(path + ": expected true or false but was " + describe(node));
        }
        return b;
    }

    private static String optional(Object node, String path) {
        return node == null ? null : string(node, path);
    }

    private static String string(Object node, String path) {
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return HeatValues.text(node);
        }
        throw new HookException(path + ": expected a string but was " + HookItem.kind(node));
    }

    private static String describe(Object node) {
        return node instanceof String s ? "'" + s + "'" : HookItem.kind(node);
    }
}
