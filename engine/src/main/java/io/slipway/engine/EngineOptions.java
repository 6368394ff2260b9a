package io.slipway.engine;

import io.slipway.spi.LauncherOption;
import java.time.Duration;

/**
 * The options the Engine-API backends share (docker-run, compose, atomic): how to reach the engine and how to lock
 * a deployment, plus the policies for pulls and failed services. One definition each, so that a key means the same
 * on every backend; each backend lists the ones it takes among its own options.
 */
public final class EngineOptions {

    /** When to pull an image. */
    public enum PullPolicy {
        /** Pull only when the image is not present locally. */
        MISSING,
        /** Pull before every apply. */
        ALWAYS,
        /** Never pull: a missing image fails its service. */
        NEVER;

        /**
         * The policy for {@code service}'s image: its {@code pull_policy} when it has one (its {@code build} policy
         * pulls base images as {@code backend} says), else {@code backend}, the backend's {@code pull} option. A
         * refresh policy ({@code daily}, {@code weekly}, {@code every_*}) is {@link #MISSING} for an image that is
         * pulled, with {@link #refreshPeriod} saying when a present one is pulled again; for a built image, whose
         * last pull the engine does not record, base images follow {@code backend}, as with {@code build}.
         */
        public static PullPolicy forService(io.slipway.spec.ServiceSpec service, PullPolicy backend) {
            io.slipway.spec.ImagePull p = service.pullPolicy();
            if (p == null) {
                return backend;
            }
            return switch (p.kind()) {
                case ALWAYS -> ALWAYS;
                case NEVER -> NEVER;
                case MISSING -> MISSING;
                case BUILD -> backend;
                case REFRESH -> service.build() == null ? MISSING : backend;
            };
        }

        /**
         * For a service whose image is pulled (not built) under a refresh {@code pull_policy}, the age at which a
         * present image is pulled again; else null.
         */
        public static java.time.Duration refreshPeriod(io.slipway.spec.ServiceSpec service) {
            io.slipway.spec.ImagePull p = service.pullPolicy();
            return p != null && p.refresh() && service.build() == null ? p.period() : null;
        }

        /** How a refusal to pull names this policy: the service's {@code pull_policy}, or the backend's option. */
        public static String describe(io.slipway.spec.ServiceSpec service, PullPolicy policy) {
            io.slipway.spec.ImagePull p = service.pullPolicy();
            return p != null && p != io.slipway.spec.ImagePull.BUILD && !(p.refresh() && service.build() != null)
                    ? "pull_policy is " + p.composeValue() : "pull=" + policy.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What happens to the containers of services that did not succeed. */
    public enum FailurePolicy {
        /** Leave them, so a user can look (logs, inspect). */
        KEEP,
        /** Remove them once their logs are in the result. */
        REMOVE
    }

    /** {@code on-failure=keep|remove}. */
    public static final LauncherOption<FailurePolicy> ON_FAILURE = LauncherOption.choice("on-failure",
            FailurePolicy.class, FailurePolicy.KEEP, "what to do with containers of failed services");
    /** {@code api-version=1.41}: pin the Engine API version instead of negotiating. */
    public static final LauncherOption<String> API_VERSION = LauncherOption.string("api-version", null,
            "Engine API version to speak (default: negotiated with the engine; env DOCKER_API_VERSION)");
    /** {@code tls-verify=true}. */
    public static final LauncherOption<Boolean> TLS_VERIFY = LauncherOption.bool("tls-verify", false,
            "verify the engine's TLS certificate (default: env DOCKER_TLS_VERIFY)");
    /** {@code cert-path=/path}: the directory with ca.pem, cert.pem, key.pem. */
    public static final LauncherOption<String> CERT_PATH = LauncherOption.string("cert-path", null,
            "directory holding ca.pem, cert.pem and key.pem (default: env DOCKER_CERT_PATH)");
    /** {@code context=NAME}: a docker CLI context, as {@code docker --context NAME}. */
    public static final LauncherOption<String> CONTEXT = LauncherOption.string("context", null,
            "docker CLI context naming the engine, as docker --context (default: the config-string target, else "
                    + "DOCKER_HOST, else DOCKER_CONTEXT, else the CLI's current context, else the local socket)");
    /** {@code lock-timeout=5m}: one writer per deployment; {@code 0s} fails at once when another holds it. */
    public static final LauncherOption<Duration> LOCK_TIMEOUT = LauncherOption.duration("lock-timeout",
            Duration.ofMinutes(5), "how long apply, delete, suspend and resume wait while another writer (thread, "
                    + "process or host) changes the same deployment; 0s fails at once, naming the holder");

    /**
     * The engine {@code config} names, found as the docker CLI finds it: its target, its {@code context},
     * {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the CLI's current context, the local socket
     * ({@link EngineEndpoint#resolve}); {@code tls-verify} and {@code cert-path} apply to whichever is chosen.
     */
    public static EngineEndpoint endpoint(io.slipway.spi.LauncherConfig config, java.util.Map<String, String> env) {
        Boolean tls = config.isSet(TLS_VERIFY) ? config.get(TLS_VERIFY) : null;
        return EngineEndpoint.resolve(config.target().orElse(null), config.get(CONTEXT), tls, config.get(CERT_PATH), env);
    }

    private EngineOptions() {
    }
}
