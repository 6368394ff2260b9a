package io.slipway.spi;

import io.slipway.LaunchListener;
import io.slipway.ServiceResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener must not break an apply: what it throws is logged and dropped. */
final class GuardedListener implements LaunchListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final LaunchListener delegate;

    private GuardedListener(LaunchListener delegate) {
        this.delegate = delegate;
    }

    static LaunchListener of(LaunchListener listener) {
        return listener == LaunchListener.NONE || listener instanceof GuardedListener ? listener
                : new GuardedListener(listener);
    }

    @Override
    public void waiting(String service, String containerName, String condition) {
        try {
            delegate.waiting(service, containerName, condition);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    @Override
    public void building(String service, String line) {
        try {
            delegate.building(service, line);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    @Override
    public void imageReady(String service, String image, String how) {
        try {
            delegate.imageReady(service, image, how);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    @Override
    public void stateChanged(String service, String containerName, String state, java.time.Instant time) {
        try {
            delegate.stateChanged(service, containerName, state, time);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    @Override
    public boolean logsOfSucceeded() {
        try {
            return delegate.logsOfSucceeded();
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
            return true;
        }
    }

    @Override
    public void finished(ServiceResult result) {
        try {
            delegate.finished(result);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }
}
