package io.slipway.heat;

import io.slipway.LauncherConfigException;
import io.slipway.SlipwayException;
import io.slipway.heat.group.DockerCmdGroup;
import io.slipway.heat.group.DockerComposeGroup;
import io.slipway.heat.group.HookGroup;
import io.slipway.inputs.InputException;
import io.slipway.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook entry point, as heat-config's dispatcher ({@code 55-heat-config}) runs a hook: no arguments but the
 * group (the installed script supplies it), one deployment item as JSON on stdin, exactly one JSON object on
 * stdout, exit code 0 even when the tool failed (the failure travels in {@code deploy_status_code}).
 *
 * <p>Nothing but that object reaches stdout: while the group runs, {@link System#out} is pointed at stderr, so
 * a library or a tool that prints (a container id, a progress line) cannot corrupt the response; logs go to
 * stderr. Every failure (unknown group, unparseable stdin, an invalid config or input, an unreachable engine,
 * an unexpected error) still yields the object, with a non-zero {@code deploy_status_code} and the reason in
 * {@code deploy_stderr}: {@link #INVALID} when the item could not be acted on (nothing was started),
 * {@link #FAILED} otherwise.
 *
 * <pre>{@code
 * echo '{"id": "1", "name": "web", "group": "slipway", "config": {...}, "inputs": [...]}' | slipway hook slipway
 * }</pre>
 */
public final class Hooks {

    /** {@code deploy_status_code} for an item that could not be acted on: nothing was started. */
    public static final int INVALID = 2;
    /** {@code deploy_status_code} for a failure while acting: the tool or engine failed, or an unexpected error. */
    public static final int FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    private Hooks() {
    }

    /** Runs the hook of group {@code args[0]} on the process's streams and environment, and exits. */
    public static void main(String[] args) {
        System.exit(run(args.length > 0 ? args[0] : null, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Reads one item from {@code stdin}, runs {@code group} on it and writes the response to {@code stdout}.
     *
     * @param group the hook group, e.g. {@code docker-cmd}; null or unknown yields a failure response
     * @param stdout receives the response and nothing else
     * @param stderr receives whatever would otherwise have gone to {@link System#out} meanwhile
     * @param env the environment the groups read ({@code HEAT_*}, {@code SLIPWAY_LAUNCHER}, {@code DOCKER_HOST})
     * @return 0 once the response is written; 1 only when stdout could not be written
     */
    public static int run(String group, InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env) {
        PrintStream systemOut = System.out;
        HookResponse response;
        System.setOut(stderr);
        try {
            String text;
            try {
                text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = null;
                LOG.warn("Cannot read stdin: {}", e.toString());
            }
            response = respond(group, text, env);
        } finally {
            System.setOut(systemOut);
        }
        stdout.print(response.toJson());
        stdout.flush();
        return stdout.checkError() ? 1 : 0;
    }

    /**
     * The response of {@code group} to the item in {@code stdinText}; never throws. Transport secrets of the
     * item are masked in it.
     */
    public static HookResponse respond(String group, String stdinText, Map<String, String> env) {
        HookItem item = null;
        HookResponse response;
        try {
            item = HookItem.parse(stdinText);
            HookGroup hook = HookGroup.named(group, env);
            LOG.info("{} hook: {} of deployment '{}' (config {})", hook.name(), actionOf(item), item.name(), item.id());
            response = hook.run(item);
        } catch (HookException | InputException | SpecException | LauncherConfigException e) {
            response = HookResponse.failure(INVALID, message(e));
        } catch (UnsupportedOperationException | SlipwayException e) {
            response = HookResponse.failure(FAILED, message(e));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Unexpected hook failure", e);
            response = HookResponse.failure(FAILED, "unexpected error: " + e);
        }
        if (item != null) {
            response = response.masked(item::mask);
        }
        if (response.deployStatusCode() != 0) {
            LOG.warn("{} hook: deploy_status_code {}: {}", group, response.deployStatusCode(),
                    response.deployStderr().lines().findFirst().orElse(""));
        }
        return response;
    }

    /** The groups that have a cleanup script, as heat-agents ships one ({@code 50-heat-config-GROUP}). */
    public static final java.util.List<String> CLEANUP_GROUPS = java.util.List.of(DockerCmdGroup.NAME, DockerComposeGroup.NAME);

    /**
     * The cleanup script of {@code group} ({@code slipway hook cleanup GROUP}, installed as
     * {@code 50-heat-config-GROUP}), as heat-agents' os-refresh-config runs it before the dispatcher: removes what
     * belongs to deployments the dispatcher's file ({@code HEAT_SHELL_CONFIG}) no longer lists. Logs on stderr.
     *
     * @return 0, also when something could not be removed (it is logged); 2 for a group without one
     */
    public static int cleanup(String group, Map<String, String> env) {
        PrintStream systemOut = System.out;
        System.setOut(System.err);
        try {
            if (DockerCmdGroup.NAME.equals(group)) {
                return new DockerCmdGroup(env).configure();
            }
            if (DockerComposeGroup.NAME.equals(group)) {
                return new DockerComposeGroup(env).configure();
            }
            LOG.error("no cleanup for group '{}'; groups with one: {}", group, String.join(", ", CLEANUP_GROUPS));
            return INVALID;
        } finally {
            System.setOut(systemOut);
        }
    }

    private static String actionOf(HookItem item) {
        try {
            return item.action();
        } catch (HookException e) {
            return "an unknown action";
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
