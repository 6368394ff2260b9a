package io.slipway;

/**
 * Another writer holds the deployment: an apply, delete, suspend or resume of the same deployment runs elsewhere
 * (another thread, process or host on the same engine), and this one did not get it within its
 * {@code lock-timeout} (at once with {@code lock-timeout=0s}, the command line's {@code --no-wait}). Nothing was
 * changed. The message names the holder.
 */
public class DeploymentLockedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String deployment;
    private final String holder;

    /**
     * @param deployment the deployment
     * @param holder who holds it, e.g. {@code pid 4242 on host build-7 since 2026-12-05T13:00:00Z}
     * @param message the whole message
     */
    public DeploymentLockedException(String deployment, String holder, String message) {
        super(message);
        this.deployment = deployment;
        this.holder = holder;
    }

    /** The deployment that is held. */
    public String deployment() {
        return deployment;
    }

    /** Who holds it, in words. */
    public String holder() {
        return holder;
    }
}
