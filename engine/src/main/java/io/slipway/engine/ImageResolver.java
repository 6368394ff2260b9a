package io.slipway.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.engine.EngineOptions.PullPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes an image present by the pull policy and returns its id. Pulls of one image are done once even
 * when several services use it. A failure is an {@link ImageException} naming the image and why.
 */
public final class ImageResolver {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageResolver.class);

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
        return resolve(image, policy, null, named);
    }

    /**
     * The id of {@code image}, pulling it if {@code policy} says so or, with a {@code refresh} period (a
     * {@code pull_policy} of {@code daily}, {@code weekly} or {@code every_*}), when the present image's last pull
     * (the engine's {@code Metadata.LastTagTime}, set by a pull or a tag) is at least that old or unknown.
     *
     * @param refresh the refresh period, or null for none
     * @param named how a refusal names the policy, e.g. {@code pull_policy is never}
     */
    public String resolve(String image, PullPolicy policy, Duration refresh, String named)
            throws ImageException, InterruptedException {
        synchronized (locks.computeIfAbsent(image, k -> new Object())) {
            InspectImageResponse present = inspect(image);
            String id = present == null ? null : present.getId();
            boolean stale = false;
            if (present != null && refresh != null) {
                Instant last = lastPulled(present.getRawValues());
                stale = io.slipway.spec.ImagePull.due(refresh, last, Instant.now());
                if (stale) {
                    LOG.info("Pulling image {}: {} and its last pull was {}", image, named,
                            last == null ? "not recorded" : "at " + last);
                }
            }
            if (policy == PullPolicy.ALWAYS || stale || (id == null && policy == PullPolicy.MISSING)) {
                // A service's own pull_policy is named in a failure, as a refusal names it: it says why it pulled.
                pull(image, named.startsWith("pull_policy") ? " (" + named + ")" : "");
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

    /**
     * When the image of an image inspect's raw answer was last pulled or tagged ({@code Metadata.LastTagTime}), or
     * null when the engine has no record: the key is absent (engines before API 1.40, images that were only built
     * or imported) or the zero time {@code 0001-01-01T00:00:00Z}.
     */
    public static Instant lastPulled(Map<String, Object> raw) {
        Object metadata = raw == null ? null : raw.get("Metadata");
        Object time = metadata instanceof Map<?, ?> m ? m.get("LastTagTime") : null;
        if (!(time instanceof String s) || s.isBlank()) {
            return null;
        }
        try {
            Instant t = Instant.parse(s);
            return t.isBefore(Instant.parse("1970-01-02T00:00:00Z")) ? null : t;
        } catch (DateTimeParseException e) {
            LOG.debug("Unreadable LastTagTime '{}': counted as unknown", s);
            return null;
        }
    }

    private InspectImageResponse inspect(String image) {
        try {
            return docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The id of {@code image} as the engine has it now, or null when it has none (nothing is pulled). */
    public String localId(String image) {
        InspectImageResponse i = inspect(image);
        return i == null ? null : i.getId();
    }

    /** Pulls {@code image}; {@code why} follows its name in a failure, e.g. {@code " (pull_policy is always)"}. */
    private void pull(String image, String why) throws ImageException, InterruptedException {
        QuietPull callback = new QuietPull();
        try (QuietPull c = docker.pullImageCmd(image).exec(callback)) {
            boolean done = c.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (c.error != null) {
                throw c.error;
            }
            if (!done) {
                throw new ImageException("pulling image '" + image + "'" + why + " did not finish within "
                        + pullTimeout.toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            throw new ImageException("cannot pull image '" + image + "'" + why + ": " + DockerEngine.rootMessage(e));
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
