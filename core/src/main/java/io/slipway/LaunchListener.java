package io.slipway;

/**
 * Progress of an {@link ContainerLauncher#apply apply} while it runs, for a human watching (the command
 * line prints it on stderr). Called from the backend's threads, possibly concurrently; implementations
 * must be quick and must not throw. Nothing passed here contains a secret.
 */
public interface LaunchListener {

    /** Ignores everything. */
    LaunchListener NONE = new LaunchListener() {
    };

    /** A service's container was created or found unchanged, and is now being waited for. */
    default void waiting(String service, String containerName, String condition) {
    }

    /**
     * A line the build of {@code service}'s image printed (a {@code Step} of the classic builder, or a line a
     * {@code RUN} wrote), secret values masked. Called once per line as the build goes; an image that several services
     * share is built once and told under the service that builds it.
     */
    default void building(String service, String line) {
    }

    /**
     * The image {@code service} runs is ready: {@code how} says whether it was {@code built}, {@code pulled} or found
     * {@code present}. Called once per service (replicas share it); a backend that cannot tell does not call it.
     */
    default void imageReady(String service, String image, String how) {
    }

    /**
     * A container of {@code service} changed state as the engine reported it ({@code created}, {@code running},
     * {@code healthy}, {@code unhealthy}, {@code exited 0}, …) at the engine's own {@code time} (null when the engine
     * gave none). A backend that follows no engine events does not call it.
     */
    default void stateChanged(String service, String containerName, String state, java.time.Instant time) {
    }

    /** A service reached its outcome. */
    default void finished(ServiceResult result) {
    }

    /**
     * Whether the result of a service that succeeded carries its log tail ({@link ServiceResult#logs()}); reading it
     * costs the engine a call per container. A service that did not succeed always has its tail. Yes by default; a
     * caller that shows no succeeded service's output (the command line's text output) says no, and an unchanged
     * re-apply of many services then reads no log at all. A backend may still give a tail it has at no cost.
     */
    default boolean logsOfSucceeded() {
        return true;
    }
}
