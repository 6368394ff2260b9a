package io.slipway;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;

/**
 * One backend, opened with {@link Launchers#open(String)}: it maps a spec's inputs to its tool, runs the
 * tool and waits for success. Thread-safe; close it to release connections (containers keep running).
 *
 * <pre>{@code
 * try (ContainerLauncher launcher = Launchers.open("docker-run")) {
 *     LaunchResult r = launcher.apply("shop", LaunchSpec.parse(Path.of("stack.yaml")), inputs);
 *     if (!r.succeeded()) throw new IllegalStateException(r.describe());
 * }
 * }</pre>
 */
public interface ContainerLauncher extends AutoCloseable {

    /** The provider name of this backend, e.g. {@code docker-run}. */
    String backend();

    /**
     * What this launcher drives, as it found it when it opened, for people to read: e.g.
     * {@code docker-compose 1.29.2 (v1) at /usr/bin/docker-compose, chosen by binary=auto} or
     * {@code Docker Engine 20.10.24 at unix:///var/run/docker.sock, API 1.41}. {@code slipway status} and
     * {@code slipway backends --detect} show it. The default is the backend's name.
     */
    default String describeTool() {
        return backend();
    }

    /**
     * Makes the deployment's running services match {@code spec}: validates and maps {@code inputs},
     * starts what is new or changed, removes what the spec no longer has, and waits for every service's
     * condition. Idempotent: an unchanged service is left as it is.
     *
     * @param deployment the deployment's name: letters, digits, '_', '.', '-'; it owns what it starts
     * @return the outcome of every service; a failure is a result, not an exception
     * @throws io.slipway.inputs.InputException when inputs do not fit the spec (nothing was started)
     * @throws io.slipway.spec.SpecException when the spec cannot be resolved or this backend cannot honour it
     * @throws SlipwayException when the tool cannot be reached at all
     */
    LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs);

    /**
     * {@link #apply(String, LaunchSpec, Inputs)}, reporting progress to {@code listener} as it happens.
     * Backends that can report while they wait override this; the default reports every outcome at the end.
     */
    default LaunchResult apply(String deployment, LaunchSpec spec, Inputs inputs, LaunchListener listener) {
        LaunchResult result = apply(deployment, spec, inputs);
        result.services().forEach(listener::finished);
        return result;
    }

    /**
     * What {@link #apply(String, LaunchSpec, Inputs)} would do with the same arguments, without doing it: nothing is
     * created, started, pulled, built or removed, and no secret file is written. Answered from the same source as the
     * apply (the config hash and labels of what the deployment owns), so an apply right after, with nothing else
     * changing the host in between, does what the plan says.
     *
     * @param deployment the deployment's name, as for {@code apply}
     * @return what the apply would create, replace, leave and remove; holds no secret value
     * @throws io.slipway.inputs.InputException when inputs do not fit the spec
     * @throws io.slipway.spec.SpecException when the spec cannot be resolved or this backend cannot honour it
     * @throws SlipwayException when the tool cannot be reached at all
     * @throws UnsupportedOperationException when this backend cannot plan (the default), naming it
     */
    default DeploymentPlan plan(String deployment, LaunchSpec spec, Inputs inputs) {
        throw new UnsupportedOperationException("backend '" + backend() + "' cannot plan deployment '" + deployment
                + "': it does not implement ContainerLauncher.plan");
    }

    /** What the deployment owns now, read from the backend (labels), not from memory. */
    DeploymentStatus status(String deployment);

    /** Removes everything the deployment owns, and nothing else. Returns how many containers were removed. */
    int delete(String deployment);

    /**
     * Stops every running container the deployment owns, keeping them (and their config) so that
     * {@link #resume} can start them again. Heat's {@code SUSPEND}.
     *
     * @return how many containers were stopped
     * @throws UnsupportedOperationException when this backend cannot suspend (the default), naming it
     */
    default int suspend(String deployment) {
        throw new UnsupportedOperationException("backend '" + backend() + "' cannot suspend deployment '" + deployment
                + "': it does not implement ContainerLauncher.suspend");
    }

    /**
     * Starts again the containers of the deployment's long-running services that are not running, as
     * {@link #suspend} left them; one-shot tasks that already ran are not run again. Heat's {@code RESUME}.
     * An {@link #apply} afterwards waits for their conditions.
     *
     * @return how many containers were started
     * @throws UnsupportedOperationException when this backend cannot resume (the default), naming it
     */
    default int resume(String deployment) {
        throw new UnsupportedOperationException("backend '" + backend() + "' cannot resume deployment '" + deployment
                + "': it does not implement ContainerLauncher.resume");
    }

    /** Releases connections; running containers are left alone. */
    @Override
    void close();
}
