package io.slipway.heat.group;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.heat.DeploymentName;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.Results;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool-agnostic group {@code slipway}: the item's config is a Slipway spec (Compose format with
 * {@code x-slipway}, a map or YAML text), launched by whichever backend the item names, so one template with
 * one parameter interface runs on {@code docker run}, Compose or a privileged atomic agent.
 *
 * <ul>
 * <li>Backend: the input {@value SlipwayInputs#LAUNCHER} (a config string), else {@code options.launcher}, else
 *     {@code SLIPWAY_LAUNCHER}, else {@code -Dslipway.launcher}, else {@code docker-run}.</li>
 * <li>Inputs: validated against {@code x-slipway.inputs} and converted from Heat's string forms
 *     ({@link SlipwayInputs}); {@code launcher} and {@code deploy_*} are reserved and usable in interpolation.</li>
 * <li>Deployment: the item's {@code name}, normalised ({@link DeploymentName}).</li>
 * <li>{@code deploy_action}: CREATE and UPDATE apply (an unchanged service is left alone), DELETE deletes,
 *     SUSPEND stops the deployment's containers, RESUME starts them again and applies, which waits for them.</li>
 * <li>Response: {@code deploy_stdout} one summary line per service, {@code deploy_stderr} each failure's reason
 *     and log tail, {@code deploy_status_code} 0 exactly when every service succeeded; every output the item
 *     declares that the spec's {@code x-slipway.outputs} provides, under the same name.</li>
 * </ul>
 */
public final class SlipwayGroup implements HookGroup {

    /** The group's name. */
    public static final String NAME = "slipway";
    /** The backend when neither the item nor {@code SLIPWAY_LAUNCHER} names one. */
    public static final String DEFAULT_LAUNCHER = Launchers.DEFAULT_BACKEND;

    private static final Logger LOG = LoggerFactory.getLogger(SlipwayGroup.class);

    private final Map<String, String> env;
    private final Properties props;

    /** The group, reading {@code SLIPWAY_LAUNCHER} from {@code env} and {@code slipway.launcher} from the system properties. */
    public SlipwayGroup(Map<String, String> env) {
        this(env, System.getProperties());
    }

    /** The group, reading {@code SLIPWAY_LAUNCHER} from {@code env} and {@code slipway.launcher} from {@code props}. */
    SlipwayGroup(Map<String, String> env, Properties props) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.props = Objects.requireNonNull(props, "props");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HookResponse run(HookItem item) {
        String action = item.action();
        String deployment = DeploymentName.of(item);
        String config = launcher(item);
        LaunchSpec spec = null;
        Inputs inputs = null;
        if (action.equals("CREATE") || action.equals("UPDATE") || action.equals("RESUME")) {
            spec = SpecText.parse(item, Path.of("").toAbsolutePath());
            inputs = SlipwayInputs.of(item, spec.inputs());
            spec.resolve(inputs); // every input checked before a backend is opened: nothing starts on bad input
        }
        try (ContainerLauncher launcher = Launchers.open(config)) {
            LOG.info("slipway hook: {} deployment '{}' with {}", action, deployment, launcher.backend());
            switch (action) {
                case "DELETE": {
                    int n = launcher.delete(deployment);
                    return HookResponse.of("deleted deployment '" + deployment + "' (" + n + " containers) with "
                            + launcher.backend(), "", 0);
                }
                case "SUSPEND": {
                    int n = launcher.suspend(deployment);
                    return HookResponse.of("suspended deployment '" + deployment + "' (" + n + " containers stopped) with "
                            + launcher.backend(), "", 0);
                }
                case "RESUME": {
                    int n = launcher.resume(deployment);
                    LOG.info("slipway hook: started {} containers of '{}'", n, deployment);
                    return response(item, launcher.apply(deployment, spec, inputs, Results.PROGRESS));
                }
                default:
                    return response(item, launcher.apply(deployment, spec, inputs, Results.PROGRESS));
            }
        }
    }

    /**
     * The backend's config string: input {@code launcher}, {@code options.launcher}, {@code SLIPWAY_LAUNCHER},
     * {@code -Dslipway.launcher}, docker-run ({@link Launchers#chooseConfig}, the rule of the API and the CLI).
     */
    String launcher(HookItem item) {
        Object fromOptions = item.options().get(SlipwayInputs.LAUNCHER);
        return Launchers.chooseConfig(env, props, item.text(SlipwayInputs.LAUNCHER),
                fromOptions instanceof String s ? s : null).orElse(DEFAULT_LAUNCHER);
    }

    /**
     * The hook's response for an apply: one summary line per service, each failure's reason and log tail (and
     * the tool's errors, when it failed), the status code, the declared outputs.
     */
    static HookResponse response(HookItem item, LaunchResult r) {
        String err = Results.failures(r);
        if (!r.succeeded() && !r.toolErrors().isBlank()) {
            err = Results.join(err, "--- " + r.backend() + " ---\n" + r.toolErrors().stripTrailing() + "\n");
        }
        return new HookResponse(Results.summary(r), err, r.deployStatusCode(), Results.declaredOutputs(item, r));
    }
}
