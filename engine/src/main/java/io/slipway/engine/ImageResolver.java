package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.engine.EngineOptions.PullPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes an image present by the pull policy and returns its id. Pulls of one image are done once even
 * when several services use it. A failure is an {@link ImageException} naming the image and why.
 */
public final class ImageResolver {

    /** An image that is not there and cannot be had. */
    public static final class ImageException extends Exception {
        private static final long serialVersionUID = 1L;

        ImageException(String message) {
            super(message);
        }
    }

    private final DockerClient docker;
    private final PullPolicy policy;
    private final Duration pullTimeout;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param policy the backend's {@code pull} option, for services without a {@code pull_policy}
     * @param pullTimeout how long one pull may take
     */
    public ImageResolver(DockerClient docker, PullPolicy policy, Duration pullTimeout) {
        this.docker = docker;
        this.policy = policy;
        this.pullTimeout = pullTimeout;
    }

    /** The id of {@code image}, pulling it if the backend's policy says so. */
    public String resolve(String image) throws ImageException, InterruptedException {
        return resolve(image, policy, "pull=" + policy.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The backend's pull policy, for a service without its own. */
    public PullPolicy policy() {
        return policy;
    }

    /**
     * The id of {@code image}, pulling it if {@code policy} (a service's {@code pull_policy}, or the backend's) says so.
     *
     * @param named how a refusal names the policy, e.g. {@code pull_policy is never}
     */
    public String resolve(String image, PullPolicy policy, String named) throws ImageException, InterruptedException {
        synchronized (locks.computeIfAbsent(image, k -> new Object())) {
            String id = localId(image);
            if (policy == PullPolicy.ALWAYS || (id == null && policy == PullPolicy.MISSING)) {
                pull(image);
                id = localId(image);
            }
            if (id == null) {
                throw new ImageException(policy == PullPolicy.NEVER
                        ? "image '" + image + "' is not present locally and " + named
                        : "image '" + image + "' is still not present after pulling it");
            }
            return id;
        }
    }

    /** The id of {@code image} as the engine has it now, or null when it has none (nothing is pulled). */
    public String localId(String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void pull(String image) throws ImageException, InterruptedException {
        QuietPull callback = new QuietPull();
        try (QuietPull c = docker.pullImageCmd(image).exec(callback)) {
            boolean done = c.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (c.error != null) {
                throw c.error;
            }
            if (!done) {
                throw new ImageException("pulling image '" + image + "' did not finish within "
                        + pullTimeout.toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            throw new ImageException("cannot pull image '" + image + "': " + DockerEngine.rootMessage(e));
        } catch (java.io.IOException e) {
            // closing the finished pull stream failed: nothing to report
        }
    }

    /** A pull whose failure is reported by us, with the image's name, rather than logged at ERROR by docker-java. */
    private static final class QuietPull extends PullImageResultCallback {
        private volatile RuntimeException error;

        @Override
        public void onError(Throwable t) {
            error = t instanceof RuntimeException r ? r : new RuntimeException(t);
            onComplete();
        }
    }
}
