package io.slipway.atomic;

import io.slipway.engine.EngineOptions;
import io.slipway.spi.LauncherOption;
import java.time.Duration;
import java.util.List;

/**
 * The options of the {@code atomic} backend ({@code atomic[:ENGINE][?key=value...]}). The target and the
 * engine options ({@code api-version}, {@code tls-verify}, {@code cert-path}) are those of docker-run.
 */
public final class AtomicOptions {

    /** Environment variable giving {@code agent-image} when the config string does not. */
    public static final String AGENT_IMAGE_ENV = "SLIPWAY_AGENT_IMAGE";

    /** {@code agent-image=acme/agent:1}: the agent's image; it needs a docker CLI on PATH, nothing else. */
    public static final LauncherOption<String> AGENT_IMAGE = LauncherOption.string("agent-image", null,
            "image of the privileged agent; needs a docker CLI on PATH (default: env " + AGENT_IMAGE_ENV + ")");
    /** {@code agent-name=slipway-agent}: the agent container's name, shared by every deployment. */
    public static final LauncherOption<String> AGENT_NAME = LauncherOption.string("agent-name", "slipway-agent",
            "name of the agent container");
    /** {@code privileged-agent=true}: the explicit permission to run a privileged agent; required. */
    public static final LauncherOption<Boolean> PRIVILEGED_AGENT = LauncherOption.bool("privileged-agent", false,
            "allow the privileged agent (--privileged, host network and PID, engine socket and / mounted); must be true");
    /** {@code compat-2015=true}: also substitute CONFDIR, LOGDIR and DATADIR, as atomic did in 2015. */
    public static final LauncherOption<Boolean> COMPAT_2015 = LauncherOption.bool("compat-2015", false,
            "also substitute $CONFDIR=/etc/NAME, $LOGDIR=/var/log/NAME, $DATADIR=/var/lib/NAME in label commands");
    /** {@code remove-agent=true}: {@code delete} removes the agent too, once the deployment is gone. */
    public static final LauncherOption<Boolean> REMOVE_AGENT = LauncherOption.bool("remove-agent", false,
            "delete removes the agent container as well");
    /** {@code host-dirs=/srv/app,/etc/app}: host directories mounted into the agent at the same paths. */
    public static final LauncherOption<String> HOST_DIRS = LauncherOption.string("host-dirs", null,
            "comma-separated absolute host directories mounted into the agent at the same paths, for label "
                    + "commands whose docker CLI reads files itself (--env-file, docker cp); / is always at /host");
    /** {@code agent-timeout=60s}: how long the agent may take to answer {@code docker version}. */
    public static final LauncherOption<Duration> AGENT_TIMEOUT = LauncherOption.duration("agent-timeout",
            Duration.ofSeconds(60), "how long the agent may take to become ready");
    /** {@code command-timeout=5m}: how long one label command (or docker run, pull) in the agent may take. */
    public static final LauncherOption<Duration> COMMAND_TIMEOUT = LauncherOption.duration("command-timeout",
            Duration.ofMinutes(5), "how long one command in the agent may take (INSTALL, RUN, pull, ...)");

    /** Every option, in the order {@code slipway backends} lists them. */
    static final List<LauncherOption<?>> ALL = List.of(AGENT_IMAGE, AGENT_NAME, PRIVILEGED_AGENT, COMPAT_2015,
            REMOVE_AGENT, HOST_DIRS, AGENT_TIMEOUT, COMMAND_TIMEOUT, EngineOptions.ON_FAILURE, EngineOptions.API_VERSION,
            EngineOptions.CONTEXT, EngineOptions.TLS_VERIFY, EngineOptions.CERT_PATH, EngineOptions.LOCK_TIMEOUT);

    private AtomicOptions() {
    }
}
