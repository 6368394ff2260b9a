package io.slipway.spi;

import io.slipway.ContainerLauncher;
import io.slipway.DeploymentNames;
import io.slipway.DeploymentPlan;
import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.ServiceResult;
import io.slipway.inputs.Inputs;
import io.slipway.inputs.Secret;
import io.slipway.inputs.Variables;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The apply skeleton every backend shares (a template method). Its final {@link #apply(String, LaunchSpec, Inputs,
 * LaunchListener) apply} does, in this order, what each backend used to repeat:
 * <ol>
 * <li>checks the deployment name ({@link DeploymentNames#requireValid}), so a bad name fails before anything else;
 * <li>{@linkplain LaunchSpec#resolve resolves} the spec with the inputs, so a missing, mistyped or unknown input
 *     ({@link io.slipway.inputs.InputException}) or an unresolvable spec ({@link io.slipway.spec.SpecException})
 *     fails before the backend starts anything;
 * <li>guards the listener: what it throws is logged and dropped, so a listener can never break an apply;
 * <li>calls the backend's own step, {@link #launch}, with the resolved deployment;
 * <li>reads the declared outputs from the services' results ({@link ResolvedSpec#outputValues}) and masks every
 *     secret value in what goes out (reasons, logs, outputs, tool output), even one the backend forgot.
 * </ol>
 *
 * <p>A backend extends it, implements {@link #launch}, {@link #status}, {@link #delete} and {@link #close}, and
 * overrides {@link #suspend}, {@link #resume} and {@link #planLaunch} when it can. {@code slipway-tck}'s contracts check the result.
 */
public abstract class AbstractLauncher implements ContainerLauncher {

    /** For subclasses. */
    protected AbstractLauncher() {
    }

    /** {@link #apply(String, LaunchSpec, Inputs, LaunchListener)} with no listener. */
    @Override
    public final LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs) {
        return apply(deployment, spec, inputs, LaunchListener.NONE);
    }

    @Override
    public final LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs, LaunchListener listener) {
        DeploymentNames.requireValid(deployment);
        Objects.requireNonNull(spec, "spec");
        ResolvedSpec resolved = spec.resolve(inputs);
        Applied applied = launch(new ResolvedDeployment(deployment, spec, resolved),
                GuardedListener.of(listener == null ? LaunchListener.NONE : listener));
        Objects.requireNonNull(applied, () -> getClass().getName() + ".launch returned null");
        Variables variables = resolved.variables();
        List<ServiceResult> services = applied.services().stream().map(r -> masked(r, variables)).toList();
        Map<String, Object> outputs = new LinkedHashMap<>();
        resolved.outputValues(services).forEach((k, v) -> outputs.put(k, v instanceof String s ? variables.mask(s) : v));
        return new LaunchResult(deployment, backend(), services, outputs, variables.mask(applied.toolOutput()),
                variables.mask(applied.toolErrors()));
    }

    /**
     * What {@link #apply(String, LaunchSpec, Inputs)} would do: the same checks first (the deployment's name, the spec
     * resolved with the inputs, so invalid input fails here as it would there), then the backend's {@link #planLaunch};
     * the resolved inputs are added, each secret one masked.
     */
    @Override
    public final DeploymentPlan plan(String deployment, LaunchSpec spec, Inputs inputs) {
        DeploymentNames.requireValid(deployment);
        Objects.requireNonNull(spec, "spec");
        ResolvedSpec resolved = spec.resolve(inputs);
        DeploymentPlan p = planLaunch(new ResolvedDeployment(deployment, spec, resolved));
        Objects.requireNonNull(p, () -> getClass().getName() + ".planLaunch returned null");
        Variables variables = resolved.variables();
        Map<String, String> shown = new java.util.TreeMap<>();
        variables.asMap().forEach((k, v) -> shown.put(k, variables.isSecret(k) ? Secret.MASK : variables.mask(v)));
        return new DeploymentPlan(deployment, backend(), masked(p.services(), variables),
                masked(p.networks(), variables), masked(p.volumes(), variables), masked(p.secrets(), variables),
                p.builds(), shown);
    }

    /**
     * The backend's plan of {@code deployment}, read as its {@link #launch} would read it, changing nothing. The
     * inputs of the returned plan are ignored ({@link #plan} fills them in).
     *
     * @throws UnsupportedOperationException when this backend cannot plan (the default), naming it
     */
    protected DeploymentPlan planLaunch(ResolvedDeployment deployment) {
        throw new UnsupportedOperationException("backend '" + backend() + "' cannot plan deployment '"
                + deployment.name() + "': it does not implement ContainerLauncher.plan");
    }

    private static List<DeploymentPlan.Change> masked(List<DeploymentPlan.Change> changes, Variables variables) {
        return changes.stream().map(c -> new DeploymentPlan.Change(c.name(), c.action(), c.changed(),
                variables.mask(c.reason()))).toList();
    }

    /**
     * The backend's own step: makes the deployment's running services match {@code deployment.resolved()}, as
     * {@link ContainerLauncher#apply(String, LaunchSpec, Inputs)} describes. The name is valid and the spec resolved
     * already. Checks of what this backend cannot honour belong at its start, before anything is started.
     *
     * @param deployment the deployment's name, its spec and the spec resolved with the inputs
     * @param listener where to report progress; it never throws
     * @return one result per service of the spec, in the spec's order, and the tool's output if any
     * @throws io.slipway.spec.SpecException when this backend cannot honour the spec (nothing was started)
     * @throws io.slipway.SlipwayException when the tool cannot be reached at all
     */
    protected abstract Applied launch(ResolvedDeployment deployment, LaunchListener listener);

    private static ServiceResult masked(ServiceResult r, Variables variables) {
        if (!variables.hasSecrets()) {
            return r;
        }
        return new ServiceResult(r.name(), r.outcome(), r.containerId(), r.containerName(), r.exitCode(),
                variables.mask(r.reason()), variables.mask(r.logs()), r.duration(), r.changed(),
                r.replicas().stream().map(p -> masked(p, variables)).toList());
    }

    /**
     * What {@link AbstractLauncher#launch} asks the backend to apply.
     *
     * @param name the deployment's name, already checked ({@link DeploymentNames})
     * @param spec the spec as given (for backends that read its source, e.g. to hand files to a tool)
     * @param resolved the spec resolved with the inputs: what to launch
     */
    public record ResolvedDeployment(String name, LaunchSpec spec, ResolvedSpec resolved) {

        /** Checks that nothing is null. */
        public ResolvedDeployment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(resolved, "resolved");
        }
    }

    /**
     * What the backend's step returns: its services' results, from which {@link AbstractLauncher} reads the outputs
     * and builds the {@link LaunchResult}.
     *
     * @param services one result per service of the spec, in the spec's order
     * @param toolOutput what a separate launching tool printed on stdout (else empty)
     * @param toolErrors what a separate launching tool printed on stderr (else empty)
     */
    public record Applied(List<ServiceResult> services, String toolOutput, String toolErrors) {

        /** Copies the list; null tool output becomes empty. */
        public Applied {
            services = List.copyOf(services);
            toolOutput = toolOutput == null ? "" : toolOutput;
            toolErrors = toolErrors == null ? "" : toolErrors;
        }

        /** Results of a backend with no separate tool. */
        public static Applied of(List<ServiceResult> services) {
            return new Applied(services, "", "");
        }
    }
}
